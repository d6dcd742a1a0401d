from django.core.management.base import BaseCommand
from django.utils import timezone

from indicators.demo.loader import load_indicator_demo
from plans.choices import ReportingCycle
from plans.demo.loader import describe_logins, load_demo
from plans.periods import period_end, period_start
from projects.demo.loader import load_project_demo
from zoneplan.instructions.demo import load_instruction_demo
from zoneplan.jobs import JOBS


class Command(BaseCommand):
    help = (
        "Load the demo zone, units, users, plan, progress reports, key projects and indicators (idempotent)."
    )

    def handle(self, *args, **options):
        plan_created = load_demo()
        projects_created = load_project_demo()
        indicators_created = load_indicator_demo()
        instructions_created = load_instruction_demo()
        if plan_created or projects_created or indicators_created or instructions_created:
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo already present; nothing added."))
        self._run_jobs()
        self.stdout.write(describe_logins())

    def _run_jobs(self):
        """The jobs the scheduler would have run, so the demo users find their notifications waiting."""
        today = timezone.localdate()
        month_end = period_end(ReportingCycle.MONTHLY, period_start(ReportingCycle.MONTHLY, today))
        for name, day in [
            ("overdue_scan", today),
            ("progress_reminders", month_end),
            ("weekly_digest", today),
        ]:
            result = JOBS[name].run(today=day)
            self.stdout.write(f"{name}: {result.items} items, {result.notifications} new notifications")
