"""The datapackage.json and its CSV files pass the Frictionless validator, as served."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from frictionless import Package

from opendata.schema import DATASETS
from tests.opendata.conftest import SECRET


def download(client, cycle, folder) -> dict:
    """The package and its files as a user would save them (frictionless fetches no URLs)."""
    response = client.get(reverse("opendata:datapackage", kwargs={"cycle_slug": cycle.slug}))
    assert response.status_code == 200
    descriptor = response.json()
    (folder / "datapackage.json").write_bytes(response.content)
    for resource in descriptor["resources"]:
        # The relative path resolves against the package's own address.
        url = reverse("opendata:datapackage", kwargs={"cycle_slug": cycle.slug}).replace(
            "datapackage.json", resource["path"]
        )
        data = client.get(url)
        assert data.status_code == 200, url
        (folder / resource["path"]).write_bytes(data.content)
    return descriptor


def test_datapackage_validates_with_frictionless(client, open_world, cycle, tmp_path):
    descriptor = download(client, cycle, tmp_path)
    assert [r["name"] for r in descriptor["resources"]] == list(DATASETS)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["fiscalPeriod"] == {"start": "2026-01-01", "end": "2029-12-31"}

    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["forslag"] == 6  # R101 from the hearing, T101, A102, E103, T104, T105
    assert rows["forslag-aar"] == 6 * 4
    assert rows["hoeringssvar"] == 2
    assert rows["kalender"] == 2 and rows["faser"] == 1 and rows["hoeringer"] == 2
    assert SECRET not in "".join(p.read_text() for p in tmp_path.iterdir())


def test_a_broken_file_is_caught_by_the_same_validation(client, open_world, cycle, tmp_path):
    # The check above can fail: a text amount, a draft's status and a card that is not in
    # forslag.csv are each refused.
    download(client, cycle, tmp_path)
    path = tmp_path / "forslag-aar.csv"
    path.write_text(path.read_text() + "T199,2026,mange,0,0,0,Kladde,T,kladde,U,A,,2026\n")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    errors = report.flatten(["fieldName", "type"])
    assert ["udgifter", "type-error"] in errors
    assert ["status", "constraint-error"] in errors
    assert [None, "foreign-key"] in errors


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/deed.da"}),
        (
            {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
             "title": "CC0"},
            {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
        ),
    ],
)  # fmt: skip
def test_licence_comes_from_the_setting(client, cycle, settings, env, expected):
    if env:
        settings.OPEN_DATA_LICENSE = env
    descriptor = client.get(
        reverse("opendata:datapackage", kwargs={"cycle_slug": cycle.slug})
    ).json()
    licence = descriptor["licenses"][0]
    assert {k: licence[k] for k in expected} == expected
    page = client.get(reverse("opendata:index")).content.decode()
    assert f'href="{expected["path"]}"' in page
    assert json.dumps(licence)  # plain JSON
