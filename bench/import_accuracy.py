"""python bench/import_accuracy.py: the plan importer's accuracy on real documents, against answers written by
hand (bench/import_gold/gold.py): per document, the items whose units are exactly right (lead, cooperating and
collective owners), whose deadline is, the rows marked doubtful, and whether every wrong row is among them.

The documents in bench/import_gold were written and answered before the importer read them, and the importer
was not changed for them afterwards: they measure it on what it was not tuned to. The Yulin plan is the one
its tests were written on."""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoneplan.settings.base")
os.environ.setdefault("SECRET_KEY", "bench")
django.setup()

from bench.import_gold.gold import GOLD, HELD_OUT, yulin_gold  # noqa: E402
from zoneplan.planimport.reading import parse_document  # noqa: E402

DOCUMENTS = {
    "yulin-hitech-zone-implementation-plan.txt (tuned to)": (
        ROOT / "tests/importing/documents/yulin-hitech-zone-implementation-plan.txt",
        yulin_gold(),
    ),
    **{name: (ROOT / "bench/import_gold" / name, rows) for name, rows in GOLD.items()},
}


def matched(items, gold):
    """Each answer's item: the next item in document order with the answer's label."""
    position, pairs = 0, []
    for row in gold:
        while position < len(items) and items[position].label != row[0]:
            position += 1
        pairs.append((row, items[position] if position < len(items) else None))
        position += 1
    return pairs


def measured(path: Path, gold: list) -> dict:
    parsed, _goals = parse_document(path.read_bytes(), filename=path.name, year=2026)
    figures = {
        "items": len(gold),
        "units": 0,
        "deadlines": 0,
        "dated": 0,
        "doubtful": 0,
        "wrong": 0,
        "caught": 0,
    }
    for (_label, lead, cooperating, collective, deadline), item in matched(list(parsed.walk()), gold):
        if item is None:
            figures["wrong"] += 1
            continue
        doubtful = bool(item.uncertain)
        units_right = (item.lead_units, item.cooperating_units, item.collective_owners) == (
            lead,
            cooperating,
            collective,
        )
        deadline_right = deadline is ... or (item.deadline.isoformat() if item.deadline else None) == deadline
        figures["units"] += units_right
        figures["dated"] += deadline is not ...
        figures["deadlines"] += deadline is not ... and deadline_right
        figures["doubtful"] += doubtful
        if not (units_right and deadline_right):
            figures["wrong"] += 1
            figures["caught"] += doubtful
    return figures


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f} %" if whole else "—"


HELD_OUT_DOCUMENTS = {name: (ROOT / "bench/import_gold" / name, rows) for name, rows in HELD_OUT.items()}


def main() -> None:
    for title, documents in (("Measured and tuned to", DOCUMENTS), ("Held out", HELD_OUT_DOCUMENTS)):
        print(f"\n{title}\n")
        print(
            "| document | items | units exact | deadlines exact | rows marked doubtful | wrong rows marked |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        totals = dict.fromkeys(("items", "units", "deadlines", "dated", "doubtful", "wrong", "caught"), 0)
        for name, (path, gold) in documents.items():
            figures = measured(path, gold)
            totals = {key: totals[key] + figures[key] for key in totals}
            print(row(name, figures))
        print(row("all", totals))


def row(name: str, f: dict) -> str:
    return (
        f"| {name} | {f['items']} | {f['units']} ({percent(f['units'], f['items'])}) | "
        f"{f['deadlines']} of {f['dated']} ({percent(f['deadlines'], f['dated'])}) | "
        f"{f['doubtful']} ({percent(f['doubtful'], f['items'])}) | {f['caught']} of {f['wrong']} |"
    )


if __name__ == "__main__":
    main()
