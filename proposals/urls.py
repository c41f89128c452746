from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("<slug:cycle>/forslag/", views.proposal_list, name="list"),
    path("<slug:cycle>/forslag/ny/", views.proposal_create, name="create"),
    path("<slug:cycle>/katalog.pdf", views.catalog_pdf, name="catalog_pdf"),
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
