from django.contrib import admin

from budget_portal.forms import ModelForm
from budget_portal.models import BudgetCycle, Committee, Department, Milestone, Phase, Publication


class CommitteeInline(admin.TabularInline):
    form = ModelForm
    model = Committee
    extra = 0


@admin.register(BudgetCycle)
class BudgetCycleAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["name", "municipality", "first_year", "years", "display_unit"]
    prepopulated_fields = {"slug": ["municipality", "first_year"]}
    inlines = [CommitteeInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["name", "cycle", "committee"]
    list_filter = ["cycle"]
    filter_horizontal = ["editors"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["__str__", "cycle"]
    list_filter = ["cycle"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["title", "cycle", "kind", "starts_on", "ends_on", "date_label"]
    list_filter = ["cycle", "kind", "phase"]
    search_fields = ["title", "text"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Renders and why they failed; files are made by the worker, never edited here."""

    list_display = ["title", "kind", "cycle", "state", "created_at", "finished_at", "error"]
    list_filter = ["state", "kind", "cycle"]
    readonly_fields = [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
