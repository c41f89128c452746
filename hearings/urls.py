from django.urls import path

from hearings import views

app_name = "hearings"

urlpatterns = [
    path("", views.hearing_list, name="list"),
    path("persondata/", views.personal_data, name="personal_data"),
    path("persondata/slet/", views.erase_personal_data, name="erase_personal_data"),
    path("<slug:slug>/", views.hearing_detail, name="detail"),
    path("<slug:slug>/tak/", views.thanks, name="thanks"),
    path("<slug:slug>/kvittering/<str:receipt>/", views.receipt, name="receipt"),
    path("<slug:slug>/materiale/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/svar.pdf", views.responses_pdf, name="responses_pdf"),
    path("<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("<slug:slug>/moderation/<int:pk>/bilag/", views.attachment, name="attachment"),
    path("<slug:slug>/moderation/<int:pk>/<str:action>/", views.moderate, name="moderate"),
    path("<slug:slug>/tjek-tekst/", views.check_text, name="check_text"),
    path("<slug:slug>/hoeringsnotat/", views.hearing_note, name="note"),
    path("<slug:slug>/hoeringsnotat.pdf", views.note_pdf, name="note_pdf"),
    path("<slug:slug>/hoeringsnotat.docx", views.note_docx, name="note_docx"),
    path(
        "<slug:slug>/hoeringsnotat/svar/<int:pk>/", views.edit_note_response, name="note_response"
    ),
    path("<slug:slug>/hoeringsnotat/gruppe/<str:key>/", views.edit_note_remark, name="note_remark"),
    path("<slug:slug>/svar.xlsx", views.responses_xlsx, name="responses_xlsx"),
]
