"""The council's own wording for the map: administrators only, blanks mean the default, and
a stale save is refused with nothing overwritten."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.mapping import services
from safetymap.mapping.labels import DEFAULT_LABELS, LABEL_FIELDS
from safetymap.mapping.models import MapLabelSet
from safetymap.mapping.selectors import labels_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("mapping:label_sets")


def edit_url(level="early_help"):
    return reverse("mapping:label_set_edit", kwargs={"service_level": level})


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None)


def form_data(version, **labels):
    return {
        "version": str(version),
        **{field.key: labels.get(field.key, "") for field in LABEL_FIELDS},
    }


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for address in (LIST_URL, edit_url()):
        response = client.get(address)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT])
def test_only_council_administrators_may_open_or_change_the_wording(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(edit_url()).status_code == 403
    response = client.post(edit_url(), form_data(1, scale_name="Our scale"))
    assert response.status_code == 403
    assert not MapLabelSet.objects.exists()
    assert labels_for("early_help")["scale_name"] == "Wellbeing scale"


def test_unknown_service_level_is_not_found(client, admin):
    client.force_login(admin)
    assert client.get(edit_url("adult_social_care")).status_code == 404


def test_list_summarises_each_service_levels_wording(client, admin):
    services.label_set_update(
        actor=admin,
        service_level="looked_after",
        expected_version=None,
        labels={"scale_name": "Belonging scale", "goals": DEFAULT_LABELS["looked_after"]["goals"]},
    )
    client.force_login(admin)
    response = client.get(LIST_URL)
    page = response.content.decode()
    assert response.status_code == 200
    for name in ("Early help", "Child in need", "Child protection", "Looked after", "Care leaver"):
        assert name in page
    assert page.count("Uses the default wording.") == 4
    looked_after = page.split("Looked after")[1].split("Care leaver")[0]
    # Saving the default text again is not "own wording".
    assert "Own wording for 1 label" in looked_after and "Name of the scale" in looked_after
    assert edit_url("looked_after") in page


def test_edit_form_has_a_field_per_label_with_the_default_as_hint(client, admin):
    services.label_set_update(
        actor=admin, service_level="early_help", expected_version=None,
        labels={"scale_anchor_0": "A social worker needs to be involved."},
    )  # fmt: skip
    client.force_login(admin)
    response = client.get(edit_url())
    page = response.content.decode()
    assert response.status_code == 200
    for field in LABEL_FIELDS:
        assert f'name="{field.key}"' in page, field.key
        assert field.description in page
        assert f"Default: {DEFAULT_LABELS['early_help'][field.key]}" in html.unescape(page)
    assert page.count("<textarea") == sum(1 for field in LABEL_FIELDS if field.long)
    assert "A social worker needs to be involved.</textarea>" in page  # pre-filled
    assert 'name="version" value="2"' in page
    assert "Leave a box blank to use the default wording" in page


def test_saving_changes_the_wording_the_map_uses(client, admin):
    client.force_login(admin)
    response = client.post(
        edit_url(),
        form_data(1, scale_name="Family wellbeing scale", scale_anchor_10="We can all step back."),
    )
    assert response.status_code == 302 and response["Location"] == LIST_URL
    labels = labels_for("early_help")
    assert labels["scale_name"] == "Family wellbeing scale"
    assert labels["scale_anchor_10"] == "We can all step back."
    assert labels["danger_statement"] == "Worry statement"  # blank means the default
    assert labels_for("child_protection")["scale_name"] == "Safety scale"  # other levels untouched
    assert AuditEvent.objects.filter(actor=admin, object_type="mapping.maplabelset").exists()
    assert "Map wording for early help saved." in client.get(LIST_URL).content.decode()


def test_a_stale_save_is_refused_and_nothing_is_overwritten(client, admin):
    client.force_login(admin)
    client.get(edit_url())  # the form is loaded at version 1 ...
    other = UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None)
    services.label_set_update(  # ... someone else saves first ...
        actor=other, service_level="early_help", expected_version=None,
        labels={"scale_name": "Their scale"},
    )  # fmt: skip
    response = client.post(edit_url(), form_data(1, scale_name="My scale"))  # ... then we save.
    page = response.content.decode()
    assert response.status_code == 409
    assert "There is a problem" in page and STALE_MESSAGE in page
    assert labels_for("early_help")["scale_name"] == "Their scale"
    # The form now shows what is saved, at the new version, and keeps what was typed.
    assert 'value="Their scale"' in page and 'name="version" value="2"' in page
    assert "What you typed that was not saved" in page and "My scale" in page


def test_too_long_wording_is_refused(client, admin):
    client.force_login(admin)
    response = client.post(edit_url(), form_data(1, scale_name="x" * 121))
    assert response.status_code == 400
    assert "Name of the scale must be 120 characters or fewer" in response.content.decode()
    assert not MapLabelSet.objects.exists()
