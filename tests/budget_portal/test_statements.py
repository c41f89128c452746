"""The privacy policy and accessibility statement, linked from every page."""

from __future__ import annotations

from django.urls import reverse


def test_every_page_links_to_both_statements(client, db):
    home = client.get(reverse("home")).text
    assert reverse("privacy") in home and reverse("accessibility") in home


def test_privacy_page_states_the_periods_the_portal_enforces(client, db, settings):
    settings.HEARING_RETENTION_DAYS = 180
    settings.AUDIT_RETENTION_DAYS = 400
    settings.PRIVACY_CONTACT_EMAIL = "dpo@testrup.dk"
    page = client.get(reverse("privacy")).text
    assert "180 dage efter høringsfristen" in page
    assert "gemmes i 400 dage" in page
    assert "låses brugernavnet fra den adresse i 15 minutter" in page
    assert "senest efter 10 timer" in page
    assert 'href="mailto:dpo@testrup.dk"' in page


def test_accessibility_statement_names_status_and_feedback(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "web@testrup.dk"
    page = client.get(reverse("accessibility")).text
    assert "delvist i overensstemmelse" in page and "WCAG 2.1" in page
    assert 'href="mailto:web@testrup.dk"' in page
    assert "was.digst.dk" in page
