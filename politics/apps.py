from django.apps import AppConfig


class PoliticsConfig(AppConfig):
    name = "politics"
    verbose_name = "Politikere"

    def ready(self) -> None:
        from politics import outputs  # noqa: F401 - registers the scenario PDF
        from politics.receivers import remember_card_view
        from proposals.signals import card_viewed

        card_viewed.connect(remember_card_view, dispatch_uid="politics-card-view")

        from budget_portal.demo import register_loader
        from politics.demo import load_norddjurs_politics, load_parties

        register_loader(25, "parties", load_parties)
        register_loader(35, "norddjurs-politics", load_norddjurs_politics)

        from politics.navigation import register_navigation

        register_navigation()

        from budget_portal import card_annexes
        from politics import audit_receivers  # noqa: F401 - party memberships in the audit log
        from politics.card_answers import ANNEX

        card_annexes.register(ANNEX)  # the released answers after each card in the PDFs
