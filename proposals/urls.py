from django.urls import path

from proposals import views, views_excel

app_name = "proposals"

urlpatterns = [
    path("<slug:cycle_slug>/forslag/", views.proposal_list, name="list"),
    path("<slug:cycle_slug>/forslag/diagram/<slug:name>.svg", views.list_chart, name="list_chart"),
    path("<slug:cycle_slug>/forslag/ny/", views.proposal_create, name="create"),
    path("<slug:cycle_slug>/katalog.pdf", views.catalog_pdf, name="catalog_pdf"),
    path("<slug:cycle_slug>/katalog.docx", views.catalog_docx, name="catalog_docx"),
    path("<slug:cycle_slug>/kort-fortalt/", views.brief, name="brief"),
    path("<slug:cycle_slug>/kort-fortalt.pdf", views.brief_pdf, name="brief_pdf"),
    path("<slug:cycle_slug>/excel/", views_excel.excel_page, name="excel"),
    path(
        "<slug:cycle_slug>/excel/skabelon.xlsx", views_excel.excel_template, name="excel_template"
    ),
    path("<slug:cycle_slug>/excel/forslag.xlsx", views_excel.excel_export, name="excel_export"),
    path(
        "<slug:cycle_slug>/excel/import/<int:pk>/", views_excel.excel_preview, name="excel_preview"
    ),
    path(
        "<slug:cycle_slug>/excel/import/<int:pk>/gem/", views_excel.excel_apply, name="excel_apply"
    ),
    path("<slug:cycle_slug>/forslag/<str:number>/", views.proposal_detail, name="detail"),
    path("<slug:cycle_slug>/forslag/<str:number>/rediger/", views.proposal_edit, name="edit"),
    path("<slug:cycle_slug>/forslag/<str:number>/pdf/", views.card_pdf, name="card_pdf"),
    path("<slug:cycle_slug>/forslag/<str:number>/status/", views.proposal_status, name="status"),
    path(
        "<slug:cycle_slug>/forslag/<str:number>/historik/", views.proposal_history, name="history"
    ),
    path(
        "<slug:cycle_slug>/forslag/<str:number>/historik/sammenlign/",
        views.proposal_compare,
        name="compare",
    ),
]
