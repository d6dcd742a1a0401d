"""Run the web server and a Celery worker with its beat scheduler together; Ctrl-C stops them all."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the web server on 127.0.0.1:8000 and a Celery worker with the beat scheduler."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        broker = "Redis" if settings.REDIS_URL else "the embedded filesystem broker (var/broker)"
        self.stdout.write(f"Starting ZonePlan on http://{addr}/ with a Celery worker and beat on {broker}.")
        processes = [
            subprocess.Popen([sys.executable, "manage.py", "runserver", addr, "--noreload"]),
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "zoneplan",
                    "worker",
                    "--beat",
                    "--pool=solo",
                    "--scheduler",
                    "django_celery_beat.schedulers:DatabaseScheduler",
                    "--loglevel=info",
                ]
            ),
        ]
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
            self.stderr.write("A process stopped; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            self._stop(processes)

    @staticmethod
    def _stop(processes):
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
