from django.contrib import admin

from organisation.models import Membership, Unit, UnitAlias, Zone, ZoneRole
from organisation.roles import forget_roles


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    search_fields = ["name", "code"]


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "zone", "parent"]
    list_filter = ["kind", "zone"]
    search_fields = ["name", "short_name", "aliases__name"]
    inlines = [UnitAliasInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_roles(obj.user)


@admin.register(ZoneRole)
class ZoneRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "zone"]
    list_filter = ["role", "zone"]
