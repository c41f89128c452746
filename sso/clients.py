"""One OpenID Connect client per configured provider (Authlib), built on first use.

Authlib does what the flow must check: discovery, PKCE (S256), state and nonce, the ID token's
signature against the provider's keys, its issuer, audience and expiry within our leeway."""

from __future__ import annotations

from functools import cache

from budget_portal.identity import Provider


@cache
def client_for(provider: Provider):
    # Imported by the first sign-in, not at start: Authlib brings joserfc, cryptography and
    # requests, a sixth of a worker's start (benchmarks/README.md, "Process start").
    from authlib.integrations.django_client import OAuth

    oauth = OAuth()
    oauth.register(
        name=provider.name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.metadata_url,
        client_kwargs={
            "scope": provider.scopes,
            "code_challenge_method": "S256",
            # A provider that does not answer must not hold a web worker for long.
            "default_timeout": 10,
        },
    )
    return oauth.create_client(provider.name)
