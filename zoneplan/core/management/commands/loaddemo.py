from django.core.management.base import BaseCommand

from indicators.demo.loader import load_indicator_demo
from plans.demo.loader import describe_logins, load_demo
from projects.demo.loader import load_project_demo


class Command(BaseCommand):
    help = "Load the demo zone, units, users, plan, progress reports, key projects and indicators (idempotent)."

    def handle(self, *args, **options):
        plan_created = load_demo()
        projects_created = load_project_demo()
        indicators_created = load_indicator_demo()
        if plan_created or projects_created or indicators_created:
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo already present; nothing added."))
        self.stdout.write(describe_logins())
