from django.urls import path

from politics.views import amendments, comments, questions, reading_room, scenarios

app_name = "politics"

urlpatterns = [
    path("kort/<int:card_pk>/kommentarer/", comments.comment_add, name="comment_add"),
    path("kommentarer/<int:pk>/rediger/", comments.comment_edit, name="comment_edit"),
    path("<slug:cycle_slug>/", reading_room.reading_room, name="reading_room"),
    path("<slug:cycle_slug>/maal/", scenarios.targets, name="targets"),
    path("<slug:cycle_slug>/aendringsforslag/", amendments.amendment_list, name="amendments"),
    path(
        "<slug:cycle_slug>/aendringsforslag/frist/",
        amendments.amendment_deadline,
        name="amendment_deadline",
    ),
    path(
        "<slug:cycle_slug>/aendringsforslag.xlsx",
        amendments.amendments_xlsx,
        name="amendments_xlsx",
    ),
    path(
        "<slug:cycle_slug>/aendringsforslag.pdf", amendments.amendments_pdf, name="amendments_pdf"
    ),
    path(
        "<slug:cycle_slug>/aendringsforslag.docx",
        amendments.amendments_docx,
        name="amendments_docx",
    ),
    path("<slug:cycle_slug>/spoergsmaal/", questions.question_list, name="questions"),
    path("<slug:cycle_slug>/spoergsmaal/svar/", questions.answers_page, name="answers"),
    path("<slug:cycle_slug>/spoergsmaal/svar.pdf", questions.answers_pdf, name="answers_pdf"),
    path("<slug:cycle_slug>/spoergsmaal/svar.xlsx", questions.answers_xlsx, name="answers_xlsx"),
    path("<slug:cycle_slug>/spoergsmaal/svar.docx", questions.answers_docx, name="answers_docx"),
    path("<slug:cycle_slug>/spoergsmaal/<int:number>/", questions.question_detail, name="question"),
    path(
        "<slug:cycle_slug>/spoergsmaal/<int:number>/<str:action>/",
        questions.question_action,
        name="question_action",
    ),
    path("<slug:cycle_slug>/scenarier/", scenarios.scenario_list, name="scenarios"),
    path("<slug:cycle_slug>/scenarier/sammenlign/", scenarios.scenario_compare, name="compare"),
    path("<slug:cycle_slug>/scenarier/<int:pk>/", scenarios.scenario_detail, name="scenario"),
    path("<slug:cycle_slug>/scenarier/<int:pk>/kopier/", scenarios.scenario_copy, name="copy"),
    path("<slug:cycle_slug>/scenarier/<int:pk>/del/", scenarios.scenario_share, name="share"),
    path(
        "<slug:cycle_slug>/scenarier/<int:pk>/scenarie.xlsx", scenarios.scenario_xlsx, name="xlsx"
    ),
    path("<slug:cycle_slug>/scenarier/<int:pk>/pdf/", scenarios.scenario_pdf, name="pdf"),
]
