from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "letters"
    verbose_name = "Følgebreve"

    def ready(self) -> None:
        from budget_portal.demo import register_loader
        from letters import outputs  # noqa: F401 - registers the letter PDF
        from letters.demo import load_aarhus_letters

        register_loader(50, "aarhus-letters", load_aarhus_letters)

        from letters.navigation import register_navigation

        register_navigation()
