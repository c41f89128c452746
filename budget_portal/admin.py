import functools
import json

from django.contrib import admin

from budget_portal.forms import ModelForm
from budget_portal.models import BudgetCycle, Committee, Department, Milestone, Phase, Publication


class InlineAddTextMixin:
    """For a ModelAdmin whose inlines set `add_another`: that text on the inline's add link.
    Django's Danish has one article for every noun ("Tilføj endnu en %(verbose_name)s"),
    which is wrong for neuter nouns: "Tilføj endnu et høringsmateriale"."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for admin_formset in admin_formsets:
            text = getattr(admin_formset.opts, "add_another", None)
            if text:
                data = json.loads(admin_formset.inline_formset_data())
                data["options"]["addText"] = str(text)
                admin_formset.inline_formset_data = functools.partial(str, json.dumps(data))
        return admin_formsets


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
