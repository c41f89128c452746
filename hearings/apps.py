from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = "Høringer"

    def ready(self) -> None:
        from budget_portal.demo import register_loader
        from hearings import outputs  # noqa: F401 - registers the responses PDF
        from hearings.demo import load_hearings, load_norddjurs_hearing

        register_loader(30, "hearings", load_hearings)
        register_loader(31, "norddjurs-hearing", load_norddjurs_hearing)

        from budget_portal.retention import register_purge
        from hearings.personal_data import apply_retention

        register_purge(10, "hearing-responses", apply_retention)

        from hearings.navigation import register_navigation

        register_navigation()
