from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Abonnement på høringer"

    def ready(self) -> None:
        from budget_portal.personal_data import register_holder
        from subscriptions import signals  # noqa: F401 - announces new hearings
        from subscriptions.personal_data import SUBSCRIPTIONS

        register_holder(SUBSCRIPTIONS)
