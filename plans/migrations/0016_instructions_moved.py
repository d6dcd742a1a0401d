"""Instructions leave `plans` for the top floor's `instructions` app; their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0015_organisation_models_moved"),
        ("instructions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(model_name="instruction", name="author"),
            migrations.RemoveField(model_name="instruction", name="replied_by"),
            migrations.RemoveField(model_name="instruction", name="subject_type"),
            migrations.RemoveField(model_name="instruction", name="unit"),
            migrations.DeleteModel(name="HistoricalInstruction"),
            migrations.DeleteModel(name="Instruction"),
        ]),
    ]
