"""Select widgets whose options are written in Python rather than through Django's per-option template.

Django renders each option by including a template (context, attributes, escaping): 2,000 options, the parent
picker of a 2,000-task plan's add form, took a quarter of a second; written here, a few milliseconds. Groups
of options are not supported (no form here uses them).
"""

from html import escape

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


class PlainOptionsMixin:
    def option_attrs(self, value) -> str:
        """Extra attributes of one option, written out (" data-x=…"); none by default."""
        return ""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        written = "".join(
            f" {key}" if value is True else f' {key}="{escape(str(value))}"'
            for key, value in final.items()
            if value is not False and value is not None
        )
        chosen = set(self.format_value(value))
        options = []
        for choice, label in self.choices:
            text = "" if choice is None else str(choice)
            if isinstance(label, list | tuple):
                raise ValueError("PlainOptionsMixin writes no option groups")
            selected = " selected" if text in chosen else ""
            options.append(
                f'<option value="{escape(text)}"{self.option_attrs(choice)}{selected}>'
                f"{escape(str(label))}</option>"
            )
        html = f'<select name="{escape(name)}"{written}>\n{"".join(options)}\n</select>'
        return mark_safe(html)  # noqa: S308 - escaped above


class PlainSelect(PlainOptionsMixin, forms.Select):
    pass


class PlainSelectMultiple(PlainOptionsMixin, forms.SelectMultiple):
    pass


class ChoicesReadOnce(BaseChoiceIterator):
    """Choices read by `read()` when first needed and kept: a widget's choices given as a callable are read
    again each time they are iterated (Django's Select iterates them once for its `required` attribute, once
    to render)."""

    def __init__(self, read):
        self.read, self.choices = read, None

    def __iter__(self):
        if self.choices is None:
            self.choices = list(self.read())
        return iter(self.choices)
