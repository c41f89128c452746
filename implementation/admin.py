from django.contrib import admin

from implementation.models import Absence, Case, ImplementationPlan, PlanGroup, PlanItem, Treatment


class GroupInline(admin.TabularInline):
    model = PlanGroup
    extra = 0


@admin.register(ImplementationPlan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "released"]
    inlines = [GroupInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "kind", "timing", "completed"]
    list_filter = ["group__plan", "kind", "completed"]
    filter_horizontal = ["committees", "cards"]


class TreatmentInline(admin.StackedInline):
    model = Treatment
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "cycle", "is_open"]
    search_fields = ["number", "title"]
    filter_horizontal = ["cards"]
    inlines = [TreatmentInline]


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["case", "body", "meeting_date"]
    inlines = [AbsenceInline]
