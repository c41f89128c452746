"""Django's model permissions, for the administration only.

A permission a `rules.py` defines is decided there alone: Django asks every backend until one
says yes, so each "no" from the rules would otherwise make `ModelBackend` load the user's
model permissions (two queries, on nearly every signed-in page, for the header's links)
and could let a group permission overrule the rules. Permissions that are both (a model's
`view_…` the rules also decide) still reach the administration's group permissions."""

from __future__ import annotations

from functools import cache

import rules
from django.apps import apps
from django.contrib.auth import backends


@cache
def model_permissions() -> frozenset[str]:
    """Every "app_label.codename" Django creates a Permission row for."""
    names = set()
    for model in apps.get_models():
        opts = model._meta
        names.update(f"{opts.app_label}.{a}_{opts.model_name}" for a in opts.default_permissions)
        names.update(f"{opts.app_label}.{codename}" for codename, _name in opts.permissions)
    return frozenset(names)


def rules_alone(perm: str) -> bool:
    return rules.perm_exists(perm) and perm not in model_permissions()


class ModelBackend(backends.ModelBackend):
    """Passwords and the administration's model permissions; the rules' own permissions are
    left to `rules.permissions.ObjectPermissionBackend`."""

    def has_perm(self, user_obj, perm, obj=None):
        return not rules_alone(perm) and super().has_perm(user_obj, perm, obj)
