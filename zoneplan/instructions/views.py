"""Leaders' instructions (批示) from any page — task, project or dashboard — and the addressed unit's reply.

A plain POST redirects back to the page it came from; an htmx POST gets the small fragment that replaces
the form in place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.selectors import tasks_visible_to
from projects.selectors import projects_visible_to
from zoneplan.instructions import services
from zoneplan.instructions.forms import InstructionForm, InstructionReplyForm
from zoneplan.instructions.selectors import instructions_visible_to

SUBJECTS = {"task": tasks_visible_to, "project": projects_visible_to}


@login_required
@require_POST
def instruction_create(request, kind, pk):
    if kind not in SUBJECTS:
        raise PermissionDenied
    subject = get_object_or_404(SUBJECTS[kind](request.user), pk=pk)
    if not request.user.has_perm("instructions.add_instruction", subject):
        raise PermissionDenied(_("Only leaders in charge of this zone give instructions."))
    form = InstructionForm(request.POST, subject=subject)
    return _answer(
        request,
        form,
        subject,
        lambda data: services.instruction_create(actor=request.user, subject=subject, **data),
        _("The instruction was sent."),
    )


@login_required
@require_POST
def instruction_reply(request, pk):
    instruction = get_object_or_404(instructions_visible_to(request.user), pk=pk)
    if not request.user.has_perm("instructions.reply_instruction", instruction):
        raise PermissionDenied(_("Only the addressed unit replies."))
    form = InstructionReplyForm(request.POST)
    return _answer(
        request,
        form,
        instruction.subject,
        lambda data: services.instruction_reply(actor=request.user, instruction=instruction, **data),
        _("Your reply was saved."),
    )


def _answer(request, form, subject, write, success: str):
    error = None
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
    if request.headers.get("HX-Request"):
        return render(
            request, "_result.html", {"error": error, "success": success}, status=400 if error else 200
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(subject.get_absolute_url())
