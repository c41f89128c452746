from django.apps import AppConfig


class BudgetPortalConfig(AppConfig):
    name = "budget_portal"
    verbose_name = "Budgetportal"

    def ready(self) -> None:
        from budget_portal import calendar  # noqa: F401 - registers the calendar PDF
        from budget_portal.demo import load_calendar, register_loader

        register_loader(10, "calendar", load_calendar)

        from budget_portal.navigation import register_spine

        register_spine()
