"""Text typed by users, made fit for places stricter than a web page: XML documents and file names."""

import re
import unicodedata

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NOT_IN_FILE_NAMES = set('/\\:*?"<>|')
NOT_IN_SHEET_TITLES = set("[]:*?/\\")


def xml_text(text: str) -> str:
    """Text an .xlsx or .docx can hold: without the control characters XML 1.0 forbids (a bell, an escape)."""
    return XML_FORBIDDEN.sub("", text)


def _printable(text: str, refused: set) -> str:
    """Without control and format characters (a right-to-left override can disguise an extension)."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") and c not in refused).strip()


def file_name(stem: str, extension: str, max_length: int = 200) -> str:
    """A download name: printable, no path separators, at most max_length characters, the extension kept."""
    return (_printable(stem, NOT_IN_FILE_NAMES)[: max_length - len(extension)] or "file") + extension


def sheet_title(text: str) -> str:
    """A worksheet's name: printable, none of the characters Excel refuses, at most 31 characters."""
    return _printable(text, NOT_IN_SHEET_TITLES)[:31] or "Sheet"
