from django.urls import path

from implementation import views

app_name = "implementation"

urlpatterns = [
    path("budget/<slug:cycle>/udmoentningsplan/", views.plan_page, name="plan"),
    path(
        "budget/<slug:cycle>/udmoentningsplan/punkt/<int:pk>/afslut/",
        views.toggle_item,
        name="toggle",
    ),
    path("budget/<slug:cycle>/udmoentningsplan.pdf", views.plan_pdf, name="plan_pdf"),
    path("budget/<slug:cycle>/udmoentningsplan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("sager/<str:number>/", views.case_page, name="case"),
    path("sager/<str:number>/pdf/", views.case_pdf, name="case_pdf"),
]
