from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BudgetPortalConfig(AppConfig):
    name = "budget_portal"
    verbose_name = "Budgetportal"

    def ready(self) -> None:
        from budget_portal.cache import create_cache_table

        # `migrate` alone brings a database up to date, the cache table included.
        post_migrate.connect(create_cache_table, sender=self)
        from budget_portal import calendar  # noqa: F401 - registers the calendar PDF
        from budget_portal.demo import load_calendar, register_loader

        register_loader(10, "calendar", load_calendar)

        from django.db.models.signals import pre_save

        from budget_portal.text import normalise_on_save

        # Fallback for text that does not come through a form (services, imports, admin).
        pre_save.connect(normalise_on_save, dispatch_uid="budget_portal.normalise_text")

        from budget_portal.outbox import purge_sent
        from budget_portal.retention import register_purge

        register_purge(30, "outbox", purge_sent)

        from budget_portal import rules  # noqa: F401 - registers the spine's permissions
        from budget_portal.navigation import register_spine

        register_spine()
