from django.urls import path

from politics.views import amendments, comments, questions, reading_room, scenarios

app_name = "politics"

urlpatterns = [
    path("kort/<int:card_pk>/kommentarer/", comments.comment_add, name="comment_add"),
    path("kommentarer/<int:pk>/rediger/", comments.comment_edit, name="comment_edit"),
    path("<slug:cycle>/", reading_room.reading_room, name="reading_room"),
    path("<slug:cycle>/maal/", scenarios.targets, name="targets"),
    path("<slug:cycle>/aendringsforslag/", amendments.amendment_list, name="amendments"),
    path(
        "<slug:cycle>/aendringsforslag/frist/",
        amendments.amendment_deadline,
        name="amendment_deadline",
    ),
    path("<slug:cycle>/aendringsforslag.xlsx", amendments.amendments_xlsx, name="amendments_xlsx"),
    path("<slug:cycle>/aendringsforslag.pdf", amendments.amendments_pdf, name="amendments_pdf"),
    path("<slug:cycle>/spoergsmaal/", questions.question_list, name="questions"),
    path("<slug:cycle>/spoergsmaal/svar/", questions.answers_page, name="answers"),
    path("<slug:cycle>/spoergsmaal/svar.pdf", questions.answers_pdf, name="answers_pdf"),
    path("<slug:cycle>/spoergsmaal/svar.xlsx", questions.answers_xlsx, name="answers_xlsx"),
    path("<slug:cycle>/spoergsmaal/svar.docx", questions.answers_docx, name="answers_docx"),
    path("<slug:cycle>/spoergsmaal/<int:number>/", questions.question_detail, name="question"),
    path(
        "<slug:cycle>/spoergsmaal/<int:number>/<str:action>/",
        questions.question_action,
        name="question_action",
    ),
    path("<slug:cycle>/scenarier/", scenarios.scenario_list, name="scenarios"),
    path("<slug:cycle>/scenarier/sammenlign/", scenarios.scenario_compare, name="compare"),
    path("<slug:cycle>/scenarier/<int:pk>/", scenarios.scenario_detail, name="scenario"),
    path("<slug:cycle>/scenarier/<int:pk>/kopier/", scenarios.scenario_copy, name="copy"),
    path("<slug:cycle>/scenarier/<int:pk>/del/", scenarios.scenario_share, name="share"),
    path("<slug:cycle>/scenarier/<int:pk>/scenarie.xlsx", scenarios.scenario_xlsx, name="xlsx"),
    path("<slug:cycle>/scenarier/<int:pk>/pdf/", scenarios.scenario_pdf, name="pdf"),
]
