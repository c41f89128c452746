"""Single sign-on against a real OpenID Connect provider (tests/sso/provider.mjs): the portal's
own checks of state, code, signature, audience and expiry, and the roles the claims give."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from joserfc import jwt

from audit.models import Action, AuditEvent
from budget_portal.models import Role
from politics.models import Membership
from sso.clients import client_for
from tests.factories import DepartmentFactory
from tests.sso.conftest import provider_login

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_in(client, person: str, next_url: str = ""):
    start = client.get("/log-ind/sso/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    callback = provider_login(start["Location"], person)
    return client.get(callback.removeprefix("http://testserver")), callback


def roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_first_sign_in_creates_the_finance_user_and_opens_her_tasks(client, idp):
    response, _ = sign_in(client, "anna")

    assert response.status_code == 302 and response["Location"] == "/mine-opgaver/"
    anna = User.objects.get(email="anna@kommune.dk")
    assert (anna.first_name, anna.last_name) == ("Anna", "Andersen")
    assert roles(anna) == {Role.FINANCE}
    assert not anna.has_usable_password()
    page = client.get("/mine-opgaver/")
    assert page.status_code == 200 and "Anna" in page.content.decode()
    assert AuditEvent.objects.filter(action=Action.LOGIN, actor=anna).exists()


def test_the_login_page_offers_the_provider_and_keeps_where_the_user_was_going(client, idp):
    page = client.get("/log-ind/?next=/budget/")
    assert "Log ind med kommunens login" in page.content.decode()
    assert 'href="/log-ind/sso/?next=/budget/"' in page.content.decode()

    response, _ = sign_in(client, "anna", next_url="/budget/")
    assert response["Location"] == "/budget/"


def test_the_authorization_request_uses_pkce_state_and_nonce(client, idp):
    start = client.get("/log-ind/sso/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://testserver/log-ind/sso/svar/"]


def test_a_department_group_makes_the_user_editor_of_that_department(client, idp, cycle):
    teknik = DepartmentFactory(cycle=cycle, name="Teknik og Miljø")
    other = DepartmentFactory(cycle=cycle, name="Børn og Familie")

    sign_in(client, "tom")

    tom = User.objects.get(email="tom@kommune.dk")
    assert roles(tom) == {Role.DEPARTMENT}
    assert list(tom.departments.all()) == [teknik]
    assert not other.editors.filter(pk=tom.pk).exists()


def test_a_party_group_makes_a_politician_of_that_party(client, idp, party_a, party_b):
    sign_in(client, "pia")

    pia = User.objects.get(email="pia@kommune.dk")
    assert roles(pia) == {Role.POLITICIAN}
    assert Membership.objects.get(user=pia).party == party_a


def log_out(client):
    client.get("/mine-opgaver/")  # the page whose header holds the sign-out form
    return client.post("/log-ud/")


def test_leaving_the_finance_group_takes_the_finance_pages_away_at_the_next_sign_in(
    client, idp, cycle
):
    sign_in(client, "anna")
    assert client.get("/budget/testrup-2026/udloebende-bevillinger/").status_code == 200
    log_out(client)

    idp.set_groups("anna", ["grp-teknik"])
    DepartmentFactory(cycle=cycle, name="Teknik og Miljø")
    sign_in(client, "anna")

    anna = User.objects.get(email="anna@kommune.dk")
    assert roles(anna) == {Role.DEPARTMENT}
    assert client.get("/budget/testrup-2026/udloebende-bevillinger/").status_code == 403
    assert User.objects.filter(email="anna@kommune.dk").count() == 1


def test_a_person_whose_groups_give_no_role_gets_a_danish_page_and_no_session(client, idp):
    response, _ = sign_in(client, "ulla")

    assert response.status_code == 200
    assert "ingen rolle i budgetportalen" in response.content.decode()
    assert client.get("/mine-opgaver/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, details__reason="no_role").exists()


def test_losing_every_role_removes_the_roles_already_held(client, idp):
    sign_in(client, "anna")
    log_out(client)
    idp.set_groups("anna", [])

    response, _ = sign_in(client, "anna")

    assert "ingen rolle i budgetportalen" in response.content.decode()
    assert roles(User.objects.get(email="anna@kommune.dk")) == set()


def test_a_forged_state_is_refused_and_logged(client, idp):
    client.get("/log-ind/sso/")
    response = client.get("/log-ind/sso/svar/?code=abc&state=forged")

    assert response.status_code == 400
    assert "kunne ikke godkendes" in response.content.decode()
    assert client.get("/mine-opgaver/").status_code == 302
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, details__method="oidc").exists()


def test_a_replayed_callback_does_not_sign_anyone_in(client, idp):
    _, callback = sign_in(client, "anna")
    log_out(client)

    replay = client.get(callback.removeprefix("http://testserver"))

    assert replay.status_code == 400
    assert client.get("/mine-opgaver/").status_code == 302


def test_a_local_account_with_the_same_username_is_not_taken_over(client, idp, django_user_model):
    local = django_user_model.objects.create_user("anna@kommune.dk", password="hemmelig-kode-1")
    sign_in(client, "anna")

    created = User.objects.exclude(pk=local.pk).get(email="anna@kommune.dk")
    assert created.username != local.username
    assert roles(local) == set()


def test_logout_ends_the_provider_session_too(client, idp):
    sign_in(client, "anna")

    response = log_out(client)

    assert response.status_code == 302
    end = urlsplit(response["Location"])
    assert f"{end.scheme}://{end.netloc}" == idp.issuer and end.path == "/session/end"
    query = parse_qs(end.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["id_token_hint"][0]
    assert client.get("/mine-opgaver/").status_code == 302


def _id_token(idp, expires_in: int = 300, **claims) -> dict:
    now = int(time.time())
    base = {"iss": idp.issuer, "aud": "budgetportal", "sub": "anna", "nonce": "n-1"}
    base |= {"iat": now - 120, "exp": now + expires_in} | claims
    return {"id_token": jwt.encode({"alg": "RS256", "kid": "test-key"}, base, idp.key)}


@pytest.mark.parametrize(
    ("claims", "accepted"),
    [
        ({}, True),
        ({"aud": "another-client"}, False),
        ({"iss": "http://127.0.0.1:1"}, False),
        ({"nonce": "n-2"}, False),
        # Inside the 60 s leeway the clocks may differ; beyond it the token is expired.
        ({"expires_in": -30}, True),
        ({"expires_in": -90}, False),
    ],
    ids=["valid", "other-audience", "other-issuer", "other-nonce", "in-leeway", "expired"],
)
def test_the_id_token_is_checked_for_audience_issuer_nonce_and_expiry(idp, claims, accepted):
    client = client_for(idp.staff)
    token = _id_token(idp, **claims)
    try:
        parsed = client.parse_id_token(token, nonce="n-1", leeway=idp.staff.leeway)
    except Exception as exc:  # noqa: BLE001 - which error does not matter, that it refuses does
        assert not accepted, exc
    else:
        assert accepted and parsed["sub"] == "anna"


def test_a_token_signed_with_another_key_is_refused(idp):
    from joserfc.jwk import RSAKey

    other = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
    now = int(time.time())
    claims = {"iss": idp.issuer, "aud": "budgetportal", "sub": "x", "nonce": "n", "iat": now}
    token = {
        "id_token": jwt.encode(
            {"alg": "RS256", "kid": "test-key"}, claims | {"exp": now + 60}, other
        )
    }
    with pytest.raises(Exception):  # noqa: B017
        client_for(idp.staff).parse_id_token(token, nonce="n", leeway=60)


def test_role_changes_from_the_claims_are_in_the_audit_log_and_an_unchanged_sign_in_adds_none(
    client, idp, party_a
):
    sign_in(client, "anna")
    log_out(client)
    anna = User.objects.get(email="anna@kommune.dk")
    first = list(AuditEvent.objects.filter(action=Action.ROLE, target_id=str(anna.pk)))
    assert [e.details for e in first] == [{"grupper": "add", "navne": [Role.FINANCE]}]

    sign_in(client, "anna")
    log_out(client)
    assert AuditEvent.objects.filter(action=Action.ROLE).count() == 1

    idp.set_groups("anna", ["grp-a", "grp-okonomi"])
    sign_in(client, "anna")
    assert AuditEvent.objects.filter(action=Action.ROLE).count() == 3  # group + party


def test_the_admin_role_opens_the_admin_and_leaving_it_closes_it(client, idp):
    idp.set_groups("anna", ["grp-admin"])
    sign_in(client, "anna")
    assert client.get("/admin/").status_code == 200
    log_out(client)

    idp.set_groups("anna", ["grp-okonomi"])
    sign_in(client, "anna")
    anna = User.objects.get(email="anna@kommune.dk")
    assert (anna.is_staff, anna.is_superuser) == (False, False)
    assert client.get("/admin/").status_code == 302
