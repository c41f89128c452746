from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("<slug:cycle_slug>/foelgebreve/", views.letter_list, name="list"),
    path("<slug:cycle_slug>/foelgebreve/<int:pk>/", views.letter_detail, name="detail"),
    path("<slug:cycle_slug>/foelgebreve/<int:pk>/rediger/", views.letter_edit, name="edit"),
    path("<slug:cycle_slug>/foelgebreve/<int:pk>/frigiv/", views.letter_release, name="release"),
    path("<slug:cycle_slug>/foelgebreve/<int:pk>/pdf/", views.letter_pdf, name="pdf"),
    path(
        "<slug:cycle_slug>/foelgebreve/<int:pk>/bilag/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path(
        "<slug:cycle_slug>/foelgebreve/<int:pk>/bevillinger/ny/", views.grant_edit, name="grant_new"
    ),
    path(
        "<slug:cycle_slug>/foelgebreve/<int:pk>/bevillinger/<int:grant_pk>/",
        views.grant_edit,
        name="grant_edit",
    ),
    path("<slug:cycle_slug>/udloebende-bevillinger/", views.grants_overview, name="grants"),
    path(
        "<slug:cycle_slug>/udloebende-bevillinger/<int:grant_pk>/forslag/",
        views.grant_to_proposal,
        name="grant_to_proposal",
    ),
]
