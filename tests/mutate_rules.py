"""Hand mutation run over the board's rules (not part of the suite: run it by hand).

Each mutant changes one comparison or choice in the SQL that applies the rules (queries/rules.sql
and macros.sql above all, and the queries built on them) or in the Python that checks what may be recorded
(boardtui/store/recording.py, the importer's closed-action rule). For each, a copy of the
checkout is mutated and the rule tests run against it; a mutant the tests do not catch
"survives". The run first checks that the unmutated copy passes.

    python tests/mutate_rules.py            # every mutant
    python tests/mutate_rules.py -k macros  # those whose file or name contains 'macros'

Takes a few minutes (each mutant runs the rule tests, stopping at the first failure).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RULE_TESTS = [
    "tests/test_rules_boundaries.py",
    "tests/test_rules_properties.py",
    "tests/test_rules_recording.py",
    "tests/test_import_closed_actions.py",
]


@dataclass(frozen=True)
class Mutant:
    file: str
    name: str
    old: str
    new: str


R = "queries/rules.sql"
M = "queries/macros.sql"
MUTANTS = [
    # -- rules.sql: BRAG order and direction
    Mutant(
        R,
        "brag_rank: A and G swapped",
        "WHEN 'A' THEN 2 WHEN 'G' THEN 3 WHEN 'B' THEN 4 END;\n\nCREATE OR REPLACE TEMP MACRO brag_of_rank",
        "WHEN 'A' THEN 3 WHEN 'G' THEN 2 WHEN 'B' THEN 4 END;\n\nCREATE OR REPLACE TEMP MACRO brag_of_rank",
    ),
    Mutant(
        R,
        "brag_rank: B ranked below G",
        "WHEN 'G' THEN 3 WHEN 'B' THEN 4 END;\n\nCREATE OR REPLACE TEMP MACRO brag_of_rank",
        "WHEN 'G' THEN 3 WHEN 'B' THEN 0 END;\n\nCREATE OR REPLACE TEMP MACRO brag_of_rank",
    ),
    Mutant(
        R,
        "direction: > becomes >=",
        "brag_rank(now_brag) > brag_rank(prev_brag)",
        "brag_rank(now_brag) >= brag_rank(prev_brag)",
    ),
    Mutant(
        R,
        "direction: < becomes <=",
        "brag_rank(now_brag) < brag_rank(prev_brag)",
        "brag_rank(now_brag) <= brag_rank(prev_brag)",
    ),
    Mutant(
        R,
        "direction: arrows swapped",
        "THEN '↑'\n        WHEN brag_rank(now_brag) < brag_rank(prev_brag) THEN '↓'",
        "THEN '↓'\n        WHEN brag_rank(now_brag) < brag_rank(prev_brag) THEN '↑'",
    ),
    Mutant(
        R,
        "direction: no previous rating gives →",
        "WHEN now_brag IS NULL OR prev_brag IS NULL THEN ''",
        "WHEN now_brag IS NULL THEN ''",
    ),
    # -- rules.sql: live
    Mutant(R, "is_live: started on the date is not live", "start_date <= as_of", "start_date < as_of"),
    Mutant(R, "is_live: closed on the date still live", "closed_date <= as_of);", "closed_date < as_of);"),
    Mutant(
        R,
        "is_live: withdrawn stays live",
        "status IN ('carried forward', 'withdrawn')",
        "status IN ('carried forward')",
    ),
    Mutant(
        R,
        "is_live: complete leaves the record",
        "status IN ('carried forward', 'withdrawn')",
        "status IN ('carried forward', 'withdrawn', 'complete')",
    ),
    # -- macros.sql: meetings in order
    Mutant(M, "board_meetings: previous date is the next", "coalesce(lag(date) OVER", "coalesce(lead(date) OVER"),
    Mutant(
        M,
        "board_meetings: previous id is the next",
        "lag(id) OVER (ORDER BY date, id) AS prev_id",
        "lead(id) OVER (ORDER BY date, id) AS prev_id",
    ),
    Mutant(M, "board_meetings: review meetings count", "FROM meeting\n    WHERE kind = 'board';", "FROM meeting;"),
    # -- rules.sql and macros.sql: the latest rating at or before
    Mutant(
        R,
        "latest_rating: a rating on the date itself is not seen",
        "FILTER (WHERE day <= as_of);",
        "FILTER (WHERE day < as_of);",
    ),
    Mutant(R, "latest_rating: later ratings are seen", "FILTER (WHERE day <= as_of);", "FILTER (WHERE true);"),
    Mutant(
        R,
        "latest_rating: the earliest instead of the latest",
        "arg_max(value, latest_first)",
        "arg_min(value, latest_first)",
    ),
    Mutant(
        R,
        "rating_order: when recorded outranks the meeting",
        "(datediff('day', DATE '1900-01-01', day)::HUGEINT * 100000000000000000000",
        "(datediff('day', DATE '1900-01-01', day)::HUGEINT * 0",
    ),
    Mutant(
        M,
        "ratings_at: a rating at the meeting itself is not seen",
        "JOIN cur ON m.date <= cur.date",
        "JOIN cur ON m.date < cur.date",
    ),
    Mutant(
        M,
        "ratings_at: earliest rationale instead of latest",
        "latest_rating(rationale, latest_first, date, as_of)",
        "latest_rating(rationale, -latest_first, date, as_of)",
    ),
    Mutant(
        M,
        "ratings_at: the previous BRAG is the current one",
        "latest_rating(brag, latest_first, date, prev_as_of) AS prev_brag",
        "latest_rating(brag, latest_first, date, as_of) AS prev_brag",
    ),
    Mutant(
        M,
        "ratings_at: last rated is the first",
        "latest_rating(date, latest_first, date, as_of) AS rated_on",
        "min(date) AS rated_on",
    ),
    # -- rules.sql: overdue and the target in force
    Mutant(
        R,
        "overdue on the target date itself",
        "target_revised_on, as_of) < as_of;",
        "target_revised_on, as_of) <= as_of;",
    ),
    Mutant(
        R,
        "target in force: a revision counts before it was agreed",
        "CASE WHEN target_revised_on <= as_of THEN",
        "CASE WHEN target_revised_on IS NOT NULL THEN",
    ),
    Mutant(
        R,
        "target in force: a revision counts only the day after it was agreed",
        "CASE WHEN target_revised_on <= as_of THEN",
        "CASE WHEN target_revised_on < as_of THEN",
    ),
    Mutant(
        R,
        "target in force: the original target always",
        "coalesce(revised_in_force(revised_target_date, target_revised_on, as_of), target_date);",
        "target_date;",
    ),
    Mutant(R, "overdue: unrated is never overdue", "coalesce(brag, '') <> 'B'", "brag <> 'B'"),
    Mutant(R, "overdue: Blue is overdue too", "coalesce(brag, '') <> 'B'", "true"),
    Mutant(
        M,
        "revised target shown before it was agreed",
        "revised_in_force(a.revised_target_date, a.target_revised_on, cur.date) AS revised_as_at",
        "a.revised_target_date AS revised_as_at",
    ),
    Mutant(
        M,
        "revised target shown from the day after it was agreed",
        "revised_in_force(a.revised_target_date, a.target_revised_on, cur.date) AS revised_as_at",
        "revised_in_force(a.revised_target_date, a.target_revised_on, cur.date - 1) AS revised_as_at",
    ),
    # -- rules.sql and macros.sql: a weakness's BRAG
    Mutant(
        R,
        "derived_brag: best instead of worst",
        "brag_of_rank(min(brag_rank(brag))",
        "brag_of_rank(max(brag_rank(brag))",
    ),
    Mutant(R, "derived_brag: every action counts, live or not", "FILTER (WHERE counts)", "FILTER (WHERE true)"),
    Mutant(R, "weakness_brag: derived before the board's own", "coalesce(own, derived)", "coalesce(derived, own)"),
    Mutant(
        R,
        "board_rating: the board's first word at a meeting",
        "arg_max(brag, (recorded_at, id))",
        "arg_min(brag, (recorded_at, id))",
    ),
    Mutant(
        M,
        "weakness_brag_at: every action counts, live or not",
        "derived_brag(r.brag, is_live(a.start_date, a.status, a.closed_date, cur.date)) AS brag",
        "derived_brag(r.brag, true) AS brag",
    ),
    Mutant(
        M,
        "weakness_brag_at: previous BRAG from actions live now",
        "derived_brag(r.prev_brag, is_live(a.start_date, a.status, a.closed_date, cur.prev_date))",
        "derived_brag(r.prev_brag, is_live(a.start_date, a.status, a.closed_date, cur.date))",
    ),
    Mutant(
        M,
        "weakness_brag_at: the board's rating carries to the next meeting",
        "LEFT JOIN own own_now ON own_now.weakness = w.code AND own_now.meeting = meeting_id",
        "LEFT JOIN own own_now ON own_now.weakness = w.code",
    ),
    Mutant(
        M,
        "weakness_brag_at: direction against this meeting's own rating",
        "LEFT JOIN own own_prev ON own_prev.weakness = w.code AND own_prev.meeting = cur.prev_id",
        "LEFT JOIN own own_prev ON own_prev.weakness = w.code AND own_prev.meeting = meeting_id",
    ),
    # -- macros.sql: monitoring
    Mutant(M, "monitoring_at: a judgement on the date is not yet made", "AND date <= as_of", "AND date < as_of"),
    Mutant(
        M, "monitoring_at: the first judgement counts", "arg_max(outcome, (date, id))", "arg_min(outcome, (date, id))"
    ),
    Mutant(
        M,
        "monitoring_at: left formal monitoring still monitored",
        "THEN latest.outcome || ', ' || strftime(latest.date, '%b %Y')\n                ELSE 'monitored' END AS status,\n           coalesce(latest.outcome NOT IN ('sufficient', 'left formal monitoring'), true)",
        "THEN latest.outcome || ', ' || strftime(latest.date, '%b %Y')\n                ELSE 'monitored' END AS status,\n           coalesce(latest.outcome NOT IN ('sufficient'), true)",
    ),
    Mutant(
        M,
        "monitoring_at: no judgement is not monitored",
        "'left formal monitoring'), true)",
        "'left formal monitoring'), false)",
    ),
    Mutant(
        M,
        "monitoring_at: any outcome counts (a finding too)",
        "AND outcome IN ('sufficient', 'left formal monitoring', 'not sufficient',\n                          'remains under monitoring')",
        "",
    ),
    # -- the queries built on the macros
    Mutant(
        "queries/dashboard.sql",
        "dashboard: every action counts, live or not",
        "derived_brag(brag, live_now) AS derived",
        "derived_brag(brag, true) AS derived",
    ),
    Mutant(
        "queries/dashboard.sql",
        "dashboard: previous BRAG from actions live now",
        "derived_brag(prev_brag, live_prev) AS derived_prev",
        "derived_brag(prev_brag, live_now) AS derived_prev",
    ),
    Mutant(
        "queries/dashboard.sql",
        "dashboard: overdue counted among actions gone",
        "count(*) FILTER (WHERE live_now AND overdue)",
        "count(*) FILTER (WHERE overdue)",
    ),
    Mutant(
        "queries/dashboard.sql",
        "dashboard: derived before the board's own",
        "weakness_brag(own_now.brag, c.derived) AS brag",
        "weakness_brag(c.derived, own_now.brag) AS brag",
    ),
    Mutant(
        "queries/matrix.sql",
        "matrix: derived before the board's own",
        "weakness_brag(own.brag, derived.brag)",
        "weakness_brag(derived.brag, own.brag)",
    ),
    Mutant(
        "queries/matrix.sql",
        "matrix: a rating held from the day after its meeting",
        "JOIN held h ON h.since <= bm.date",
        "JOIN held h ON h.since < bm.date",
    ),
    Mutant(
        "queries/matrix.sql",
        "matrix: a rating held on the day of the next",
        "(h.until IS NULL OR bm.date < h.until)",
        "(h.until IS NULL OR bm.date <= h.until)",
    ),
    Mutant(
        "queries/matrix.sql",
        "matrix: every action counts, live or not",
        "JOIN page_action a ON a.id = h.action AND is_live(a.start_date, a.status, a.closed_date, bm.date)",
        "JOIN page_action a ON a.id = h.action",
    ),
    Mutant(
        "queries/exceptions.sql",
        "exceptions: overdue left out",
        "WHERE a.brag = 'R' OR a.overdue",
        "WHERE a.brag = 'R'",
    ),
    Mutant("queries/exceptions.sql", "exceptions: red left out", "WHERE a.brag = 'R' OR a.overdue", "WHERE a.overdue"),
    Mutant(
        "queries/agenda_weaknesses.sql",
        "agenda: overdue does not bring a weakness",
        "bool_or(brag = 'R' OR overdue)",
        "bool_or(brag = 'R')",
    ),
    Mutant(
        "queries/agenda_weaknesses.sql",
        "agenda: red does not bring a weakness",
        "bool_or(brag = 'R' OR overdue)",
        "bool_or(overdue)",
    ),
    Mutant(
        "queries/agenda_weaknesses.sql",
        "agenda: monitored weaknesses only (the old agenda)",
        "WHERE mon.monitored OR coalesce(acts.red_or_overdue, false)",
        "WHERE mon.monitored",
    ),
    Mutant(
        "queries/check_problems.sql",
        "check: unrated across every weakness again",
        "  AND a.weakness IN (SELECT weakness FROM on_agenda)\n",
        "",
    ),
    # -- recording.py: what may be recorded
    Mutant(
        "boardtui/store/recording.py",
        "new meeting: on the latest meeting's date allowed",
        'if latest is not None and day <= latest["date"]:',
        'if latest is not None and day < latest["date"]:',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "new meeting: the date check dropped",
        'if latest is not None and day <= latest["date"]:',
        "if False:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "new meeting: far ahead from the limit itself",
        "if day > limit and not far_ahead_ok:",
        "if day >= limit and not far_ahead_ok:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "new meeting: confirmation ignored",
        "if day > limit and not far_ahead_ok:",
        "if day > limit:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "new meeting: far ahead measured in days too many",
        "limit = date.today() + timedelta(days=FAR_AHEAD_DAYS)",
        "limit = date.today() + timedelta(days=FAR_AHEAD_DAYS + 1)",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "start_or_resume: confirmation not passed on",
        "meeting_id = self.new_meeting(day, far_ahead_ok=far_ahead_ok)",
        "meeting_id = self.new_meeting(day)",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "rating: closed actions rated",
        "        self._rated_only_when_open(action)\n        try:",
        "        try:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "closing: a closed action closed again",
        "        self._rated_only_when_open(action)\n        described =",
        "        described =",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "not rated: open counts as closed",
        'if action["status"] == "open":\n            return\n        action_id = action["id"]',
        'if action["status"] == "":\n            return\n        action_id = action["id"]',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "revision: agreed on the approved meeting's date allowed",
        'if settled is not None and agreed <= settled["date"]:',
        'if settled is not None and agreed < settled["date"]:',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "revision: agreed inside approved minutes allowed",
        'if settled is not None and agreed <= settled["date"]:',
        "if False:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "revision: the meeting's date ignored (today)",
        '            agreed, at = meeting["date"], f"at {meeting[\'id\']}',
        "            agreed, at = date.today(), f\"at {meeting['id']}",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "revision: agreed on today whatever was given",
        '"revised_target_date": target, "target_revised_on": agreed}',
        '"revised_target_date": target, "target_revised_on": date.today()}',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "reopen: at a meeting before the closing",
        'if closed is not None and meeting["date"] < closed:',
        "if False:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "reopen: at the closing date refused",
        'if closed is not None and meeting["date"] < closed:',
        'if closed is not None and meeting["date"] <= closed:',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "reopen: withdrawn before approved minutes allowed",
        'if settled is not None and closed is not None and settled["date"] >= closed:',
        'if settled is not None and closed is not None and settled["date"] > closed:',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "reopen: withdrawn always allowed",
        'if action["status"] != "complete":\n            settled',
        "if False:\n            settled",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "reopen: carried into another allowed",
        '            if successors:\n                raise FieldError("action", f"{action_id} was carried forward into',
        '            if False:\n                raise FieldError("action", f"{action_id} was carried forward into',
    ),
    Mutant(
        "boardtui/store/recording.py",
        "weakness rating: review meetings allowed",
        'if meeting["kind"] != "board":',
        "if False:",
    ),
    Mutant(
        "boardtui/store/recording.py",
        "weakness rating: approved minutes allowed",
        '        meeting = self._writable_meeting(meeting_id)\n        if meeting["kind"]',
        '        meeting = self._one("record_meeting_one", id=meeting_id) or {"kind": "board"}\n        if meeting["kind"]',
    ),
    # -- the importer's closed-action rule
    Mutant(
        "boardtui/store/importer/cells.py",
        "import: a rating on the closing date allowed",
        'rating.when >= closed["closed_date"]',
        'rating.when > closed["closed_date"]',
    ),
    Mutant(
        "boardtui/store/importer/cells.py",
        "import: closed actions rated",
        "if closed is not None and rating.when",
        "if False and rating.when",
    ),
    Mutant(
        "boardtui/store/importer/actions.py", "import: a reopening row still refused", 'and new["status"] != "open"', ""
    ),
]


def run_tests(copy: Path) -> tuple[bool, str]:
    env = {**os.environ, "PYTHONPATH": str(copy), "HYPOTHESIS_PROFILE": "mutate"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-n", "0", "-p", "no:cacheprovider", *RULE_TESTS],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    failed = [
        line.split(" ", 1)[1].split(" - ")[0] for line in result.stdout.splitlines() if line.startswith("FAILED ")
    ]
    return result.returncode == 0, (failed[0] if failed else result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-k", action="append", default=[], help="only mutants whose file or name contains this (repeat for several)"
    )
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if not args.k or any(k in m.file or k in m.name for k in args.k)]
    with tempfile.TemporaryDirectory(prefix="boardtui-mutants-") as tmp:
        copy = Path(tmp)
        for part in ("boardtui", "queries", "data", "tests", "pyproject.toml"):
            source = REPO / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / part)
        passed, said = run_tests(copy)
        if not passed:
            print(f"the rule tests fail without any mutation ({said}); fix that first")
            return 2
        survivors = []
        for number, mutant in enumerate(chosen, 1):
            path = copy / mutant.file
            original = path.read_text(encoding="utf-8")
            if original.count(mutant.old) != 1:
                print(f"{mutant.name}: the text to mutate is not found once in {mutant.file}; update the mutant")
                return 2
            path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
            started = time.perf_counter()
            try:
                passed, said = run_tests(copy)
            finally:
                path.write_text(original, encoding="utf-8")
            verdict = "SURVIVED" if passed else f"killed by {said}"
            print(
                f"{number:3}/{len(chosen)} {mutant.file}: {mutant.name}: {verdict} "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
            if passed:
                survivors.append(mutant)
        print(
            f"{len(chosen) - len(survivors)} of {len(chosen)} mutants killed; {len(survivors)} survived"
            + "".join(f"\n  survived: {m.file}: {m.name}" for m in survivors)
        )
        return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
