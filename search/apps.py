from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Søgning"

    def ready(self) -> None:
        from search.navigation import register_navigation

        register_navigation()
