from django.core.management.base import BaseCommand

from plans.demo.loader import describe_logins, load_demo


class Command(BaseCommand):
    help = "Load the demo zone, units, users, plan and progress reports (idempotent)."

    def handle(self, *args, **options):
        created = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded." if created else "Demo already present; nothing added."))
        self.stdout.write(describe_logins())
