"""The scales page: who may open it, the spread and the chart with its table, and a cost
that does not grow with the number of ratings."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.mapping import services
from tests.factories import DangerStatementFactory, ScaleRatingFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def scales_url(case):
    return reverse("mapping:scales", kwargs={"case_uuid": case.uuid})


def rate(case, name, role, day, score, reason, statement=None, higher=""):
    return ScaleRatingFactory(
        case=case,
        danger_statement=statement,
        rater_name=name,
        rater_role=role,
        rated_on=day,
        score=score,
        reason=reason,
        one_point_higher=higher,
    )


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = client.get(scales_url(case))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_unrelated_user_gets_page_not_found(client, case, stranger):
    client.force_login(stranger)
    assert client.get(scales_url(case)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_reader_can_look_but_not_post_and_sees_no_edit_links(client, case, reader):
    rate(case, "Sam Okafor", "worker", D(2026, 3, 3), 4, "Dad has started at the alcohol service.")
    client.force_login(reader)
    response = client.get(scales_url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sam Okafor" in page
    assert "Add a scale" not in page and "/edit/" not in page and "/remove/" not in page
    assert client.post(scales_url(case)).status_code == 403


def test_scales_page_shows_spread_chart_and_table(client, case, worker):
    statement = DangerStatementFactory(case=case)
    rate(case, "Sam Okafor", "worker", D(2026, 3, 3), 3, "Two police call-outs this month.")
    rate(case, "Leanne Price", "parent", D(2026, 3, 3), 7, "We have not argued since Easter.")
    rate(
        case, "Sam Okafor", "worker", D(2026, 5, 20), 5, "No call-outs since March.",
        higher="Grandma staying over on Friday nights.",
    )  # fmt: skip
    rate(case, "Ms Hughes", "professional", D(2026, 5, 20), 4, "Kian is calmer at school.")
    rate(
        case,
        "Leanne Price",
        "parent",
        D(2026, 5, 20),
        6,
        "Dad is sober on contact days.",
        statement,
    )
    client.force_login(worker)
    response = client.get(scales_url(case))
    page = response.content.decode()
    assert response.status_code == 200

    # The scale's own words.
    assert "Safety scale" in page
    assert "Things are so bad the child cannot live at home." in page
    assert "Everyone agrees the child is safe enough for us to close the case." in page
    # The spread of everyone's latest number: lowest 4 (Ms Hughes), highest 7 (Leanne Price).
    overall = page.split('id="scale-overall"')[1].split('id="scale-statement-1"')[0]
    assert re.search(r"Lowest</dt>\s*<dd[^>]*>\s*<strong>4</strong>\s*\(Ms Hughes\)", overall)
    assert re.search(r"Highest</dt>\s*<dd[^>]*>\s*<strong>7</strong>\s*\(Leanne Price\)", overall)
    assert "Grandma staying over on Friday nights." in overall
    for role in ("Worker", "Parent or carer", "Other professional"):
        assert role in overall
    # The chart: an image with a title and a description that summarises it.
    assert 'role="img"' in overall
    assert (
        '<title id="chart-overall-title">Overall safety scale: every rating over time</title>'
        in overall
    )
    assert (
        "Overall safety scale, 4 ratings from 3 people between 3 March and 20 May 2026; "
        "latest from 4 to 7." in overall
    )
    assert (
        "<title>Sam Okafor (Worker), 3 March 2026: 3. Two police call-outs this month.</title>"
        in overall
    )
    # The same data as a table, with change and remove links for editors.
    table = overall.split("Every rating on this scale")[1]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == 4
    assert "3 March 2026" in rows[0] and "Sam Okafor" in rows[0] and "<strong>3</strong>" in rows[0]
    assert "20 May 2026" in rows[-1]
    for rating_row in rows:
        assert "/map/scales/" in rating_row and "/edit/" in rating_row and "/remove/" in rating_row
    # The statement's own scale, with its own "Add a scale" link.
    statement_part = page.split('id="scale-statement-1"')[1]
    assert statement.statement in statement_part
    assert "Dad is sober on contact days." in statement_part
    assert f"/map/scales/add/?statement={statement.uuid}" in statement_part
    assert AccessEvent.objects.filter(actor=worker, case_uuid=case.uuid, what="Scales").exists()


def test_a_scale_with_no_ratings_says_so(client, case, worker):
    DangerStatementFactory(case=case)
    client.force_login(worker)
    page = client.get(scales_url(case)).content.decode()
    assert "No one has scaled the case overall yet." in page
    assert "No one has scaled this danger statement yet." in page
    assert '<svg class="app-scale-chart__svg"' not in page
    assert "Add a scale" in page


def test_the_councils_own_wording_is_used(client, case, worker):
    admin = UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None)
    services.label_set_update(
        actor=admin,
        service_level=case.service_level,
        expected_version=None,
        labels={"scale_name": "Family safety scale", "scale_anchor_10": "We can all step back."},
    )
    client.force_login(worker)
    page = client.get(scales_url(case)).content.decode()
    assert "Family safety scale" in page and "We can all step back." in page


def _queries_for(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(scales_url(case))
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_ratings(client, case, worker):
    client.force_login(worker)
    rate(case, "Sam Okafor", "worker", D(2026, 3, 3), 4, "Reason")
    small = _queries_for(client, case)

    statements = [DangerStatementFactory(case=case) for _ in range(3)]
    for n in range(60):
        rate(
            case, f"Person {n % 9}", ["worker", "parent", "network"][n % 3],
            D(2026, 1, 1) + datetime.timedelta(days=n * 3), n % 11, f"Reason {n}",
            statement=[None, *statements][n % 4],
        )  # fmt: skip
    large = _queries_for(client, case)
    assert small == large
