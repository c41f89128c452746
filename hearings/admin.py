from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from budget_portal.admin import InlineAddTextMixin
from budget_portal.forms import ModelForm
from budget_portal.uploads import check_pdf
from hearings.models import Hearing, HearingDocument, Response


class DocumentForm(ModelForm):
    class Meta:
        model = HearingDocument
        fields = ["title", "file", "position"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_pdf(upload)
        return upload


class DocumentInline(admin.TabularInline):
    model = HearingDocument
    form = DocumentForm
    extra = 0
    add_another = _("Tilføj endnu et høringsmateriale")


@admin.register(Hearing)
class HearingAdmin(InlineAddTextMixin, admin.ModelAdmin):
    form = ModelForm
    list_display = ["title", "cycle", "opens_at", "closes_at", "publish_responses"]
    list_filter = ["cycle"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["cards"]
    inlines = [DocumentInline]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Read-only: responses are moderated in the portal, where the rules are applied."""

    list_display = ["hearing", "number", "state", "created_at"]
    list_filter = ["hearing", "state"]
    readonly_fields = [f.name for f in Response._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
