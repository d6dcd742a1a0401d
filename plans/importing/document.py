"""The paragraphs of an uploaded plan: a .docx (checked as an archive before anything parses it) or text.

Every refusal is a DocumentError with a message for the person who uploaded the file.
"""

import io
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentError(ValueError):
    """The upload cannot be read as a plan; the message says why."""


def read_paragraphs(data: bytes, filename: str = "") -> list[str]:
    """The document's non-empty paragraphs, in order."""
    if not data or not data.strip():
        raise DocumentError(_("The document is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError(_("The document is larger than 10 MB."))
    if data[:2] == b"PK" or filename.lower().endswith(".docx"):
        return _docx_paragraphs(data)
    return _text_paragraphs(data)


def _text_paragraphs(data: bytes) -> list[str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DocumentError(_("The text is neither UTF-8 nor GB18030; save it as UTF-8 text or .docx."))
    if "\x00" in text:
        raise DocumentError(_("This is not a text document."))
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_office_archive(data: bytes) -> None:
    """Refuse an oversized, broken or hostile Office file (.docx, .xlsx) before anything parses it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentError(_("The document is larger than 10 MB."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, len(data))
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise DocumentError(_("The file is not a valid Office document.")) from error
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise DocumentError(_("Documents with macros are not accepted."))


def _docx_paragraphs(data: bytes) -> list[str]:
    check_office_archive(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DocumentError(_("The file is not a valid .docx document.")) from error
    with archive:
        try:
            xml = archive.read("word/document.xml")
        except (KeyError, zipfile.BadZipFile, OSError) as error:
            raise DocumentError(_("The file is not a valid .docx document.")) from error
    try:
        root = ElementTree.fromstring(xml, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise DocumentError(_("The document's XML is damaged or unsafe.")) from error
    paragraphs = []
    for paragraph in root.iter(f"{WORD}p"):
        text = "".join(
            node.text or ("\t" if node.tag == f"{WORD}tab" else "")
            for node in paragraph.iter()
            if node.tag in (f"{WORD}t", f"{WORD}tab")
        ).strip()
        if text:
            paragraphs.append(text)
    return paragraphs


def _check_archive(archive: zipfile.ZipFile, packed: int) -> None:
    """Refuse zip bombs and odd paths from the directory alone, before any entry is unpacked."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(_("The document holds too many parts."))
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > max(packed, 1) * MAX_RATIO:
        raise DocumentError(_("The document unpacks to a suspicious size."))
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise DocumentError(_("The document contains an unsafe path."))
