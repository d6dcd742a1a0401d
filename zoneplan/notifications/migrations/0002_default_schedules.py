"""Once installed the default job schedules; reports.0002 and reports.0004 install them (every job's task exists by
then), so this step does nothing now and stays for the migration graph: the notification layer does not know the
jobs of the floors above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = []
