"""The organisation: zones, units, their aliases, and who works for them (the ground every domain stands on).

The tables keep the names they had in `plans` (`db_table`), so the move changed no database."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.choices import MembershipRole, StaffRole, UnitKind, WebhookKind, ZoneLevel


class Zone(models.Model):
    """A development zone (开发区); a park with sub-parks (一园多区) has children."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    level = models.CharField(
        _("level"), max_length=20, choices=ZoneLevel.choices, default=ZoneLevel.PROVINCIAL
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent zone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    statistics_unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("statistics unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit whose members enter the zone's economic indicators."),
    )

    class Meta:
        db_table = "plans_zone"
        ordering = ["name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A unit (单位) that leads or cooperates on tasks: a department, a county government, an enterprise."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.CITY_DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    webhook_url = models.URLField(
        _("webhook URL"), blank=True, help_text=_("Where the unit's group robot listens.")
    )
    webhook_kind = models.CharField(
        _("webhook format"), max_length=20, choices=WebhookKind.choices, blank=True
    )
    webhook_secret = models.CharField(
        _("webhook signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk robots with signing only."),
    )

    class Meta:
        db_table = "plans_unit"
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another name people write for a unit (市发改委 for 市发展改革委): of one zone (added by its planners
    when they import a plan; read by that zone's imports only), or of every zone (no zone: the
    administrator's)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=100)
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="unit_aliases",
        help_text=_("Empty: an alias in every zone."),
    )

    class Meta:
        db_table = "plans_unitalias"
        ordering = ["name"]
        verbose_name = _("unit alias")
        verbose_name_plural = _("unit aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(zone__isnull=True), name="unit_alias_global"
            ),
            models.UniqueConstraint(fields=["zone", "name"], name="unit_alias_per_zone"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person working for a unit as its head or liaison: the reporter role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.LIAISON
    )

    class Meta:
        db_table = "plans_membership"
        ordering = ["unit__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                name="membership_unique_user_unit",
                violation_error_message=_("This person is already a member of this unit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit} ({self.get_role_display()})"


class ZoneRole(models.Model):
    """A planner or leader role, for one zone or, with no zone, for every zone of the city."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="zone_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        help_text=_("Leave empty for every zone."),
    )

    class Meta:
        db_table = "plans_zonerole"
        ordering = ["user__username", "role"]
        verbose_name = _("zone role")
        verbose_name_plural = _("zone roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "zone"],
                condition=Q(zone__isnull=False),
                name="zonerole_unique_per_zone",
                violation_error_message=_("This person already has this role in this zone."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(zone__isnull=True),
                name="zonerole_unique_all_zones",
                violation_error_message=_("This person already has this role for every zone."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.zone or _('all zones')})"
