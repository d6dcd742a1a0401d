"""Text typed by users, made fit for places stricter than a web page: XML documents and file names."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NOT_IN_FILE_NAMES = set('/\\:*?"<>|')
NOT_IN_SHEET_TITLES = set("[]:*?/\\")


def xml_text(text: str) -> str:
    """Text an .xlsx or .docx can hold: without the control characters XML 1.0 forbids (a bell, an escape)."""
    return XML_FORBIDDEN.sub("", text)


def _printable(text: str, refused: set) -> str:
    """Without control and format characters (a right-to-left override can disguise an extension)."""
    return "".join(
        c for c in text if unicodedata.category(c) not in ("Cc", "Cf") and c not in refused
    ).strip()


def file_name(stem: str, extension: str, max_length: int = 200) -> str:
    """A download name: printable, no path separators, at most max_length characters, the extension kept."""
    return (_printable(stem, NOT_IN_FILE_NAMES)[: max_length - len(extension)] or "file") + extension


def sheet_title(text: str) -> str:
    """A worksheet's name: printable, none of the characters Excel refuses, at most 31 characters."""
    return _printable(text, NOT_IN_SHEET_TITLES)[:31] or "Sheet"


_WHOLE = re.compile(r"[0-9]{1,9}")


def whole_number(text, *, low: int | None = None, high: int | None = None) -> int | None:
    """`text` as a whole number if it is one written in ASCII digits within [low, high]; otherwise None.
    (`str.isdigit()` admits "²", which `int()` refuses, and a year of 99999 makes no date: both were 500s.)"""
    if not isinstance(text, str) or not _WHOLE.fullmatch(text):
        return None
    number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return None
    return number


def finite_decimal(value, *, places: int | None = None, max_digits: int = 18) -> Decimal | None:
    """`value` (text or a number from a cell) as a finite Decimal of at most `max_digits` digits (rounded to
    `places` decimals when given); None for anything else: not a number, NaN, Infinity, too large.
    (`Decimal("NaN")` passed the parsing and failed in the comparison after it: a 500.)"""
    try:
        number = Decimal(str(value).strip())
        if not number.is_finite():
            return None
        if places is not None:
            number = number.quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if len(number.as_tuple().digits) > max_digits:
        return None
    return number
