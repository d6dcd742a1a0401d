"""Choices of the organisation: zone levels, unit kinds, people's roles, robot formats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class UnitKind(models.TextChoices):
    COMMITTEE_DEPARTMENT = "committee_department", _("Committee department")
    CITY_DEPARTMENT = "city_department", _("City department")
    COUNTY_GOVERNMENT = "county_government", _("County government")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    HEAD = "head", _("Head")
    LIAISON = "liaison", _("Liaison")


class StaffRole(models.TextChoices):
    PLANNER = "planner", _("Planner")
    LEADER = "leader", _("Leader")


class WebhookKind(models.TextChoices):
    GENERIC = "generic", _("Generic JSON")
    WECOM = "wecom", _("WeCom group robot (企业微信)")
    DINGTALK = "dingtalk", _("DingTalk group robot (钉钉)")
