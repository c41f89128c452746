"""The test client posts only what the last page offered, with that page's token."""

from __future__ import annotations

from django.urls import reverse

from audit.models import Action, AuditEvent
from tests.clients import scripted_post
from tests.conftest import client_for


def test_a_post_no_page_offered_is_refused_by_csrf(client, finance):
    client_for(client, finance)
    assert client.post(reverse("logout")).status_code == 403
    assert client.session.get("_auth_user_id")


def test_the_form_on_the_last_page_carries_its_token(client, finance):
    client_for(client, finance)
    client.get(reverse("home"))  # the header's "Log ud" form
    assert client.post(reverse("logout")).status_code == 302
    assert not client.session.get("_auth_user_id")


def test_a_scripted_post_gets_past_csrf_to_the_servers_own_checks(client, politician, cycle):
    client_for(client, politician)
    # Past CSRF, the permission check answers (and logs): politicians may not create cards.
    assert scripted_post(client, reverse("proposals:create", args=[cycle.slug])).status_code == 403
    assert AuditEvent.objects.filter(action=Action.DENIED, actor=politician).exists()
    assert scripted_post(client, reverse("logout")).status_code == 302
