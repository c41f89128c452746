from django.apps import AppConfig


class ImplementationConfig(AppConfig):
    name = "implementation"
    verbose_name = "Udmøntning og sager"

    def ready(self) -> None:
        from budget_portal.demo import register_loader
        from implementation import outputs  # noqa: F401 - registers the plan and case PDFs
        from implementation.demo import load_norddjurs_plan

        register_loader(40, "norddjurs-plan", load_norddjurs_plan)

        from implementation.navigation import register_navigation

        register_navigation()
