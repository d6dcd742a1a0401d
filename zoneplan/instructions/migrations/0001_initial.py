"""Instructions (批示), taken over from `plans` with their tables (`db_table`) and their history's: nothing
changes in the database; the content types follow."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ["instruction", "historicalinstruction"]


def content_types_follow(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label="instructions").values_list("model", flat=True))
    content_type.objects.filter(app_label="plans", model__in=[m for m in MODELS if m not in taken]).update(
        app_label="instructions"
    )


def content_types_return(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label="plans").values_list("model", flat=True))
    content_type.objects.filter(app_label="instructions", model__in=[m for m in MODELS if m not in taken]).update(
        app_label="plans"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('organisation', '0001_initial'),
        ('plans', '0015_organisation_models_moved'),  # the tables exist: plans created them
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='HistoricalInstruction',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('subject_id', models.PositiveBigIntegerField(verbose_name='subject id')),
                    ('text', models.TextField(verbose_name='instruction')),
                    ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                    ('reply', models.TextField(blank=True, verbose_name='reply')),
                    ('replied_at', models.DateTimeField(blank=True, null=True, verbose_name='replied at')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('replied_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='replied by')),
                    ('subject_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype', verbose_name='subject type')),
                    ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.unit', verbose_name='unit to reply')),
                ],
                options={
                    'verbose_name': 'historical instruction',
                    'verbose_name_plural': 'historical instructions',
                    'db_table': 'plans_historicalinstruction',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Instruction',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('subject_id', models.PositiveBigIntegerField(verbose_name='subject id')),
                    ('text', models.TextField(verbose_name='instruction')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                    ('reply', models.TextField(blank=True, verbose_name='reply')),
                    ('replied_at', models.DateTimeField(blank=True, null=True, verbose_name='replied at')),
                    ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                    ('replied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='replied by')),
                    ('subject_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='subject type')),
                    ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='instructions', to='organisation.unit', verbose_name='unit to reply')),
                ],
                options={
                    'verbose_name': 'instruction',
                    'verbose_name_plural': 'instructions',
                    'db_table': 'plans_instruction',
                    'ordering': ['-created_at', '-id'],
                    'indexes': [models.Index(fields=['subject_type', 'subject_id'], name='instruction_subject_idx')],
                },
            ),
        ]),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
