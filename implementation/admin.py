from django.contrib import admin

from budget_portal.forms import ModelForm
from implementation.models import Absence, Case, ImplementationPlan, PlanGroup, PlanItem, Treatment


class GroupInline(admin.TabularInline):
    form = ModelForm
    model = PlanGroup
    extra = 0


@admin.register(ImplementationPlan)
class PlanAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["title", "cycle", "released"]
    inlines = [GroupInline]


@admin.register(PlanItem)
class PlanItemAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["title", "group", "kind", "timing", "completed"]
    list_filter = ["group__plan", "kind", "completed"]
    filter_horizontal = ["committees", "cards"]


class TreatmentInline(admin.StackedInline):
    form = ModelForm
    model = Treatment
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["number", "title", "cycle", "is_open"]
    search_fields = ["number", "title"]
    filter_horizontal = ["cards"]
    inlines = [TreatmentInline]


class AbsenceInline(admin.TabularInline):
    form = ModelForm
    model = Absence
    extra = 0


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    form = ModelForm
    list_display = ["case", "body", "meeting_date"]
    inlines = [AbsenceInline]
