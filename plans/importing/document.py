"""The paragraphs of an uploaded plan: a .docx (checked as an archive before anything parses it) or text.

Every refusal is a DocumentError with a message for the person who uploaded the file.
"""

import io
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from zoneplan.core.uploads import MAX_UPLOAD_BYTES, UploadError, check_office_archive

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


def _docx_paragraphs(data: bytes) -> list[str]:
    try:
        check_office_archive(data)
    except UploadError as error:
        raise DocumentError(str(error)) from error
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
