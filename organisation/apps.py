from django.apps import AppConfig
from django.db.models.signals import pre_save


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self):
        from django.contrib.auth import get_user_model

        from organisation.tokens import password_changed

        pre_save.connect(password_changed, sender=get_user_model(), dispatch_uid="password-changed-tokens")
