from django.urls import path

from implementation import views

app_name = "implementation"

urlpatterns = [
    path("budget/<slug:cycle_slug>/udmoentningsplan/", views.plan_page, name="plan"),
    path(
        "budget/<slug:cycle_slug>/udmoentningsplan/punkt/<int:pk>/afslut/",
        views.toggle_item,
        name="toggle",
    ),
    path("budget/<slug:cycle_slug>/udmoentningsplan.pdf", views.plan_pdf, name="plan_pdf"),
    path("budget/<slug:cycle_slug>/udmoentningsplan.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("sager/<str:number>/", views.case_page, name="case"),
    path("sager/<str:number>/pdf/", views.case_pdf, name="case_pdf"),
]
