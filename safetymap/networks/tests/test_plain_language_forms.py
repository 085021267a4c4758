"""What a network meeting agreed is checked for a parent as the worker types, and saves."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safetymap.networks.models import NetworkMeeting

from .test_views import date_fields, signed_in, url

pytestmark = pytest.mark.django_db


def test_the_meeting_form_checks_what_was_agreed_and_still_saves(client, case, worker, add_member):
    member = add_member(case)
    signed_in(client, worker)
    page = client.get(url("meeting_add", case)).content.decode()
    assert 'id="id_agreed-plain-language"' in page
    assert "&quot;audience&quot;: &quot;parent&quot;" in page
    response = client.post(
        url("meeting_add", case),
        {"attendees": [str(member.uuid)], "staff": [str(worker.uuid)],
         "agreed": "Maureen will supervise contact on Saturdays.",
         **date_fields("held_on", timezone.localdate())},
    )  # fmt: skip
    assert response.status_code == 302
    assert NetworkMeeting.objects.get().agreed == "Maureen will supervise contact on Saturdays."
