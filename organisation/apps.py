from django.apps import AppConfig
from django.db.models.signals import pre_save


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation"

    def ready(self):
        from django.contrib.auth import get_user_model

        from organisation.models import Membership, Unit, UnitAlias, Zone, ZoneRole
        from organisation.tokens import password_changed
        from zoneplan.core.datacache import NO_FIGURES, REFERENCE, register, register_zones

        pre_save.connect(password_changed, sender=get_user_model(), dispatch_uid="password-changed-tokens")
        # A unit's or a zone's save: names, read where they are shown, not by counts keyed on ids; its
        # deletion takes its task links or plans with it. Aliases, memberships and roles: read by no cached
        # figure (my tasks are cached under the person's units; permissions are read per request).
        register(Unit, REFERENCE, deleted_with_data=True)
        register_zones(Zone)
        for model in (UnitAlias, Membership, ZoneRole):
            register(model, NO_FIGURES)
