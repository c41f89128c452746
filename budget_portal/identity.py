"""Single sign-on settings read from the environment: the staff provider, the citizen
provider (MitID through a broker) and the mapping from a claim's values to portal roles.

Parsed once in settings, so a wrong value stops the process at start with the variable's name
instead of failing a sign-in later."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from budget_portal.environment import envsecret

# admin: the Django admin (is_staff and is_superuser), given and taken like the others.
ROLE_NAMES = ("okonomi", "afdeling", "politiker", "admin")
# Bounded: a provider clock minutes off is a configuration fault to fix, not to tolerate.
MAX_LEEWAY_SECONDS = 300


@dataclass(frozen=True)
class RoleGrant:
    """One claim value and what it gives: a role, and for afdeling/politiker which one."""

    claim_value: str
    role: str
    argument: str = ""


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    leeway: int
    label: str
    roles_claim: str = "groups"
    name_claim: str = "name"
    role_map: tuple[RoleGrant, ...] = field(default_factory=tuple)

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    @property
    def origin(self) -> str:
        parts = urlsplit(self.issuer)
        return f"{parts.scheme}://{parts.netloc}"


def parse_role_map(text: str) -> tuple[RoleGrant, ...]:
    """`gruppe=okonomi; gruppe2=afdeling:Teknik og Miljø; gruppe3=politiker:A` (or newlines)."""
    grants = []
    for raw in text.replace("\n", ";").split(";"):
        entry = raw.strip()
        if not entry:
            continue
        value, sep, target = entry.rpartition("=")
        role, _, argument = target.strip().partition(":")
        role, argument, value = role.strip(), argument.strip(), value.strip()
        if not sep or not value or role not in ROLE_NAMES:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {entry!r} must be '<claim value>=<role>' with role one of "
                f"{', '.join(ROLE_NAMES)}"
            )
        if role in ("afdeling", "politiker") and not argument:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {entry!r} must name the "
                + ("department (afdeling:<navn>)" if role == "afdeling" else "party letter")
            )
        grants.append(RoleGrant(value, role, argument))
    return tuple(grants)


def _leeway(env) -> int:
    raw = env.get("OIDC_LEEWAY_SECONDS") or "60"
    try:
        leeway = int(raw)
    except ValueError:
        leeway = -1
    if not 0 <= leeway <= MAX_LEEWAY_SECONDS:
        raise ImproperlyConfigured(
            f"OIDC_LEEWAY_SECONDS must be a whole number from 0 to {MAX_LEEWAY_SECONDS}, "
            f"not {raw!r}"
        )
    return leeway


def _provider(env, prefix: str, name: str, **defaults) -> Provider | None:
    issuer = env.get(f"{prefix}_ISSUER", "").strip()
    if not issuer:
        return None
    client_id = env.get(f"{prefix}_CLIENT_ID", "").strip()
    secret = envsecret(f"{prefix}_CLIENT_SECRET", "", env)
    if not client_id or not secret:
        raise ImproperlyConfigured(
            f"{prefix}_ISSUER is set: {prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET "
            f"(or {prefix}_CLIENT_SECRET_FILE) are needed too"
        )
    if urlsplit(issuer).scheme not in ("https", "http"):
        raise ImproperlyConfigured(f"{prefix}_ISSUER must be an https:// address")
    scopes = env.get(f"{prefix}_SCOPES", "").strip() or defaults.pop("scopes")
    if "openid" not in scopes.split():
        raise ImproperlyConfigured(f"{prefix}_SCOPES must include openid")
    return Provider(
        name=name,
        issuer=issuer,
        client_id=client_id,
        client_secret=secret,
        scopes=scopes,
        leeway=_leeway(env),
        label=env.get(f"{prefix}_LABEL", "").strip() or defaults.pop("label"),
        **defaults,
    )


def staff_provider(env) -> Provider | None:
    return _provider(
        env,
        "OIDC",
        "staff",
        scopes="openid profile email",
        label="kommunens login",
        roles_claim=env.get("OIDC_ROLES_CLAIM", "").strip() or "groups",
        role_map=parse_role_map(env.get("OIDC_ROLE_MAP", "")),
    )


def citizen_provider(env) -> Provider | None:
    return _provider(
        env,
        "OIDC_CITIZEN",
        "citizen",
        scopes="openid profile",
        label="MitID",
        name_claim=env.get("OIDC_CITIZEN_NAME_CLAIM", "").strip() or "name",
    )
