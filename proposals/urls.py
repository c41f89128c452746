from django.urls import path

from proposals import views, views_excel

app_name = "proposals"

urlpatterns = [
    path("<slug:cycle>/forslag/", views.proposal_list, name="list"),
    path("<slug:cycle>/forslag/ny/", views.proposal_create, name="create"),
    path("<slug:cycle>/katalog.pdf", views.catalog_pdf, name="catalog_pdf"),
    path("<slug:cycle>/katalog.docx", views.catalog_docx, name="catalog_docx"),
    path("<slug:cycle>/kort-fortalt/", views.brief, name="brief"),
    path("<slug:cycle>/kort-fortalt.pdf", views.brief_pdf, name="brief_pdf"),
    path("<slug:cycle>/excel/", views_excel.excel_page, name="excel"),
    path("<slug:cycle>/excel/skabelon.xlsx", views_excel.excel_template, name="excel_template"),
    path("<slug:cycle>/excel/forslag.xlsx", views_excel.excel_export, name="excel_export"),
    path("<slug:cycle>/excel/import/<int:pk>/", views_excel.excel_preview, name="excel_preview"),
    path("<slug:cycle>/excel/import/<int:pk>/gem/", views_excel.excel_apply, name="excel_apply"),
    path("<slug:cycle>/forslag/<str:number>/", views.proposal_detail, name="detail"),
    path("<slug:cycle>/forslag/<str:number>/rediger/", views.proposal_edit, name="edit"),
    path("<slug:cycle>/forslag/<str:number>/pdf/", views.card_pdf, name="card_pdf"),
    path("<slug:cycle>/forslag/<str:number>/status/", views.proposal_status, name="status"),
    path("<slug:cycle>/forslag/<str:number>/historik/", views.proposal_history, name="history"),
    path(
        "<slug:cycle>/forslag/<str:number>/historik/sammenlign/",
        views.proposal_compare,
        name="compare",
    ),
]
