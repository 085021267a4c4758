"""The plan's family-facing boxes check the wording as the worker types (the plain-language
widget): adults' words and warning signs for a parent, the child's words for a child. The
check never stops a save."""

import pytest

from safetymap.safety_plans.models import PlanRule, WarningSign

from .test_views import rule_post, url

pytestmark = pytest.mark.django_db
PARENT = "&quot;audience&quot;: &quot;parent&quot;"
CHILD = "&quot;audience&quot;: &quot;child&quot;"


def test_the_rule_form_checks_adult_and_child_words_and_still_saves(
    client, draft, worker, statement, gran
):
    client.force_login(worker)
    page = client.get(url("line_add", draft, part="rules")).content.decode()
    for name in ("adult_words", "child_words"):
        assert f'id="id_{name}-plain-language"' in page
    assert page.count(PARENT) == 1 and page.count(CHILD) == 1
    words = "Dad's contact with us is supervised by Gran."
    response = client.post(
        url("line_add", draft, part="rules"),
        rule_post(statement, f"member:{gran.uuid}", adult_words=words),
    )
    assert response.status_code == 302
    assert PlanRule.objects.filter(plan_version=draft, adult_words=words).exists()


def test_warning_signs_and_the_plan_details_are_checked_for_a_parent(client, draft, worker):
    client.force_login(worker)
    page = client.get(url("line_add", draft, part="warning-signs")).content.decode()
    assert 'id="id_sign-plain-language"' in page and 'id="id_what_to_do-plain-language"' in page
    assert page.count(PARENT) == 2
    response = client.post(
        url("line_add", draft, part="warning-signs"),
        {"sign": "Dad rings late at night", "what_to_do": "Mum calls the LA duty team"},
    )
    assert response.status_code == 302
    assert WarningSign.objects.filter(plan_version=draft, sign="Dad rings late at night").exists()
