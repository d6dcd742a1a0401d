"""Stored files are private: stored under random names, never under a public URL, and sent only by a view that
has checked its reader's permission on the file's object.

`PrivateStorage` has no base URL, so `FieldFile.url` fails rather than leak a path; `RandomName` is every file
field's `upload_to` (a random folder and name, the extension kept); `send_file` answers with the bytes, which
nginx sends itself from its `internal` location when SENDFILE_BACKEND=nginx (X-Accel-Redirect,
django-sendfile2), and Django otherwise.
"""

import secrets
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django_sendfile import sendfile


class PrivateStorage(FileSystemStorage):
    """MEDIA_ROOT without a URL: no web server location may point at it except nginx's `internal` one."""

    def __init__(self, **kwargs):
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        raise ValueError("Stored files are private: link to the view that checks the reader's permission.")


@deconstructible
class RandomName:
    """`upload_to` of a private file: `<prefix>/<year>/<32 random hex digits>.<ext>`; the name a person gave
    the file is kept in the model (or given again at download), never in the path, so no path can be
    guessed."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename or "").suffix.lower()[:10]
        if not extension[1:].isalnum():
            extension = ""
        return f"{self.prefix}/{timezone.localdate():%Y}/{secrets.token_hex(16)}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix


def stored_suffix(field_file) -> str:
    """The extension of the stored file (".pdf"), for the name a download is given; "" when it has none."""
    return PurePath(field_file.name or "").suffix


def send_file(request, field_file, *, filename: str, inline: bool = False):
    """The stored file of `field_file` as a download named `filename`; call only after the permission
    check."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    return sendfile(request, field_file.path, attachment=not inline, attachment_filename=filename)
