from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Abonnement på høringer"

    def ready(self) -> None:
        from subscriptions import signals  # noqa: F401 - announces new hearings
