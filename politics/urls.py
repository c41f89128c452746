from django.urls import path

from politics import views, views_amendments, views_questions

app_name = "politics"

urlpatterns = [
    path("kort/<int:card_pk>/kommentarer/", views.comment_add, name="comment_add"),
    path("kommentarer/<int:pk>/rediger/", views.comment_edit, name="comment_edit"),
    path("<slug:cycle>/", views.reading_room, name="reading_room"),
    path("<slug:cycle>/maal/", views.targets, name="targets"),
    path("<slug:cycle>/aendringsforslag/", views_amendments.amendment_list, name="amendments"),
    path(
        "<slug:cycle>/aendringsforslag/frist/",
        views_amendments.amendment_deadline,
        name="amendment_deadline",
    ),
    path(
        "<slug:cycle>/aendringsforslag.xlsx",
        views_amendments.amendments_xlsx,
        name="amendments_xlsx",
    ),
    path(
        "<slug:cycle>/aendringsforslag.pdf", views_amendments.amendments_pdf, name="amendments_pdf"
    ),
    path("<slug:cycle>/spoergsmaal/", views_questions.question_list, name="questions"),
    path("<slug:cycle>/spoergsmaal/svar/", views_questions.answers_page, name="answers"),
    path("<slug:cycle>/spoergsmaal/svar.pdf", views_questions.answers_pdf, name="answers_pdf"),
    path("<slug:cycle>/spoergsmaal/svar.xlsx", views_questions.answers_xlsx, name="answers_xlsx"),
    path("<slug:cycle>/spoergsmaal/svar.docx", views_questions.answers_docx, name="answers_docx"),
    path(
        "<slug:cycle>/spoergsmaal/<int:number>/", views_questions.question_detail, name="question"
    ),
    path(
        "<slug:cycle>/spoergsmaal/<int:number>/<str:action>/",
        views_questions.question_action,
        name="question_action",
    ),
    path("<slug:cycle>/scenarier/", views.scenario_list, name="scenarios"),
    path("<slug:cycle>/scenarier/sammenlign/", views.scenario_compare, name="compare"),
    path("<slug:cycle>/scenarier/<int:pk>/", views.scenario_detail, name="scenario"),
    path("<slug:cycle>/scenarier/<int:pk>/kopier/", views.scenario_copy, name="copy"),
    path("<slug:cycle>/scenarier/<int:pk>/del/", views.scenario_share, name="share"),
    path("<slug:cycle>/scenarier/<int:pk>/scenarie.xlsx", views.scenario_xlsx, name="xlsx"),
    path("<slug:cycle>/scenarier/<int:pk>/pdf/", views.scenario_pdf, name="pdf"),
]
