from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from budget_portal import views

admin.site.site_header = _("Budgetportal – administration")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "log-ind/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("publikationer/<str:fingerprint>/", views.publication_status, name="publication_status"),
    path("publikationer/<str:fingerprint>/fil/", views.publication_file, name="publication_file"),
    path("budget/", include("proposals.urls")),
    path("admin/", admin.site.urls),
]
