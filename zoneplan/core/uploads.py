"""Uploaded Office files (.docx, .xlsx) checked from the zip directory alone before anything parses them:
size, number of parts, unpacked size and ratio (zip bombs), paths, macros. Every refusal is an UploadError
with a message for the person who uploaded the file."""

import io
import zipfile

from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100


class UploadError(ValueError):
    """The upload is refused; the message says why."""


def check_office_archive(data: bytes) -> None:
    """Refuse an oversized, broken or hostile Office file (.docx, .xlsx) before anything parses it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(_("The document is larger than 10 MB."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive, len(data))
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise UploadError(_("The file is not a valid Office document.")) from error
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise UploadError(_("Documents with macros are not accepted."))


def _check_archive(archive: zipfile.ZipFile, packed: int) -> None:
    """Refuse zip bombs and odd paths from the directory alone, before any entry is unpacked."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UploadError(_("The document holds too many parts."))
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > max(packed, 1) * MAX_RATIO:
        raise UploadError(_("The document unpacks to a suspicious size."))
    for entry in entries:
        name = entry.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise UploadError(_("The document contains an unsafe path."))
