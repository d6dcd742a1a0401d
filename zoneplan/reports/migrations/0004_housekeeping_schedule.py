from django.db import migrations


def install(apps, schema_editor):
    from zoneplan.jobs import install_default_schedules

    install_default_schedules(apps.get_model("django_celery_beat", "PeriodicTask"),
                              apps.get_model("django_celery_beat", "CrontabSchedule"))  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_private_file_names")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
