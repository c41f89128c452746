from django.contrib import admin

from budget_portal.models import BudgetCycle, Committee, Department, Milestone, Phase


class CommitteeInline(admin.TabularInline):
    model = Committee
    extra = 0


@admin.register(BudgetCycle)
class BudgetCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "first_year", "years", "display_unit"]
    prepopulated_fields = {"slug": ["municipality", "first_year"]}
    inlines = [CommitteeInline]


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
