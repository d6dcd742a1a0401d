"""Pages for the background files: start an export or an import, watch its progress, download the file."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zoneplan.core.errors import safe_next
from zoneplan.core.files import send_file
from zoneplan.reports.models import FileJob
from zoneplan.reports.selectors import jobs_visible_to
from zoneplan.reports.services import file_job_start


class StartForm(forms.Form):
    kind = forms.ChoiceField(choices=FileJob.Kind.choices)
    plan = forms.IntegerField(required=False)
    zone = forms.IntegerField(required=False)
    year = forms.IntegerField(required=False)
    month = forms.IntegerField(required=False)
    partial = forms.BooleanField(
        required=False, label=gettext_lazy("File the valid rows even if others are rejected")
    )
    upload = forms.FileField(required=False, label=gettext_lazy("Ledger (.xlsx)"))


@login_required
@require_POST
def job_start(request):
    form = StartForm(request.POST, request.FILES)
    back = safe_next(request, "/")
    if not form.is_valid():
        messages.error(request, _("The request was not understood."))
        return redirect(back)
    data = form.cleaned_data
    params = {
        key: data[key] for key in ("plan", "zone", "year", "month", "partial") if data[key] not in (None, "")
    }
    try:
        job = file_job_start(actor=request.user, kind=data["kind"], params=params, upload=data["upload"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    return redirect("reports:job", pk=job.pk)


def _visible_job(request, pk) -> FileJob:
    return get_object_or_404(jobs_visible_to(request.user), pk=pk)


@login_required
def job_status(request, pk):
    job = _visible_job(request, pk)
    template = "reports/_progress.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = _visible_job(request, pk)
    if not job.file:
        raise Http404
    return send_file(request, job.file, filename=job.filename or "download")


@login_required
def job_list(request):
    jobs = jobs_visible_to(request.user)[:50]
    return render(request, "reports/job_list.html", {"jobs": jobs})
