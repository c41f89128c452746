"""Configuration from the environment, and switching local passwords off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from budget_portal.identity import RoleGrant, citizen_provider, parse_role_map, staff_provider

ROOT = Path(__file__).resolve().parents[2]
BASE = {
    "OIDC_ISSUER": "https://login.example.dk/tenant/v2.0",
    "OIDC_CLIENT_ID": "budgetportal",
    "OIDC_CLIENT_SECRET": "hemmelig",
}


def test_the_worked_example_configuration_is_read(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("fra-fil\n")
    env = {
        **BASE,
        "OIDC_CLIENT_SECRET_FILE": str(secret),
        "OIDC_ROLES_CLAIM": "roles",
        "OIDC_ROLE_MAP": "Budget.Okonomi=okonomi\nBudget.Teknik=afdeling:Teknik og Miljø; "
        "Byraad.A=politiker:A",
        "OIDC_LEEWAY_SECONDS": "30",
    }
    provider = staff_provider(env)
    assert provider.client_secret == "fra-fil"
    assert provider.roles_claim == "roles" and provider.leeway == 30
    assert provider.metadata_url == (
        "https://login.example.dk/tenant/v2.0/.well-known/openid-configuration"
    )
    assert provider.role_map == (
        RoleGrant("Budget.Okonomi", "okonomi"),
        RoleGrant("Budget.Teknik", "afdeling", "Teknik og Miljø"),
        RoleGrant("Byraad.A", "politiker", "A"),
    )
    assert staff_provider({}) is None and citizen_provider(env) is None


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"OIDC_CLIENT_SECRET": ""}, "OIDC_CLIENT_SECRET"),
        ({"OIDC_SCOPES": "profile email"}, "OIDC_SCOPES"),
        ({"OIDC_LEEWAY_SECONDS": "600"}, "OIDC_LEEWAY_SECONDS"),
        ({"OIDC_LEEWAY_SECONDS": "et minut"}, "OIDC_LEEWAY_SECONDS"),
        ({"OIDC_ROLE_MAP": "gruppe=chef"}, "OIDC_ROLE_MAP"),
        ({"OIDC_ROLE_MAP": "gruppe=afdeling"}, "OIDC_ROLE_MAP"),
        ({"OIDC_ISSUER": "login.example.dk"}, "OIDC_ISSUER"),
        ({"OIDC_CLIENT_SECRET_FILE": "/findes/ikke"}, "OIDC_CLIENT_SECRET_FILE"),
    ],
)
def test_a_wrong_value_stops_the_start_with_its_name(env, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        staff_provider({**BASE, **env})


def test_an_empty_role_map_entry_is_ignored_and_values_may_contain_equals_signs():
    assert parse_role_map("a=b=okonomi;; ") == (RoleGrant("a=b", "okonomi"),)


def test_local_login_off_without_a_provider_is_refused_at_start():
    env = {
        **os.environ,
        "LOCAL_LOGIN": "False",
        "SECRET_KEY": "x",
        "DJANGO_SETTINGS_MODULE": "budget_portal.settings",
    }
    env.pop("OIDC_ISSUER", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "LOCAL_LOGIN=False needs OIDC_ISSUER" in result.stderr


@pytest.fixture
def no_passwords(settings, idp):
    settings.LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "rules.permissions.ObjectPermissionBackend",
        "sso.backends.SessionOnlyBackend",
    ]


@pytest.mark.django_db
def test_with_local_login_off_the_login_and_admin_pages_send_to_the_provider(client, no_passwords):
    login = client.get("/log-ind/?next=/budget/")
    admin = client.get("/admin/login/?next=/admin/")

    assert login.status_code == 302 and login["Location"] == "/log-ind/sso/?next=%2Fbudget%2F"
    assert admin.status_code == 302 and admin["Location"].startswith("/log-ind/sso/")


@pytest.mark.django_db
def test_with_local_login_off_a_correct_password_signs_nobody_in(rf, no_passwords, finance):
    from django.contrib.auth import authenticate

    finance.set_password("kodeord-til-test")
    finance.save()
    request = rf.post("/log-ind/")
    assert authenticate(request, username=finance.username, password="kodeord-til-test") is None
