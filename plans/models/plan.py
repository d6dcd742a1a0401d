"""Plans and their outline of sections and tasks."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.choices import PlanKind, PlanStatus, ReportingCycle, TargetComparator, TaskStatus
from zoneplan.core.fields import actor_field
from zoneplan.core.files import RandomName
from zoneplan.core.history import History


class Plan(models.Model):
    """An annual work plan, implementation plan or special action of a zone."""

    zone = models.ForeignKey(
        "organisation.Zone", verbose_name=_("zone"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices, default=PlanKind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    source_document = models.FileField(_("source document"), upload_to=RandomName("plan-sources"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = actor_field(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    yellow_behind_points = models.PositiveSmallIntegerField(
        _("yellow when behind schedule by more than (points)"), default=15
    )
    red_behind_points = models.PositiveSmallIntegerField(
        _("red when behind schedule by more than (points)"), default=30
    )
    warn_workdays = models.PositiveSmallIntegerField(
        _("yellow within working days of the deadline"), default=5
    )
    little_done_percent = models.PositiveSmallIntegerField(
        _("… when less than this percent is done"), default=50
    )

    history = History()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="plan_period_ordered",
                violation_error_message=_("The plan cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """A section heading or a task item of a plan's outline, with the units responsible for it."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    label = models.CharField(
        _("outline label"), max_length=20, blank=True, help_text=_("As written: 一、 （三） 5.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("body"), blank=True)
    is_section = models.BooleanField(_("section heading"), default=False)
    lead_units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("lead units"), blank=True, related_name="led_tasks"
    )
    cooperating_units = models.ManyToManyField(
        "organisation.Unit", verbose_name=_("cooperating units"), blank=True, related_name="cooperating_tasks"
    )
    responsible_person = models.CharField(_("responsible person"), max_length=100, blank=True)
    responsible_leader = actor_field(_("leader in charge"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    original_deadline = models.DateField(
        _("original deadline"),
        null=True,
        blank=True,
        help_text=_("Kept when an extension moves the deadline."),
    )
    deadline_text = models.CharField(_("deadline as written"), max_length=100, blank=True)
    stages = models.JSONField(
        _("stages"),
        default=list,
        blank=True,
        db_default=Value([], output_field=models.JSONField()),
        help_text=_("Dated steps before the deadline, as the plan writes them: [{text, deadline}], by date."),
    )
    reporting_cycle = models.CharField(
        _("reporting cycle"), max_length=20, choices=ReportingCycle.choices, default=ReportingCycle.MONTHLY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("How much the task counts when its section and plan roll up.")
    )
    last_reported_at = models.DateTimeField(_("last report"), null=True, blank=True)
    overdue_since = models.DateField(_("flagged overdue on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = History(m2m_fields=[lead_units, cooperating_units])

    class Meta:
        ordering = ["plan", "parent_id", "position", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["plan", "parent", "position"], name="task_outline_idx"),
            models.Index(fields=["status", "deadline"], name="task_status_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100),
                name="task_percent_at_most_100",
                violation_error_message=_("Percent done cannot exceed 100."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="task_not_own_parent",
                violation_error_message=_("A task cannot be its own parent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task-detail", args=[self.pk])


class TaskTarget(models.Model):
    """A quantitative target of a task: 不少于3个, 达到300个, 100%."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(_("metric"), max_length=200)
    comparator = models.CharField(
        _("comparator"), max_length=5, choices=TargetComparator.choices, default=TargetComparator.AT_LEAST
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=20, blank=True)
    text = models.CharField(_("as written"), max_length=200, blank=True)

    class Meta:
        # "task" would follow Task's ordering: two joins to sort a task's targets
        ordering = ["task_id", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return (
            self.text or f"{self.metric} {self.get_comparator_display()} {self.value}{self.unit_of_measure}"
        )
