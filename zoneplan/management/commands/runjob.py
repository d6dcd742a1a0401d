from django.core.management.base import BaseCommand, CommandError

from zoneplan.jobs import JOBS
from zoneplan.tasks import run_job


class Command(BaseCommand):
    help = "Run a scheduled job now, as if on a given date, and print what it touched."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(JOBS))
        parser.add_argument("--date", dest="on", help="YYYY-MM-DD; today when left out")

    def handle(self, *args, name, on=None, **options):
        try:
            result = run_job(name, on)
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        self.stdout.write(
            f"{result['job']} on {result['date']}: {result['items']} items, "
            f"{result['notifications']} notifications"
        )
