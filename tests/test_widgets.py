"""The plain-options selects write what Django's own Select and SelectMultiple write, option by option."""

import re

import pytest
from django import forms

from zoneplan.core.widgets import PlainSelect, PlainSelectMultiple

CHOICES = [("", "---------"), (1, "一、提升自主创新能力"), (2, '（一）<b>"加速"</b> & 集聚'), (30, "1.其他")]


def compact(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(
    ("plain", "django", "value"),
    [
        (PlainSelect, forms.Select, None),
        (PlainSelect, forms.Select, "2"),
        (PlainSelect, forms.Select, 30),
        (PlainSelectMultiple, forms.SelectMultiple, ["1", "30"]),
        (PlainSelectMultiple, forms.SelectMultiple, None),
    ],
)
def test_the_same_markup_as_djangos_widget(plain, django, value):
    attrs = {"id": "id_task-parent", "required": True, "aria-describedby": "help"}
    expected = django(attrs={"size": 6}, choices=CHOICES).render("task-parent", value, attrs=attrs)
    written = plain(attrs={"size": 6}, choices=CHOICES).render("task-parent", value, attrs=attrs)
    assert compact(written) == compact(expected)
    assert "<b>" not in written and "&lt;b&gt;&quot;加速&quot;&lt;/b&gt; &amp; 集聚" in written


def test_option_groups_are_refused_rather_than_written_wrong():
    with pytest.raises(ValueError, match="no option groups"):
        PlainSelect(choices=[("组", [(1, "甲")])]).render("x", None)
