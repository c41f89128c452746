"""/data/: the documentation page describes every field the files have, from the same schema."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from opendata.schema import DATASETS


def test_page_documents_every_field_of_every_dataset(client, cycle):
    page = client.get(reverse("opendata:index")).content.decode()
    for dataset in DATASETS.values():
        assert f'id="{dataset.name}"' in page
        assert str(dataset.title) in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page, (dataset.name, field.name)
            assert str(escape(field.description)) in page, field.name
        assert f'href="/data/{cycle.slug}/{dataset.name}.csv"' in page
        assert f'href="/data/{cycle.slug}/{dataset.name}.json"' in page
    assert f'href="/data/{cycle.slug}/datapackage.json"' in page
    assert "Creative Commons Navngivelse 4.0 International" in page


def test_every_page_links_the_open_data_and_the_hearings_feed(client, cycle):
    page = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})).content.decode()
    assert '<a href="/data/">Åbne data</a>' in page
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/feeds/hoeringer.rss"' in page
    assert f'href="/feeds/{cycle.slug}/forslag.rss"' in page
