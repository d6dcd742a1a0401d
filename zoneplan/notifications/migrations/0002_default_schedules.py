from django.db import migrations


def install(apps, schema_editor):
    from zoneplan.jobs import install_default_schedules

    install_default_schedules(apps.get_model("django_celery_beat", "PeriodicTask"),
                              apps.get_model("django_celery_beat", "CrontabSchedule"))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
