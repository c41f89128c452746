from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Budgetforslag"

    def ready(self) -> None:
        from proposals.publications import register_renderers

        register_renderers()

        from budget_portal.demo import register_loader
        from proposals.demo import load_norddjurs, load_norddjurs_workflow

        register_loader(20, "norddjurs", load_norddjurs)
        register_loader(21, "norddjurs-workflow", load_norddjurs_workflow)

        from proposals.navigation import register_navigation

        register_navigation()
