from django.contrib import admin

from zoneplan.core.admin import ReadOnlyAdmin
from zoneplan.instructions.models import Instruction


@admin.register(Instruction)
class InstructionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "unit", "author", "created_at", "replied_at"]
    search_fields = ["text", "reply"]
