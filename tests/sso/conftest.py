"""A real OpenID Connect provider for the sign-in tests: panva's oidc-provider (npm, installed
by scripts/bootstrap), started on 127.0.0.1 with the clients and people each test defines."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from joserfc.jwk import RSAKey

from budget_portal.identity import Provider, parse_role_map

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")
ROLE_MAP = (
    "grp-okonomi=okonomi; grp-teknik=afdeling:Teknik og Miljø; grp-a=politiker:A; "
    "grp-boern=afdeling:Børn og Familie; grp-admin=admin"
)
PEOPLE = {
    "anna": {"name": "Anna Andersen", "email": "anna@kommune.dk", "groups": ["grp-okonomi"]},
    "tom": {"name": "Tom Teknik", "email": "tom@kommune.dk", "groups": ["grp-teknik"]},
    "pia": {"name": "Pia Politiker", "email": "pia@kommune.dk", "groups": ["grp-a"]},
    "bent": {"name": "Bent Børnesen", "email": "bent@kommune.dk", "groups": ["grp-boern"]},
    "ulla": {"name": "Ulla Udenfor", "email": "ulla@kommune.dk", "groups": ["grp-kantine"]},
    "borger": {"name": "Bo Borgersen", "cpr": "0101901234"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def signing_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "test-key", "alg": "RS256", "use": "sig"})


@dataclass
class IdP:
    issuer: str
    config_path: Path
    staff: Provider
    citizen: Provider
    key: RSAKey

    def set_groups(self, person: str, groups: list[str]) -> None:
        config = json.loads(self.config_path.read_text())
        config["accounts"][person]["groups"] = groups
        self.config_path.write_text(json.dumps(config))


def _start(tmp_path, site_url: str, key: RSAKey):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("node and node_modules/oidc-provider are needed: run scripts/bootstrap")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    clients = [
        {
            "client_id": cid,
            "client_secret": f"{cid}-secret",
            "redirect_uris": [f"{site_url}{path}"],
            "post_logout_redirect_uris": [f"{site_url}/"],
        }
        for cid, path in (("budgetportal", "/log-ind/sso/svar/"), ("mitid", "/log-ind/mitid/svar/"))
    ]
    config = {
        "issuer": issuer,
        "port": port,
        "clients": clients,
        "jwks": {"keys": [key.as_dict(private=True)]},
        "accounts": PEOPLE,
    }
    path = tmp_path / "idp.json"
    path.write_text(json.dumps(config))
    log = tmp_path / "idp.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own script, our own node
            [node, str(SCRIPT), str(path)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"the test provider did not start: {log.read_text()}")
    common = {"issuer": issuer, "leeway": 60, "scopes": "openid profile email groups"}
    staff = Provider(
        name="staff",
        client_id="budgetportal",
        client_secret="budgetportal-secret",  # noqa: S106
        label="kommunens login",
        role_map=parse_role_map(ROLE_MAP),
        **common,
    )
    citizen = replace(
        staff,
        name="citizen",
        client_id="mitid",
        client_secret="mitid-secret",  # noqa: S106
        label="MitID",
        role_map=(),
        scopes="openid profile",
    )
    return process, IdP(issuer, path, staff, citizen, key)


def _configure(settings, idp: IdP, site_url: str) -> None:
    settings.OIDC_STAFF = idp.staff
    settings.OIDC_CITIZEN = idp.citizen
    settings.SITE_URL = site_url
    policy = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    policy["DIRECTIVES"]["form-action"] = ["'self'", idp.issuer]
    settings.CONTENT_SECURITY_POLICY = policy


@pytest.fixture
def idp(tmp_path, settings, signing_key):
    """The provider for test-client tests: the portal's address is http://testserver."""
    process, provider = _start(tmp_path, "http://testserver", signing_key)
    _configure(settings, provider, "http://testserver")
    yield provider
    process.terminate()
    process.wait(5)


@pytest.fixture
def live_idp(tmp_path, settings, signing_key, live_server):
    """The provider for Chromium: redirects go to the live test server."""
    process, provider = _start(tmp_path, live_server.url, signing_key)
    _configure(settings, provider, live_server.url)
    yield provider
    process.terminate()
    process.wait(5)


def provider_login(authorize_url: str, person: str) -> str:
    """Signs `person` in at the provider as a browser would; returns the portal callback URL
    the provider sends the browser back to (with its code and state)."""
    session = requests.Session()
    answer = session.get(authorize_url, allow_redirects=True, timeout=10)
    form = re.search(r'<form[^>]*action="([^"]+)"', answer.text)
    assert form, answer.text[:500]
    answer = session.post(
        urljoin(answer.url, form.group(1)),
        data={"prompt": "login", "login": person, "password": "x"},
        allow_redirects=False,
        timeout=10,
    )
    while answer.is_redirect:
        target = urljoin(answer.url, answer.headers["Location"])
        if target.startswith("http://testserver"):
            return target
        answer = session.get(target, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider did not send the browser back: {answer.text[:500]}")
