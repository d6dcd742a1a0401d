"""The organisation's models, taken over from `plans` with their tables (`db_table`): nothing changes in the
database; the content types follow, so permissions and admin history stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ["zone", "unit", "unitalias", "membership", "zonerole"]


def content_types_follow(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label="organisation").values_list("model", flat=True))
    content_type.objects.filter(app_label="plans", model__in=[m for m in MODELS if m not in taken]).update(
        app_label="organisation"
    )


def content_types_return(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    taken = set(content_type.objects.filter(app_label="plans").values_list("model", flat=True))
    content_type.objects.filter(app_label="organisation", model__in=[m for m in MODELS if m not in taken]).update(
        app_label="plans"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0013_unit_alias_zone"),  # the tables exist: plans created them
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Unit',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                    ('short_name', models.CharField(blank=True, max_length=50, verbose_name='short name')),
                    ('kind', models.CharField(choices=[('committee_department', 'Committee department'), ('city_department', 'City department'), ('county_government', 'County government'), ('enterprise', 'Enterprise'), ('other', 'Other')], default='city_department', max_length=30, verbose_name='kind')),
                    ('webhook_url', models.URLField(blank=True, help_text="Where the unit's group robot listens.", verbose_name='webhook URL')),
                    ('webhook_kind', models.CharField(blank=True, choices=[('generic', 'Generic JSON'), ('wecom', 'WeCom group robot (企业微信)'), ('dingtalk', 'DingTalk group robot (钉钉)')], max_length=20, verbose_name='webhook format')),
                    ('webhook_secret', models.CharField(blank=True, help_text='DingTalk robots with signing only.', max_length=200, verbose_name='webhook signing secret')),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='organisation.unit', verbose_name='parent unit')),
                ],
                options={
                    'verbose_name': 'unit',
                    'verbose_name_plural': 'units',
                    'db_table': 'plans_unit',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Zone',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                    ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                    ('level', models.CharField(choices=[('national', 'National'), ('provincial', 'Provincial'), ('city', 'City'), ('county', 'County')], default='provincial', max_length=20, verbose_name='level')),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='organisation.zone', verbose_name='parent zone')),
                    ('statistics_unit', models.ForeignKey(blank=True, help_text="The unit whose members enter the zone's economic indicators.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisation.unit', verbose_name='statistics unit')),
                ],
                options={
                    'verbose_name': 'zone',
                    'verbose_name_plural': 'zones',
                    'db_table': 'plans_zone',
                    'ordering': ['name'],
                },
            ),
            migrations.AddField(
                model_name='unit',
                name='zone',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='units', to='organisation.zone', verbose_name='zone'),
            ),
            migrations.CreateModel(
                name='Membership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('head', 'Head'), ('liaison', 'Liaison')], default='liaison', max_length=20, verbose_name='role')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisation.unit', verbose_name='unit')),
                ],
                options={
                    'verbose_name': 'membership',
                    'verbose_name_plural': 'memberships',
                    'db_table': 'plans_membership',
                    'ordering': ['unit__name', 'user__username'],
                    'constraints': [models.UniqueConstraint(fields=('user', 'unit'), name='membership_unique_user_unit', violation_error_message='This person is already a member of this unit.')],
                },
            ),
            migrations.CreateModel(
                name='UnitAlias',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='alias')),
                    ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='organisation.unit', verbose_name='unit')),
                    ('zone', models.ForeignKey(blank=True, help_text='Empty: an alias in every zone.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='unit_aliases', to='organisation.zone', verbose_name='zone')),
                ],
                options={
                    'verbose_name': 'unit alias',
                    'verbose_name_plural': 'unit aliases',
                    'db_table': 'plans_unitalias',
                    'ordering': ['name'],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('zone__isnull', True)), fields=('name',), name='unit_alias_global'), models.UniqueConstraint(fields=('zone', 'name'), name='unit_alias_per_zone')],
                },
            ),
            migrations.CreateModel(
                name='ZoneRole',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('planner', 'Planner'), ('leader', 'Leader')], max_length=20, verbose_name='role')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='zone_roles', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ('zone', models.ForeignKey(blank=True, help_text='Leave empty for every zone.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='staff_roles', to='organisation.zone', verbose_name='zone')),
                ],
                options={
                    'verbose_name': 'zone role',
                    'verbose_name_plural': 'zone roles',
                    'db_table': 'plans_zonerole',
                    'ordering': ['user__username', 'role'],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('zone__isnull', False)), fields=('user', 'role', 'zone'), name='zonerole_unique_per_zone', violation_error_message='This person already has this role in this zone.'), models.UniqueConstraint(condition=models.Q(('zone__isnull', True)), fields=('user', 'role'), name='zonerole_unique_all_zones', violation_error_message='This person already has this role for every zone.')],
                },
            ),
        ]),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
