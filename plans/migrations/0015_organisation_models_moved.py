"""Zones, units, aliases, memberships and zone roles leave `plans` for `organisation`; their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0003_organisation_links'),
        ('notifications', '0008_organisation_links'),
        ('plans', '0014_organisation_links'),
        ('projects', '0002_organisation_links'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='Unit',
            ),
            migrations.DeleteModel(
                name='UnitAlias',
            ),
            migrations.DeleteModel(
                name='Zone',
            ),
            migrations.DeleteModel(
                name='ZoneRole',
            ),
        ]),
    ]
