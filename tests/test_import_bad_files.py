"""Trackers that are damaged, odd or built to be too big: each is refused with a sentence naming
the file (and the line, cell or sheet) and what to do, exit 2, no traceback, the pack byte for
byte as it was; the big ones within their limits, checked before the work, in bounded memory."""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from pathlib import Path

import pytest
from importhelp import check_said
from peak import run_with_peak

from boardtui.store.limits import CELL_CHARS, PROBLEMS_LISTED, TRACKER_CELLS

# Memory a refused file may cost, in MB: the command's own start (Python, DuckDB, the pack) is
# about 100 of it.
REFUSED_PEAK_MB = 300
HEADER = "ID,Weakness,Plan,Action,Lead,Organisation,Target date,Status,RAG\r\n"
ROW = "IP25-09.{n},W09,IP25,Title {n},Grace Lin,Birmingham City Council,31/03/2026,In progress,Amber\r\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(pack: Path, tracker: Path, *, peak_below: float | None = None) -> str:
    """Import ``tracker``; assert exit 2, one problem line naming the file, the pack unchanged
    and no log left; the problem line."""
    before = digest(pack)
    result, peak = run_with_peak("import", str(pack), str(tracker))
    check_said(result)
    assert result.returncode == 2, result.stdout
    problems = [line for line in result.stderr.splitlines() if tracker.name in line]
    assert problems and all(line.startswith("boardtui: ") for line in result.stderr.splitlines())
    assert digest(pack) == before and not pack.with_name(pack.name + ".wal").exists()
    if peak_below is not None:
        assert peak < peak_below, f"{peak:.0f} MB"
    return problems[0]


def test_new_actions_with_no_organisation_column_are_a_named_problem(demo_pack, tmp_path):
    tracker = tmp_path / "no-org.csv"
    tracker.write_text(
        "ID,Weakness,Plan,Action,Lead,Target date,Status,RAG\n"
        "IP25-09.1000,W09,IP25,Title 0,Grace Lin,31/03/2026,In progress,Amber\n",
        encoding="utf-8",
    )
    line = refused(demo_pack, tracker)
    assert line == (
        f"boardtui: {tracker} has no column for the lead organisation, which new actions need (row 2): "
        "add a column headed 'Organisation', or give one for every row under [defaults] in a mapping "
        'file ("lead organisation" = "…")'
    )


def test_utf16_with_an_odd_number_of_bytes(demo_pack, tmp_path):
    tracker = tmp_path / "odd.csv"
    tracker.write_bytes((HEADER + ROW.format(n=1)).encode("utf-16") + b"\x00")
    assert "starts with the mark of UTF-16 text but has an odd number of bytes" in refused(demo_pack, tracker)


def test_utf8_with_a_bom_and_a_byte_that_is_not_utf8(demo_pack, tmp_path):
    tracker = tmp_path / "bom.csv"
    tracker.write_bytes(
        b"\xef\xbb\xbf" + HEADER.encode() + b"IP25-09.1,W09,IP25,Caf\xe9 plan,Grace Lin,"
        b"Birmingham City Council,31/03/2026,Open,Amber\r\n"
    )
    line = refused(demo_pack, tracker)
    assert "starts with the mark of UTF-8 text, but byte 92 (line 2) is not UTF-8" in line
    assert "save it again as 'CSV UTF-8'" in line


@pytest.mark.parametrize("length", [CELL_CHARS + 1, 200_000])
def test_a_cell_longer_than_a_spreadsheet_cell(demo_pack, tmp_path, length):
    tracker = tmp_path / "long.csv"
    tracker.write_text(HEADER + ROW.format(n=1) + ROW.format(n=2).replace("Title 2", "x" * length), encoding="utf-8")
    line = refused(demo_pack, tracker)
    assert f"a cell on line 3 is longer than {CELL_CHARS:,} characters" in line
    assert len(line) < 400


def test_a_cell_as_long_as_a_spreadsheet_allows_is_read(demo_pack, tmp_path):
    tracker = tmp_path / "full.csv"
    tracker.write_text(HEADER + ROW.format(n=501).replace("Title 501", "x" * CELL_CHARS), encoding="utf-8")
    result, _ = run_with_peak("import", str(demo_pack), str(tracker), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "new action 'xxxxx" in result.stdout and "…'" in result.stdout  # echoed cut short


def test_an_unterminated_quote_is_a_named_problem_not_a_silent_import(demo_pack, tmp_path):
    tracker = tmp_path / "quote.csv"
    tracker.write_text(
        HEADER + ROW.format(n=1) + ROW.format(n=2).replace("Title 2", '"Title 2') + ROW.format(n=3), encoding="utf-8"
    )
    line = refused(demo_pack, tracker)
    assert 'a quote (") opens a cell on line 3 and is never closed' in line


def test_text_after_a_closing_quote_is_a_named_problem(demo_pack, tmp_path):
    tracker = tmp_path / "after.csv"
    tracker.write_text(HEADER + ROW.format(n=1).replace("Title 1", '"Title" one'), encoding="utf-8")
    assert "on line 2 a cell's closing quote is followed by more of the cell" in refused(demo_pack, tracker)


def test_a_tracker_file_over_the_size_limit_is_refused_before_it_is_read(demo_pack, tmp_path):
    tracker = tmp_path / "huge.csv"
    with tracker.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(21_000_000)  # sparse: 21 MB of nothing, on any disk
    line = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert "is 21 MB, larger than a tracker boardtui imports (up to 20 MB)" in line


def test_too_many_cells_are_refused_as_they_are_read(demo_pack, tmp_path):
    tracker = tmp_path / "cells.csv"
    columns = 500
    rows = TRACKER_CELLS // columns + 10
    line = ",".join(["a"] * columns) + "\n"
    tracker.write_text(line * rows, encoding="utf-8")  # 1 MB: the cells, not the bytes, are too many
    said = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert f"the most is 100,000 rows, 1,000 columns and {TRACKER_CELLS:,} cells" in said


def test_problems_are_listed_up_to_a_limit_then_counted(demo_pack, tmp_path):
    tracker = tmp_path / "bad-rag.csv"
    tracker.write_text(
        HEADER + "".join(ROW.format(n=n).replace("Amber", "Purple") for n in range(1, 3001)), encoding="utf-8"
    )
    before = digest(demo_pack)
    result, _ = run_with_peak("import", str(demo_pack), str(tracker))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert sum("'Purple' is not" in line for line in lines) == PROBLEMS_LISTED
    assert f"boardtui: … and {3000 - PROBLEMS_LISTED} more problem(s) like these, not listed" in lines
    assert "3000 problem(s) in" in lines[-1] and len(result.stderr) < 100_000
    assert digest(demo_pack) == before


def _workbook(path: Path, far: str, *, dimension: str | None = None, padding: int = 0) -> Path:
    """A small workbook with a tracker's header and one cell at ``far``; ``dimension``: what its
    sheet says its used range is (openpyxl writes the true one); ``padding``: spaces in an XML
    comment after the sheet's last element (valid XML, that packs to almost nothing)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(HEADER.strip().split(","))
    sheet.append(ROW.format(n=501).strip().split(","))
    sheet[far] = "stray"
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                if dimension is not None:
                    data, count = re.subn(
                        rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'.encode(), data
                    )
                    assert count == 1
                if padding:
                    data += b"<!--" + b" " * padding + b"-->"
            target.writestr(part, data)
    plain.unlink()
    return path


def test_a_workbook_with_one_cell_at_the_last_cell_of_a_sheet(demo_pack, tmp_path):
    tracker = _workbook(tmp_path / "far.xlsx", "XFD1048576")
    assert tracker.stat().st_size < 10_000
    line = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert "sheet 'Actions', reaches cell XFD1048576 (1,048,576 rows by 16,384 columns" in line
    assert "Ctrl+End" in line


def test_a_workbook_that_understates_its_used_range(demo_pack, tmp_path):
    tracker = _workbook(tmp_path / "hidden-far.xlsx", "XFD1048576", dimension="A1:I2")
    line = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert "reaches cell XFD1048576" in line


def test_a_zip_bomb_is_refused_by_what_its_parts_say_they_unpack_to(demo_pack, tmp_path):
    tracker = _workbook(tmp_path / "bomb.xlsx", "J1", padding=60_000_000)
    assert tracker.stat().st_size < 1_000_000
    line = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert "unpacks to 60 MB in" in line and "up to 50 MB" in line


def test_a_zip_part_that_lies_about_its_size_unpacks_no_further(demo_pack, tmp_path):
    tracker = _workbook(tmp_path / "liar.xlsx", "J1", padding=60_000_000)
    data = bytearray(tracker.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # The sheet's unpacked size, in its local header and in the central directory, says 10 KB.
    for signature, name_offset, size_offset in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while at != -1:
            if data[at + name_offset : at + name_offset + len(name)] == name:
                struct.pack_into("<I", data, at + size_offset, 10_000)
            at = data.find(signature, at + 4)
    tracker.write_bytes(bytes(data))
    line = refused(demo_pack, tracker, peak_below=REFUSED_PEAK_MB)
    assert "could not be read as an Excel workbook" in line and "save it again as .xlsx" in line
