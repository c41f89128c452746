from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Budgetforslag"

    def ready(self) -> None:
        from proposals.publications import register_renderers

        register_renderers()
