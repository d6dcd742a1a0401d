"""The paragraphs of an uploaded plan: a .docx (checked as an archive before anything parses it) or text.

Word's automatic numbering (a paragraph's w:numPr) is rendered as Word shows it (一、 （一） 1.), so that a
document numbered by lists keeps its outline. An old Word (.doc) or WPS file is converted with LibreOffice
when the server has it, and is otherwise refused with what to do. Every refusal is a DocumentError with a
message for the person who uploaded the file.
"""

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

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
    if data[:8] == OLE_MAGIC or filename.lower().endswith((".doc", ".wps")):
        return _docx_paragraphs(_converted(data))
    if data[:2] == b"PK" or filename.lower().endswith(".docx"):
        return _docx_paragraphs(data)
    return _text_paragraphs(data)


OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # .doc, .wps, .xls: the compound file of older Office


def _converted(data: bytes) -> bytes:
    """An old Word or WPS document as .docx, by LibreOffice (soffice) when the server has it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentError(
            _("This is an old Word (.doc) or WPS document. Open it and save it as .docx, then upload that.")
        )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=60,
                env={"HOME": folder, "PATH": "/usr/bin:/bin"},
            )
            return (Path(folder) / "plan.docx").read_bytes()
        except (subprocess.SubprocessError, OSError) as error:
            raise DocumentError(_("The document could not be converted; save it as .docx.")) from error


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
            root = _xml(archive.read("word/document.xml"))
        except (KeyError, zipfile.BadZipFile, OSError) as error:
            raise DocumentError(_("The file is not a valid .docx document.")) from error
        try:
            numbers = Numbering(_xml(archive.read("word/numbering.xml")))
        except KeyError:
            numbers = Numbering(None)
    paragraphs = []
    for paragraph in root.iter(f"{WORD}p"):
        text = "".join(
            node.text or ("\t" if node.tag == f"{WORD}tab" else "")
            for node in paragraph.iter()
            if node.tag in (f"{WORD}t", f"{WORD}tab")
        ).strip()
        if text:
            paragraphs.append(numbers.label(paragraph) + text)
    return paragraphs


def _xml(data: bytes):
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise DocumentError(_("The document's XML is damaged or unsafe.")) from error


CN_DIGITS = "〇一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def chinese_number(number: int, digits: str = CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99; larger ones in Arabic digits)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    written = (digits[tens] if tens > 1 else "") + (ten if tens else "")
    return written + (digits[ones] if ones else "")


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 0 < n <= 20 else str(n),
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "taiwaneseCountingThousand": chinese_number,
    "ideographDigital": lambda n: "".join(CN_DIGITS[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: chinese_number(n, CN_LEGAL, "拾"),
    "ideographTraditional": lambda n: HEAVENLY_STEMS[(n - 1) % 10],
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
}


def _roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    written = ""
    for value, letters in values:
        while number >= value:
            written, number = written + letters, number - value
    return written


class Numbering:
    """The numbers Word draws before list paragraphs: each list's levels counted in document order (a level
    resets the levels below it), written by its level's text (%1、, （%1）, %1.) and number format."""

    def __init__(self, root):
        self.levels: dict[
            str, dict[int, tuple[int, str, str]]
        ] = {}  # abstract id → level → (start, fmt, text)
        self.lists: dict[str, str] = {}  # numId → abstract id
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{WORD}abstractNum"):
            levels = self.levels.setdefault(abstract.get(f"{WORD}abstractNumId"), {})
            for level in abstract.iter(f"{WORD}lvl"):
                levels[int(level.get(f"{WORD}ilvl", "0"))] = (
                    int(_value(level, "start") or 1),
                    _value(level, "numFmt") or "decimal",
                    _value(level, "lvlText") or "",
                )
        for number in root.iter(f"{WORD}num"):
            abstract = number.find(f"{WORD}abstractNumId")
            if abstract is not None:
                self.lists[number.get(f"{WORD}numId")] = abstract.get(f"{WORD}val")

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph, or "" when it is not a list item."""
        properties = paragraph.find(f"{WORD}pPr/{WORD}numPr")
        if properties is None:
            return ""
        number_id = _value(properties, "numId")
        levels = self.levels.get(self.lists.get(number_id, ""), {})
        level = int(_value(properties, "ilvl") or 0)
        if level not in levels:
            return ""
        counters = self.counters.setdefault(self.lists[number_id], {})
        start = levels[level][0]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        text = levels[level][2]
        for shown, (_start, number_format, _text) in levels.items():
            count = counters.get(shown, levels[shown][0])
            text = text.replace(f"%{shown + 1}", FORMATS.get(number_format, str)(count))
        return text


def _value(element, name: str) -> str | None:
    found = element.find(f"{WORD}{name}")
    return None if found is None else found.get(f"{WORD}val")
