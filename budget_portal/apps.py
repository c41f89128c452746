from django.apps import AppConfig


class BudgetPortalConfig(AppConfig):
    name = "budget_portal"
    verbose_name = "Budgetportal"
