"""The .xlsx trackers of tests/trackers, written with openpyxl (the tests write them into their
own folder; run this file to write them anywhere: python tests/trackers/make_workbooks.py DIR).

They are made by this script rather than committed because a workbook is a zip of XML that no
review can read: here every merged cell, hidden column, formula, validation list and frozen pane
is one line of Python, and a change to a tracker is a readable diff. The CSV trackers are
committed as they are, because their point is their exact bytes (Windows-1252, BOM, CRLF).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

RAG_LIST = ("Red", "Amber", "Green", "Blue")
STATUS_LIST = ("Not started", "In progress", "On hold", "Overdue", "Delayed", "Complete")


def council_workbook(path: Path) -> Path:
    """A council's tracker workbook: a cover sheet first, then the tracker under a two-row
    title block with merged group headers ("Target date" over "Original" / "Revised"), a frozen
    pane, validation lists kept on a hidden sheet, a formula column, a hidden column, weakness
    cells written as code and name, no plan column (the title names the plan), status words of
    the open kind, and a merged notes block under the data. A second tracker-shaped sheet,
    "Archive", holds closed actions."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover.append(["SEND & AP Improvement Board"])
    cover.append(["Action tracker: instructions"])
    cover.append(["Action leads update the Status and Progress update columns before each board."])
    cover.append(["The RAG rating is agreed at the board and entered by the programme office."])

    ws = book.create_sheet("Actions")
    ws.append(["Birmingham SEND & AP Improvement Plan 2025 – action tracker"])
    ws.merge_cells("A1:L1")
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["Position for the board meeting of 20 November 2025"])
    ws.merge_cells("A2:L2")
    ws.append([])
    ws.append(["Ref", "Area of weakness", "Action", "Lead officer", "SRO", "Organisation", "Target date", None,
               "Status", "RAG rating", "Progress update", "Days overdue", "Internal ref"])
    ws.append([None, None, None, None, None, None, "Original", "Revised"])
    for column in "ABCDEFIJKLM":
        ws.merge_cells(f"{column}4:{column}5")
    ws.merge_cells("G4:H4")
    rows = [
        ("IP25-09.2", "W09 EHC plan quality", "Quality of annual review amendments", "Grace Lin", "Helena Marsh",
         "Birmingham City Council", datetime(2026, 9, 28), None, "In progress", "Green",
         "Amendments audit: 85% of amendments issued within four weeks", "X-118"),
        ("IP25-09.3", "W09 EHC plan quality", "Family feedback on plan quality", "Bev Collins", "Helena Marsh",
         "Birmingham Parent Carer Forum", datetime(2026, 9, 28), None, "On hold", "Amber",
         "Survey paused while the Parent Carer Forum recruits a coordinator", "X-119"),
        ("IP25-09.4", "W09 – EHC plan quality", "EHCP quality assurance at annual review", "Grace Lin",
         "Helena Marsh", "Birmingham City Council", datetime(2026, 2, 28), datetime(2026, 4, 30), "Delayed",
         "Amber", "QA panel moved to monthly; new date agreed with the SRO", "X-120"),
        ("IP25-09.1", "W09: EHC plan quality", "Workforce training on outcome writing", "Grace Lin",
         "Helena Marsh", "Birmingham City Council", datetime(2025, 10, 31), None, "Overdue", "Amber",
         "Two of five cohorts trained; trainer vacancy filled from January", "X-121"),
        ("IP25-09.6", "W09 EHC plan quality", "Multi-agency advice quality standard", "Daniel Okafor",
         "Helena Marsh", "Birmingham City Council", datetime(2026, 3, 31), None, "Not started", "Green",
         "Standard drafted with health and social care colleagues", "X-131"),
        ("IP25-08.1", "W08 Local offer", "Local Offer content in community languages", "Tom Whitfield",
         "Helena Marsh", "Birmingham City Council", datetime(2026, 9, 28), None, "Complete", "Blue",
         "Content live in five community languages; visits up 30%", "X-101"),
    ]
    for n, (ref, area, action, lead, sro, org, target, revised, status, rag, update, internal) in enumerate(rows, 6):
        ws.append([ref, area, action, lead, sro, org, target, revised, status, rag, update,
                   f'=IF(H{n}="",TODAY()-G{n},TODAY()-H{n})', internal])
        ws.cell(n, 7).number_format = ws.cell(n, 8).number_format = "dd/mm/yyyy"
    ws.append([])
    ws.append(["RAG key: Red = off track and needs the board; Amber = at risk; Green = on track; "
               "Blue = complete. Status is kept by the action lead; the RAG is agreed at the board."])
    ws.merge_cells("A13:L15")
    ws.freeze_panes = "C6"
    ws.column_dimensions["M"].hidden = True

    lists = book.create_sheet("Lists")
    for n, word in enumerate(RAG_LIST, 1):
        lists.cell(n, 1, word)
    for n, word in enumerate(STATUS_LIST, 1):
        lists.cell(n, 2, word)
    lists.sheet_state = "hidden"
    rag = DataValidation(type="list", formula1="=Lists!$A$1:$A$4", allow_blank=True)
    status = DataValidation(type="list", formula1="=Lists!$B$1:$B$6", allow_blank=True)
    ws.add_data_validation(rag)
    ws.add_data_validation(status)
    rag.add("J6:J200")
    status.add("I6:I200")

    archive = book.create_sheet("Archive")
    archive.append(["Ref", "Area of weakness", "Action", "Lead officer", "Status"])
    archive.append(["APP-09.1", "W09 EHC plan quality", "EHCP quality assurance framework", "Grace Lin", "Complete"])
    archive.append(["APP-09.4", "W09 EHC plan quality", "Workforce training on outcome writing", "Grace Lin",
                    "Carried forward"])
    book.save(path)
    return path


def grouped_workbook(path: Path) -> Path:
    """A tracker grouped by weakness: no weakness column, a merged heading row above each
    group ("W05 Co-production", "Area 6: Parental engagement"), a frozen header, a row hidden
    by a filter, the status words that close an action (carried forward, no longer required),
    and a second sheet of notes."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Tracker"
    ws.append(["No.", "Action", "Action owner", "Lead agency", "Deadline", "Status", "BRAG", "Update on progress"])
    ws.freeze_panes = "A2"
    groups = [
        ("W05 Co-production", [
            ("IP25-05.2", "Show co-production at every level of the system", "Bev Collins",
             "Birmingham Parent Carer Forum", datetime(2026, 3, 28), "Ongoing", "A",
             "Co-production charter signed by schools' forum; health partners next"),
        ]),
        ("Area 6: Parental engagement", [
            ("IP25-06.1", "SENDIASS operating model with PCF co-working", "Marcus Hale",
             "Birmingham City Council", datetime(2026, 6, 28), "In progress", "G",
             "Joint drop-in sessions in three localities"),
        ]),
        ("W13 Employment and adulthood", [
            ("IP25-13.1", "Employer partnerships for young people with SEND", "Owen Price",
             "Birmingham City Council", datetime(2026, 9, 28), "No longer required", "A",
             "Replaced by the regional supported internships programme"),
            ("IP25-13.3", "Supported employment for adults with learning disabilities", "Owen Price",
             "Birmingham City Council", datetime(2026, 3, 28), "Carried forward", "A",
             "Carried into the adults' services plan from April"),
        ]),
    ]
    for heading, actions in groups:
        ws.append([heading])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=8)
        for action in actions:
            ws.append(list(action))
            ws.cell(ws.max_row, 5).number_format = "dd/mm/yyyy"
    ws.row_dimensions[5].hidden = True  # filtered out by whoever saved it last
    notes = book.create_sheet("Notes")
    notes.append(["BRAG is agreed at each board; updates are written by action owners."])
    book.save(path)
    return path


def write_workbooks(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {"council-workbook.xlsx": council_workbook(folder / "council-workbook.xlsx"),
            "grouped-by-weakness.xlsx": grouped_workbook(folder / "grouped-by-weakness.xlsx")}


if __name__ == "__main__":
    for written in write_workbooks(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).values():
        print(written)
