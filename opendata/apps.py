from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Åbne data"

    def ready(self) -> None:
        from opendata.navigation import register_navigation

        register_navigation()
