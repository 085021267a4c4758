"""Who in the network has seen the child's Words and Pictures, which version and when."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.networks import selectors, services
from safetymap.networks.models import NetworkMember
from safetymap.words_pictures import services as story_services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def agree(worker):
    def agree(version):
        return story_services.story_parents_record(
            actor=worker,
            version=version,
            expected_version=None,
            agree="yes",
            words="Yes, that is how it happened.",
            asked_on=TODAY,
        )

    return agree


@pytest.fixture
def story(case, worker):
    return story_services.story_start(actor=worker, case=case, kind="explanation")


@pytest.fixture
def member(case, add_member):
    return add_member(case)


def test_the_current_version_is_the_latest_given_or_else_agreed(case, worker, story, member, agree):
    first = story.versions.get()
    assert selectors.network_glance(case).story is None  # a draft is nobody's to see yet
    agree(first)
    assert selectors.network_glance(case).story == first
    story_services.story_given_record(
        actor=worker,
        version=first,
        expected_version=None,
        given_on=TODAY,
        given_by=worker,
        child_reaction="Kian asked to read it again.",
        reaction_words="worker",
    )
    second = story_services.story_version_start(actor=worker, story=story)
    agree(second)
    glance = selectors.network_glance(case)
    assert glance.story == first  # given beats agreed: the child has version 1
    assert glance.not_seen_story == [member]


def test_recording_a_member_saw_it(case, worker, story, member, agree):
    version = agree(story.versions.get())
    services.network_member_record_story_seen(
        actor=worker,
        member=member,
        expected_version=member.version,
        story_version=version,
        seen_on=TODAY,
    )
    member.refresh_from_db()
    assert (member.story_seen_version, member.story_seen_on) == (version, TODAY)
    assert AuditEvent.objects.filter(summary__contains="saw the Words and Pictures").exists()
    assert selectors.network_glance(case).not_seen_story == []


def test_drafts_and_future_dates_are_refused(case, worker, story, member, agree):
    draft = story.versions.get()
    with pytest.raises(ValidationError):
        services.network_member_record_story_seen(
            actor=worker, member=member, expected_version=None, story_version=draft, seen_on=TODAY
        )
    version = agree(draft)
    with pytest.raises(ValidationError):
        services.network_member_record_story_seen(
            actor=worker,
            member=member,
            expected_version=None,
            story_version=version,
            seen_on=TODAY + datetime.timedelta(days=1),
        )
    assert NetworkMember.objects.get(pk=member.pk).story_seen_version is None


def test_a_meeting_records_everyone_who_came_as_having_seen_it(case, worker, story, member, agree):
    version = agree(story.versions.get())
    meeting = services.network_meeting_add(
        actor=worker,
        case=case,
        held_on=TODAY,
        attendees=[member],
        staff=[worker],
        agreed="Gran will read the story with Kian at the weekend.",
        saw_story=True,
    )
    assert meeting.story_version == version
    member.refresh_from_db()
    assert member.story_seen_version == version


def test_a_meeting_cannot_go_through_a_story_there_is_not(case, worker, member):
    with pytest.raises(ValidationError):
        services.network_meeting_add(
            actor=worker,
            case=case,
            held_on=TODAY,
            attendees=[member],
            staff=[],
            agreed="We met.",
            saw_story=True,
        )


def test_the_page_records_it_and_the_glance_shows_who_has_not(
    client, case, worker, story, member, agree
):
    version = agree(story.versions.get())
    client.force_login(worker)
    network = client.get(reverse("networks:network", kwargs={"case_uuid": case.uuid}))
    assert "Not seen the current Words and Pictures" in network.content.decode()
    page_url = reverse(
        "networks:member_story_seen",
        kwargs={"case_uuid": case.uuid, "network_member_uuid": member.uuid},
    )
    form = client.get(page_url)
    assert "(the current one)" in form.content.decode()
    response = client.post(
        page_url,
        {
            "story_version": str(version.uuid),
            "seen_on_day": TODAY.day,
            "seen_on_month": TODAY.month,
            "seen_on_year": TODAY.year,
            "version": member.version,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("networks:network", kwargs={"case_uuid": case.uuid})).content
    assert "Everyone in the network has seen version 1" in page.decode()


def test_with_no_story_the_page_says_so(client, case, worker, member):
    client.force_login(worker)
    page = client.get(
        reverse(
            "networks:member_story_seen",
            kwargs={"case_uuid": case.uuid, "network_member_uuid": member.uuid},
        )
    )
    assert "has no Words and Pictures agreed with the parents or given yet" in page.content.decode()


def test_the_api_gives_who_has_seen_it(client, case, worker, story, member, agree):
    version = agree(story.versions.get())
    services.network_member_record_story_seen(
        actor=worker, member=member, expected_version=None, story_version=version, seen_on=TODAY
    )
    client.force_login(worker)
    data = client.get(f"/api/v1/cases/{case.uuid}/network").json()
    assert data["glance"]["current_story_version"] == 1
    assert data["glance"]["not_seen_story"] == []
    assert data["members"][0]["story_seen_version"] == 1
