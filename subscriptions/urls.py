from django.urls import path

from subscriptions import views

app_name = "subscriptions"

# Under /hoeringer/abonnement/ (included before the hearings' /hoeringer/<slug>/).
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("tjek-din-email/", views.sent, name="sent"),
    path("bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
