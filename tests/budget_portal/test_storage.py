"""Web processes share nothing: files go through Django's storage API only (so they can live
in object storage), sessions and the cache live outside process memory."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget_portal.models import Publication
from budget_portal.settings import cache_from_env, storage_from_env
from hearings.models import Response
from proposals.models import Status
from tests.factories import make_card
from tests.hearings.test_responding import form_data, pdf_bytes


@pytest.fixture
def memory_storage(settings, tmp_path):
    """Files in memory only; MEDIA_ROOT points at a folder that must stay untouched."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    yield
    assert not (tmp_path / "must-stay-empty").exists(), "something wrote to the local disk"


def test_catalog_pdf_renders_into_and_is_served_from_a_non_filesystem_storage(
    client, memory_storage, cycle, finance, department_a, committee
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    response = client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]), follow=True)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert body.startswith(b"%PDF-")
    publication = Publication.objects.get(kind="catalog")
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert default_storage.exists(publication.file.name)
    assert publication.size == len(body)


def test_hearing_attachment_is_uploaded_and_downloaded_through_the_storage(
    client, memory_storage, hearing, finance
):
    upload = pdf_bytes(pages=2)
    data = form_data(client, hearing, attachment=SimpleUploadedFile("svar.pdf", upload))
    assert client.post(hearing.get_absolute_url(), data).status_code == 302
    stored = Response.objects.get()
    assert default_storage.exists(stored.attachment.name)

    client.force_login(finance)
    download = client.get(reverse("hearings:attachment", args=[hearing.slug, stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == upload


def test_local_folder_is_the_default_storage():
    assert storage_from_env({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_storage_is_configured_from_the_environment(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("hemmelig-noegle\n")
    config = storage_from_env(
        {
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": "budgetportal",
            "S3_ENDPOINT_URL": "https://s3.example.net",
            "S3_REGION": "eu-north-1",
            "AWS_ACCESS_KEY_ID": "noegle-id",
            "AWS_SECRET_ACCESS_KEY_FILE": str(secret),
        }
    )
    from storages.backends.s3 import S3Storage

    # The options are ones django-storages knows (it refuses unknown ones); no network here.
    storage = S3Storage(**config["OPTIONS"])
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage.bucket_name == "budgetportal"
    assert storage.endpoint_url == "https://s3.example.net"
    assert storage.secret_key == "hemmelig-noegle"
    assert storage.file_overwrite is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
        ({"STORAGE_BACKEND": "ftp"}, "filesystem or s3"),
    ],
)
def test_a_wrong_storage_setting_stops_the_start(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storage_from_env(env)


def test_sessions_and_cache_are_outside_process_memory():
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert django_settings.CACHES["default"]["BACKEND"] == "budget_portal.cache.DatabaseCache"


def test_cache_can_be_redis():
    assert cache_from_env({"CACHE_URL": "redis://redis:6379/0"}) == {
        "BACKEND": "budget_portal.cache.RedisCache",
        "LOCATION": "redis://redis:6379/0",
    }
    with pytest.raises(ImproperlyConfigured):
        cache_from_env({"CACHE_URL": "memcached://x"})


def test_the_database_cache_works(db):
    from django.core.cache import cache

    cache.set("budget", "2026", 30)
    assert cache.get("budget") == "2026"
