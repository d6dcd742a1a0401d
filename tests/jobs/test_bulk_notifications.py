"""The overdue scan's notifications are written by the database (zoneplan.notifications.bulk): the same texts,
recipients, links, keys and deliveries as a Message built in Python would give."""

from datetime import date

import pytest
from django.utils.translation import gettext as _

from organisation.choices import StaffRole
from plans.choices import TaskStatus
from plans.models import Task
from tests.factories import MembershipFactory, UserFactory, ZoneRoleFactory
from zoneplan.jobs import JOBS
from zoneplan.notifications.models import Channel, Delivery, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(world, settings):
    settings.ESCALATION_DAYS = 7
    world.users["reporter"].email = "kjj@example.gov.cn"
    world.users["reporter"].save()
    world.lead_unit.webhook_url = "https://oapi.dingtalk.com/robot/send?access_token=abc"
    world.lead_unit.save()
    Task.objects.filter(pk=world.task.pk).update(
        deadline=date(2026, 6, 30), deadline_text="", status=TaskStatus.ON_TRACK
    )
    world.task.refresh_from_db()
    return world.task


def test_texts_link_key_unit_and_deliveries(world, overdue):
    assert JOBS["overdue_scan"].run(today=date(2026, 7, 3)).notifications == 1
    note = Notification.objects.get(kind="task_overdue")
    assert note.recipient == world.users["reporter"] and note.unit_id == world.lead_unit.pk
    assert note.title == _("Overdue: %(task)s") % {"task": f"{overdue.label}{overdue.title}"}
    assert note.message == _(
        "The deadline was %(deadline)s (%(text)s). Report progress or ask for an extension."
    ) % {
        "deadline": date(2026, 6, 30),
        "text": "—",
    }
    assert (note.link, note.dedup_key, note.subject) == (
        f"/tasks/{overdue.pk}/",
        f"overdue:task{overdue.pk}",
        overdue,
    )
    assert sorted(Delivery.objects.values_list("notification", "channel", "target", "dedup_key")) == [
        (note.pk, Channel.EMAIL, "kjj@example.gov.cn", note.dedup_key),
        (note.pk, Channel.WEBHOOK, world.lead_unit.webhook_url, note.dedup_key),
    ]


def test_one_notification_per_person_and_task(world, overdue):
    """A liaison of both lead units, and a leader of every zone who leads the zone too: told once each."""
    overdue.lead_units.add(world.other_unit)
    MembershipFactory(user=world.users["reporter"], unit=world.other_unit)
    ZoneRoleFactory(user=world.users["leader"], role=StaffRole.LEADER, zone=world.zone)  # and of every zone
    everyone = UserFactory(username="city_leader")
    ZoneRoleFactory(user=everyone, role=StaffRole.LEADER, zone=None)
    JOBS["overdue_scan"].run(today=date(2026, 7, 9))
    assert Notification.objects.filter(recipient=world.users["reporter"], kind="task_overdue").count() == 1
    escalations = Notification.objects.filter(kind="task_escalation")
    assert sorted(escalations.values_list("recipient__username", flat=True)) == ["city_leader", "leader"]
    escalation = escalations.get(recipient=everyone)
    assert escalation.title == _("Overdue for %(days)d days: %(task)s") % {
        "days": 9,
        "task": f"{overdue.label}{overdue.title}",
    }
    assert escalation.message == _("Deadline %(deadline)s; still not done.") % {"deadline": date(2026, 6, 30)}
    assert (escalation.unit_id, escalation.dedup_key) == (None, f"task_escalation:task{overdue.pk}")


def test_long_titles_are_cut_as_before(world, overdue):
    Task.objects.filter(pk=overdue.pk).update(title="很" * 300)
    JOBS["overdue_scan"].run(today=date(2026, 7, 3))
    note = Notification.objects.get(kind="task_overdue")
    assert note.title == _("Overdue: %(task)s") % {"task": f"{overdue.label}{'很' * 300}"[:150]}


def test_late_milestone_texts(world, settings):
    from tests.factories import MilestoneFactory, ProjectFactory

    settings.ESCALATION_DAYS = 7
    project = ProjectFactory(zone=world.zone, responsible_unit=world.lead_unit, name="项" * 100)
    late = MilestoneFactory(project=project, name="主体封顶" * 20, planned_date=date(2026, 6, 30))
    JOBS["overdue_scan"].run(today=date(2026, 7, 9))
    note = Notification.objects.get(kind="milestone_overdue", recipient=world.users["reporter"])
    names = {"project": project.name[:80], "milestone": late.name[:60]}
    assert note.title == _("Milestone late: %(project)s — %(milestone)s") % names
    assert note.message == _("Planned for %(date)s and not reached yet.") % {"date": late.planned_date}
    assert (note.link, note.dedup_key, note.unit_id) == (
        f"/projects/{project.pk}/",
        f"milestone:{late.pk}",
        world.lead_unit.pk,
    )
    escalation = Notification.objects.get(kind="milestone_escalation", recipient=world.users["leader"])
    assert escalation.title == _("Milestone %(days)d days late: %(project)s — %(milestone)s") % {
        "days": 9,
        **names,
    }
    assert escalation.dedup_key == f"milestone_escalation:milestone{late.pk}"
