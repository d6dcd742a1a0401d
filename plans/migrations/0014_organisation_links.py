"""The plans' links to zones and units now point at `organisation` (the same tables): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0001_initial'),
        ('plans', '0013_unit_alias_zone'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='unit',
                name='parent',
            ),
            migrations.RemoveField(
                model_name='unit',
                name='zone',
            ),
            migrations.AlterField(
                model_name='historicalcloseout',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.AlterField(
                model_name='historicalinstruction',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='unit to reply'),
            ),
            migrations.AlterField(
                model_name='historicaltask_cooperating_units',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit'),
            ),
            migrations.AlterField(
                model_name='historicaltask_lead_units',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit'),
            ),
            migrations.AlterField(
                model_name='historicalextensionrequest',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.AlterField(
                model_name='instruction',
                name='unit',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='instructions', to='organisation.unit', verbose_name='unit to reply'),
            ),
            migrations.RemoveField(
                model_name='unitalias',
                name='unit',
            ),
            migrations.RemoveField(
                model_name='zone',
                name='statistics_unit',
            ),
            migrations.AlterField(
                model_name='historicalprogressreport',
                name='unit',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.AlterField(
                model_name='extensionrequest',
                name='unit',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='extensions', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.AlterField(
                model_name='progressreport',
                name='unit',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='progress_reports', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.AlterField(
                model_name='closeout',
                name='unit',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.unit', verbose_name='unit'),
            ),
            migrations.RemoveField(
                model_name='unitalias',
                name='zone',
            ),
            migrations.RemoveField(
                model_name='zone',
                name='parent',
            ),
            migrations.AlterField(
                model_name='historicalplan',
                name='zone',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.RemoveField(
                model_name='zonerole',
                name='zone',
            ),
            migrations.AlterField(
                model_name='plan',
                name='zone',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='plans', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.RemoveField(
                model_name='zonerole',
                name='user',
            ),
            migrations.AlterField(
                model_name='task',
                name='cooperating_units',
                field=models.ManyToManyField(blank=True, related_name='cooperating_tasks', to='organisation.unit', verbose_name='cooperating units'),
            ),
            migrations.AlterField(
                model_name='task',
                name='lead_units',
                field=models.ManyToManyField(blank=True, related_name='led_tasks', to='organisation.unit', verbose_name='lead units'),
            ),
            migrations.DeleteModel(
                name='Membership',
            ),
        ]),
    ]
