"""Every message of the interface has its Chinese translation (the default language): a text moved from a
template into Python keeps its translation only if makemessages still finds it there (it does not look into
f-strings)."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def untranslated(text: str) -> list[str]:
    missing = []
    for entry in text.split("\n\n")[1:]:  # the first entry is the header
        if "#, fuzzy" in entry:
            missing.append(entry)
            continue
        msgstr = re.search(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.MULTILINE)
        if msgstr is None or not "".join(re.findall(r'"(.*)"', msgstr.group(1))):
            missing.append(entry)
    return missing


def test_every_message_is_translated_into_chinese():
    assert untranslated(PO.read_text(encoding="utf-8")) == []


def test_an_untranslated_message_is_found():
    catalog = 'msgid ""\nmsgstr ""\n\nmsgid "Show all %(count)s"\nmsgstr ""\n\nmsgid "Task"\nmsgstr "任务"\n'
    assert untranslated(catalog) == ['msgid "Show all %(count)s"\nmsgstr ""']
