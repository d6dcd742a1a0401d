"""The links to zones now point at `organisation` (the same tables): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0002_standard_catalogue'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='historicalindicatortarget',
                name='zone',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.AlterField(
                model_name='historicalindicatorvalue',
                name='zone',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.AlterField(
                model_name='indicatortarget',
                name='zone',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.AlterField(
                model_name='indicatorvalue',
                name='zone',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='organisation.zone', verbose_name='zone'),
            ),
        ]),
    ]
