"""python manage.py importplan PATH --zone CODE --year YYYY [--dry-run] [--json]"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organisation.models import Zone
from plans.importing.document import DocumentError
from zoneplan.planimport.reading import as_json, parse_document
from zoneplan.planimport.services import import_plan


class Command(BaseCommand):
    help = "Import a plan from its .docx or .txt document."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--zone", required=True, help="the zone's code")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--title", default="", help="the plan's title (default: the file name)")
        parser.add_argument("--user", default="", help="who imports (default: the first superuser)")
        parser.add_argument("--dry-run", action="store_true", help="parse only; write nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed tree as JSON")

    def handle(self, *args, path, zone, year, title, user, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        zone_obj = Zone.objects.filter(code=zone).first()
        if zone_obj is None:
            raise CommandError(f"No zone with code {zone!r}")
        try:
            parsed, goals = parse_document(file.read_bytes(), filename=file.name, year=year)
        except DocumentError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(_dumps(as_json(parsed, goals)))
        items = list(parsed.walk())
        tasks = sum(not item.is_section for item in items)
        if dry_run:
            self.stderr.write(f"{len(items)} items ({tasks} tasks) parsed; nothing written (--dry-run).")
            return
        actor = _actor(user)
        try:
            plan = import_plan(actor=actor, zone=zone_obj, year=year, title=title or file.stem, parsed=parsed)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(f"Plan {plan.pk} created with {len(items)} items ({tasks} tasks).")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _actor(username: str):
    users = get_user_model().objects
    actor = users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
    if actor is None:
        raise CommandError("No user to import as: pass --user or create a superuser.")
    return actor
