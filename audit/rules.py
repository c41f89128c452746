"""Who may read the audit log (django-rules). Nobody writes it by hand: the log is written by
audit.log and the receivers, and the admin page offers no add, change or delete.

Reading is for administrators (superusers) only, not finance: the log names who did what,
including failed sign-ins and changes to other users' roles. The perm is not one of
Django's model permissions, so no group or user grant in the admin can widen it."""

from __future__ import annotations

import rules

rules.add_perm("audit.read_audit_log", rules.is_active & rules.is_superuser)
