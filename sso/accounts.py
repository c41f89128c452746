"""Just-in-time users: each staff sign-in makes the portal's roles what the claims say.

The claims are the truth at every sign-in, so a person who leaves a group in the municipality's
directory loses the role here the next time they sign in; roles given by hand in the admin to
a single sign-on user are taken away too, on purpose."""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from budget_portal.identity import Provider, RoleGrant
from budget_portal.models import Department, Role
from politics.models import Membership, Party
from sso.models import Identity

log = logging.getLogger(__name__)
User = get_user_model()


def grants_for(provider: Provider, claims: dict) -> list[RoleGrant]:
    values = claims.get(provider.roles_claim) or []
    if isinstance(values, str):
        # Some providers send one group as a string, or several separated by spaces.
        values = values.split()
    held = {str(v) for v in values}
    return [grant for grant in provider.role_map if grant.claim_value in held]


def _username(claims: dict) -> str:
    wanted = str(claims.get("preferred_username") or claims.get("email") or "")[:140].strip()
    if wanted and not User.objects.filter(username=wanted).exists():
        return wanted
    # Taken by another account (a local user, or another provider's): never take it over.
    return f"{wanted or 'sso'}-{secrets.token_hex(4)}"[:150]


def _names(claims: dict) -> tuple[str, str]:
    given, family = claims.get("given_name"), claims.get("family_name")
    if given or family:
        return str(given or "")[:150], str(family or "")[:150]
    first, _, last = str(claims.get("name") or "").partition(" ")
    return first[:150], last[:150]


@transaction.atomic
def sync_user(provider: Provider, claims: dict, grants: list[RoleGrant]):
    """The user for these claims, created on first sign-in, with exactly the granted roles."""
    identity = (
        Identity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=str(claims["sub"]))
        .first()
    )
    if identity is None:
        user = User(username=_username(claims))
        user.set_unusable_password()
        user.save()
        identity = Identity.objects.create(
            user=user, issuer=provider.issuer, subject=str(claims["sub"])
        )
    user = identity.user
    first, last = _names(claims)
    email = str(claims.get("email") or "")[:254]
    if (user.first_name, user.last_name, user.email) != (first, last, email):
        user.first_name, user.last_name, user.email = first, last, email
        user.save(update_fields=["first_name", "last_name", "email"])

    # Only what changed is written, so the audit log shows role changes, not every sign-in.
    roles = {grant.role for grant in grants}
    administers = "admin" in roles
    if (user.is_staff, user.is_superuser) != (administers, administers):
        user.is_staff = user.is_superuser = administers
        user.save(update_fields=["is_staff", "is_superuser"])
    held = set(user.groups.filter(name__in=Role.values))
    user.groups.remove(*[g for g in held if g.name not in roles])
    wanted_groups = [Group.objects.get_or_create(name=name)[0] for name in roles & set(Role.values)]
    user.groups.add(*[g for g in wanted_groups if g not in held])

    wanted = {g.argument for g in grants if g.role == Role.DEPARTMENT}
    departments = set(Department.objects.filter(name__in=wanted))
    missing = wanted - {d.name for d in departments}
    if missing:
        log.warning("OIDC_ROLE_MAP names departments that do not exist: %s", sorted(missing))
    edits = set(user.departments.all())
    user.departments.remove(*(edits - departments))
    user.departments.add(*(departments - edits))

    letters = [g.argument for g in grants if g.role == Role.POLITICIAN]
    party = Party.objects.filter(letter__in=letters).order_by("letter").first()
    membership = Membership.objects.filter(user=user).first()
    if party is None and membership is not None:
        membership.delete()
    elif party is not None and membership is None:
        Membership.objects.create(user=user, party=party)
    elif party is not None and membership.party_id != party.pk:
        membership.party = party
        membership.save()
    return user
