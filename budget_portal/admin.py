from django.contrib import admin

from budget_portal.models import BudgetCycle, Committee, Department, Milestone, Phase, Publication


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0


@admin.register(BudgetCycle)
class BudgetCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "first_year", "years", "display_unit"]
    prepopulated_fields = {"slug": ["municipality", "first_year"]}
    inlines = [CommitteeInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The amendment deadline is one of this cycle's own milestones, never another
        # municipality's (finance sets it on /politik/<cycle>/aendringsforslag/frist/).
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("amendment_deadline")
        if field is not None:
            field.queryset = Milestone.objects.filter(cycle_id=obj.pk if obj else None)
        return form


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "cycle", "committee"]
    list_filter = ["cycle"]
    filter_horizontal = ["editors"]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle"]
    list_filter = ["cycle"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
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
