from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from budget_portal import health, price_views, signin, views

admin.site.site_header = _("Budgetportal – administration")

# A static page with the request id ("fejl-id"), safe when everything else is broken.
handler500 = "budget_portal.views.server_error"
# Danish, and with the security headers even when refused before the middlewares ran.
handler400 = "budget_portal.views.bad_request"

urlpatterns = [
    path("", views.home, name="home"),
    path("mine-opgaver/", views.my_tasks, name="my_tasks"),
    path("budgetaar/skift/", views.choose_cycle, name="choose_cycle"),
    path("healthz", health.healthz, name="healthz"),
    # Sign-in and sign-out, local or through the identity provider; before admin/.
    path("", include("sso.urls")),
    path("adgangskode/glemt/", signin.PasswordResetView.as_view(), name="password_reset"),
    path(
        "adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "adgangskode/ny/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "adgangskode/skiftet/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("publikationer/<str:fingerprint>/", views.publication_status, name="publication_status"),
    path("publikationer/<str:fingerprint>/fil/", views.publication_file, name="publication_file"),
    path("budget/<slug:cycle_slug>/kalender/", views.calendar_page, name="calendar"),
    path("budget/<slug:cycle_slug>/kalender.ics", views.calendar_ics, name="calendar_ics"),
    path("budget/<slug:cycle_slug>/kalender.pdf", views.calendar_pdf, name="calendar_pdf"),
    path("budget/<slug:cycle_slug>/prisniveau/", price_views.price_table, name="price_table"),
    path(
        "budget/<slug:cycle_slug>/prisniveau/import/",
        price_views.price_table_import,
        name="price_table_import",
    ),
    path(
        "budget/<slug:cycle_slug>/prisniveau/prisindeks.xlsx",
        price_views.price_table_xlsx,
        name="price_table_xlsx",
    ),
    path("", include("implementation.urls")),
    path("budget/", include("proposals.urls")),
    path("budget/", include("letters.urls")),
    path("hoeringer/abonnement/", include("subscriptions.urls")),  # before <slug>/
    path("hoeringer/", include("hearings.urls")),
    path("politik/", include("politics.urls")),
    path("", include("opendata.urls")),
    path("privatlivspolitik/", views.privacy, name="privacy"),
    path("tilgaengelighedserklaering/", views.accessibility, name="accessibility"),
    path("soeg/", include("search.urls")),
    path("admin/", admin.site.urls),
]
