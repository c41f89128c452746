"""Sign-ins, and changes to users and roles, from Django's own signals (admin included).
Apps log changes to their own role-like models (politics: party memberships) themselves."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from audit.log import Action, record
from budget_portal.models import Department

User = get_user_model()
WATCHED = ("username", "email", "is_active", "is_staff", "is_superuser", "password")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, actor=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(Action.LOGIN_FAILED, actor_name=str(credentials.get("username", ""))[:150])


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, actor_name=str(username or "")[:150])


def _acting_user():
    from audit.context import current_user

    return current_user.get()


@receiver(pre_save, sender=User)
def _remember_user(sender, instance, **kwargs):
    if instance.pk:
        instance._audit_before = User.objects.filter(pk=instance.pk).values(*WATCHED).first() or {}


@receiver(post_save, sender=User)
def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= {"last_login"}:
        return
    before = getattr(instance, "_audit_before", {})
    changed = [f for f in WATCHED if not created and before.get(f) != getattr(instance, f)]
    if created or changed:
        # The password's hash is never logged, only that it changed.
        record(
            Action.USER,
            actor=_acting_user(),
            target=instance,
            details={"oprettet": True} if created else {"ændret": changed},
        )


@receiver(m2m_changed, sender=User.groups.through)
def _groups_changed(sender, instance, action, pk_set, model, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not kwargs.get("reverse"):
        names = sorted(model.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
        record(
            Action.ROLE,
            actor=_acting_user(),
            target=instance,
            details={"grupper": action.removeprefix("post_"), "navne": names},
        )


@receiver(m2m_changed, sender=Department.editors.through)
def _editors_changed(sender, instance, action, pk_set, model, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        names = sorted(str(o) for o in model.objects.filter(pk__in=pk_set or ()))
        record(
            Action.ROLE,
            actor=_acting_user(),
            target=instance,
            details={"redaktører": action.removeprefix("post_"), "navne": names},
        )
