"""Excel ledgers (台账) as people print them: a merged title, a header row that stays in view and repeats on
every printed page, column widths, wrapped text, thin borders, landscape A4 fitted to the width.

Every text cell, the title's included, is written as text (a string cell, marked with Excel's quote prefix),
so a value starting with = + - @ (or a tab or carriage return) is shown as typed and never evaluated, and
reads back as it was written: no visible apostrophe that a re-uploaded ledger would bring back into the data.
"""

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.etree.ElementTree import ParseError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from zoneplan.core.text import sheet_title, xml_text
from zoneplan.core.uploads import UploadError, check_office_archive

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 12
    wrap: bool = False


def safe(value):
    """A cell value that XML can hold; text is written as text by `append_row`."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def append_row(sheet, values: Sequence) -> None:
    """Append a row; every text cell that openpyxl would take for a formula (or that Excel would) is a
    string."""
    sheet.append([safe(value) for value in values])
    for cell in sheet[sheet._current_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True


def ledger(title: str, columns: Sequence[Column], rows: Iterable[Sequence], *, subtitle: str = "") -> bytes:
    """One sheet: title (merged), optional subtitle, header row, data rows; returned as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    last = get_column_letter(len(columns))
    append_row(sheet, [title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    header_row = 2
    if subtitle:
        append_row(sheet, [subtitle])
        sheet.merge_cells(f"A2:{last}2")
        sheet["A2"].alignment = Alignment(horizontal="right")
        header_row = 3
    append_row(sheet, [column.title for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    alignments = [Alignment(vertical="top", wrap_text=column.wrap) for column in columns]  # one per column
    # (`sheet.max_row` scans every cell: 2,000 rows, 6 s)
    for number, row in enumerate(rows, start=header_row + 1):
        append_row(sheet, row)
        for index, alignment in enumerate(alignments, start=1):
            cell = sheet.cell(row=number, column=index)
            cell.border, cell.alignment = BORDER, alignment
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class SheetError(ValueError):
    """The upload cannot be read as a ledger; the message says why."""


def read_rows(data: bytes, *, header: str) -> list[tuple[int, dict]]:
    """The data rows of an uploaded ledger as (row number, {header: value}); the header row is the first row
    whose first cell is `header`. The archive is checked before openpyxl opens it."""
    from django.utils.translation import gettext as _

    try:
        check_office_archive(data)
    except UploadError as error:
        raise SheetError(str(error)) from error
    # The sheet is parsed while its rows are read: a malformed part fails there (lxml's XMLSyntaxError is a
    # SyntaxError), and a failure must become a message, never a file job left running.
    unreadable = (
        InvalidFileException,
        zipfile.BadZipFile,
        ParseError,
        SyntaxError,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        AttributeError,
        IndexError,
    )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = list(workbook.active.iter_rows(values_only=True))
        finally:
            workbook.close()
    except unreadable as error:
        raise SheetError(_("The file is not a valid .xlsx workbook.")) from error
    for index, row in enumerate(rows):
        if row and str(row[0] or "").strip() == header:
            titles = [str(value or "").strip() for value in row]
            return [
                (number, dict(zip(titles, values, strict=False)))
                for number, values in enumerate(rows[index + 1 :], start=index + 2)
                if any(value not in (None, "") for value in values)
            ]
    raise SheetError(_("No header row starting with “%(header)s” was found.") % {"header": header})


@dataclass
class LedgerResult:
    """What a ledger upload did: rows filed, empty rows skipped, rejected rows with their reason."""

    filed: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def file_rows(
    result: LedgerResult, work: list[tuple[int, object]], write: Callable[[object], object], *, partial: bool
) -> LedgerResult:
    """File the checked rows with `write`, each through its service. All or nothing unless `partial`: a row
    refused by the service (or one already rejected) leaves nothing written; with `partial` the valid rows
    are filed and the rest listed."""
    if result.rejected and not partial:
        return result
    with transaction.atomic():
        for number, item in work:
            try:
                with transaction.atomic():
                    write(item)
            except (ValidationError, PermissionDenied) as error:
                result.rejected.append((number, " ".join(getattr(error, "messages", [str(error)]))))
            else:
                result.filed += 1
        if result.rejected and not partial:
            transaction.set_rollback(True)
            result.filed = 0
    return result


def cell_int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None
