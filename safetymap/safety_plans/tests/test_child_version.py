"""The child's version of a plan, built as a Words and Pictures safety plan story."""

import pytest
from django.urls import reverse

from safetymap.audit.models import AuditEvent
from safetymap.safety_plans import services
from safetymap.safety_plans.models import PlanVersion, SafetyPlan
from safetymap.safety_plans.tests.conftest import TODAY
from safetymap.words_pictures import services as story_services
from safetymap.words_pictures.models import StoryKind, StoryVersion

pytestmark = pytest.mark.django_db


def panels(story_version):
    return {panel.key: panel.text for panel in story_version.panels.all()}


def url(version, name="child_version"):
    kwargs = {
        "case_uuid": version.plan.case.uuid,
        "plan_uuid": version.plan.uuid,
        "number": version.number,
    }
    return reverse(f"safety_plans:{name}", kwargs=kwargs)


@pytest.fixture
def with_contact(draft, worker):
    services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="contacts",
        values={"name": "Nana Jean", "number": "07700 900123", "when": "Any time"},
    )
    return draft


def test_the_story_starts_with_the_plans_words(with_contact, worker, gran, case):
    story_version = services.plan_child_version_make(actor=worker, plan_version=with_contact)
    assert story_version.story.kind == StoryKind.SAFETY_PLAN and story_version.number == 1
    words = panels(story_version)
    assert words["title"] == f"How we keep {case.child.name_used} safe"
    assert words["who_keeps_me_safe"] == gran.person.full_name
    assert words["the_rules"] == "Daddy only comes round when he hasn't had beer."
    assert words["who_i_can_call"] == "Nana Jean: 07700 900123"
    assert words["if_i_am_worried"] == ""  # the worker writes this with the child
    plan = SafetyPlan.objects.get(pk=with_contact.plan_id)
    assert plan.child_story == story_version.story
    assert PlanVersion.objects.get(pk=with_contact.pk).child_story_version == story_version
    assert AuditEvent.objects.filter(summary__startswith="Child's version of").count() == 2


def test_making_it_twice_opens_the_same_story(draft, worker):
    first = services.plan_child_version_make(actor=worker, plan_version=draft)
    again = services.plan_child_version_make(actor=worker, plan_version=draft)
    assert first == again and StoryVersion.objects.count() == 1


def test_a_new_plan_version_updates_it_as_a_new_story_version(testing, worker, gran):
    first = services.plan_child_version_make(actor=worker, plan_version=testing)
    first.refresh_from_db()
    story_services.story_given_record(
        actor=worker,
        version=first,
        expected_version=first.version,
        given_on=TODAY,
        given_by=worker,
        child_reaction="She said she liked the picture of Nana.",
        reaction_words="worker",
    )
    draft = services.plan_new_draft(actor=worker, plan_version=testing)
    second = services.plan_child_version_make(actor=worker, plan_version=draft)
    assert second.story == first.story and second.number == 2 and second.is_draft
    first.refresh_from_db()
    assert first.status == "given"  # what the child was given is kept as it was


def test_the_plan_page_offers_makes_and_shows_it(client, draft, worker):
    client.force_login(worker)
    page = client.get(url(draft, "version")).content.decode()
    assert "does not have a version of this plan yet" in page and url(draft) in page
    response = client.post(url(draft))
    story_version = StoryVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "words_pictures:edit",
        kwargs={
            "case_uuid": draft.plan.case.uuid,
            "story_uuid": story_version.story.uuid,
            "number": 1,
        },
    )
    page = client.get(url(draft, "version")).content.decode()
    assert "Words and Pictures version 1" in page and "Draft" in page


def test_readers_may_not_make_it_and_partners_and_strangers_get_404(
    client, draft, reader, partner, stranger
):
    client.force_login(reader)
    assert client.post(url(draft)).status_code == 403
    for who in (partner, stranger):
        client.force_login(who)
        assert client.post(url(draft)).status_code == 404
    assert not StoryVersion.objects.exists()


def test_it_only_takes_a_post(client, draft, worker):
    client.force_login(worker)
    assert client.get(url(draft)).status_code == 405
