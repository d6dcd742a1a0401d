"""URLs of many objects' pages, reversed once for a page of rows."""

from django.urls import reverse

PK_MARK = 987654321  # stands for an object's id in a URL reversed once


def url_for_pk(name: str):
    """pk → the URL of view `name` for that pk, reversed once (reversing per row was a tenth of my tasks)."""
    pattern = reverse(name, args=[PK_MARK])
    return lambda pk: pattern.replace(str(PK_MARK), str(pk))
