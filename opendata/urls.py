"""Open data under /data/, the feeds under /feeds/ and /sitemap.xml."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter
from django.views.decorators.http import require_safe

from opendata import feeds, views
from opendata.schema import DATASETS
from opendata.sitemaps import SITEMAPS


class DatasetConverter:
    regex = "|".join(DATASETS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DatasetConverter, "dataset")

app_name = "opendata"

urlpatterns = [
    path("data/", views.index, name="index"),
    path("data/<slug:cycle_slug>/datapackage.json", views.datapackage_json, name="datapackage"),
    path("data/<slug:cycle_slug>/<dataset:name>.csv", views.dataset_csv, name="csv"),
    path("data/<slug:cycle_slug>/<dataset:name>.json", views.dataset_json, name="json"),
    path("feeds/hoeringer.rss", require_safe(feeds.HearingsFeed()), name="hearings_rss"),
    path("feeds/hoeringer.atom", require_safe(feeds.HearingsAtomFeed()), name="hearings_atom"),
    path("feeds/<slug:cycle_slug>/forslag.rss", require_safe(feeds.CardsFeed()), name="cards_rss"),
    path(
        "feeds/<slug:cycle_slug>/forslag.atom",
        require_safe(feeds.CardsAtomFeed()),
        name="cards_atom",
    ),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
