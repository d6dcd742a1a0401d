"""The links to zones and units now point at `organisation` (the same tables): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0001_initial'),
        ('projects', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='historicalproject',
                name='responsible_unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='responsible unit'),
            ),
            migrations.AlterField(
                model_name='historicalproject',
                name='zone',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.AlterField(
                model_name='historicalprojectissue',
                name='responsible_unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='responsible unit'),
            ),
            migrations.AlterField(
                model_name='project',
                name='responsible_unit',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='organisation.unit', verbose_name='responsible unit'),
            ),
            migrations.AlterField(
                model_name='project',
                name='zone',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.AlterField(
                model_name='projectissue',
                name='responsible_unit',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='project_issues', to='organisation.unit', verbose_name='responsible unit'),
            ),
        ]),
    ]
