from django.urls import path

from sso import views

urlpatterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    # The admin signs in the same way: with LOCAL_LOGIN=False it, too, requires the provider.
    path("admin/login/", views.LoginView.as_view()),
    path("log-ud/", views.logout, name="logout"),
    path("log-ind/sso/", views.login_start, name="sso_login"),
    path("log-ind/sso/svar/", views.callback, name="sso_callback"),
    path("log-ind/mitid/", views.citizen_start, name="mitid_login"),
    path("log-ind/mitid/svar/", views.citizen_callback, name="mitid_callback"),
]
