from django.db import migrations


def install(apps, schema_editor):
    from indicators.catalogue import install_catalogue

    install_catalogue(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
