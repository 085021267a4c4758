"""The checker page (with and without JavaScript), the live findings partial, the glossary
pages (council administrators only), and the checker on the map's statement and goal forms."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AuditEvent
from safetymap.core.versioning import STALE_MESSAGE
from safetymap.plain_language import services
from safetymap.plain_language.checker import MAX_TEXT_LENGTH, Kind
from safetymap.plain_language.models import GlossaryTerm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHECK = reverse("plain_language:check")
LIVE = reverse("plain_language:live")
GLOSSARY = reverse("plain_language:glossary")
RETIRED = reverse("plain_language:glossary_retired")
ADD = reverse("plain_language:term_add")
NEGLECT_MESSAGE = "&#x27;neglect&#x27; is a label. Say what happened instead"


def term_url(name, term):
    return reverse(f"plain_language:{name}", kwargs={"term_uuid": term.uuid})


def signed_in(client, user):
    client.force_login(user)
    return client


def page_text(response):
    return html.unescape(response.content.decode())


def term_post(version=None, **values):
    data = {
        "term": "service user",
        "variants": "",
        "kind": Kind.LABEL,
        "suggestion": "Mum, or the person's name",
        "explanation": "",
        **values,
    }
    if version is not None:
        data["version"] = str(version)
    return data


# --- Who may open what -----------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client):
    neglect = GlossaryTerm.objects.get(term="neglect")
    addresses = [CHECK, LIVE, GLOSSARY, RETIRED, ADD]
    addresses += [term_url(name, neglect) for name in ("term_edit", "term_retire", "term_restore")]
    for address in addresses:
        for response in (client.get(address), client.post(address, {"text": "neglect"})):
            assert response.status_code == 302, address
            assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role",
    [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT, Role.PARTNER_PROFESSIONAL],
)
def test_only_council_administrators_may_open_or_change_the_glossary(client, role):
    signed_in(client, UserFactory(role=role))
    neglect = GlossaryTerm.objects.get(term="neglect")
    for address in (GLOSSARY, RETIRED, ADD, term_url("term_edit", neglect)):
        assert client.get(address).status_code == 403
    assert client.post(ADD, term_post()).status_code == 403
    assert client.post(term_url("term_edit", neglect), term_post(1)).status_code == 403
    assert client.post(term_url("term_retire", neglect), {"version": "1"}).status_code == 403
    assert client.post(term_url("term_restore", neglect), {"version": "1"}).status_code == 403
    neglect.refresh_from_db()
    assert neglect.version == 1 and not neglect.is_removed
    assert not GlossaryTerm.objects.filter(term="service user").exists()


@pytest.mark.parametrize(
    "role", [Role.PRACTITIONER, Role.BUSINESS_SUPPORT, Role.PARTNER_PROFESSIONAL]
)
def test_anyone_signed_in_may_check_wording(client, role):
    signed_in(client, UserFactory(role=role))
    assert client.get(CHECK).status_code == 200
    response = client.post(LIVE, {"field": "text", "text": "neglect"})
    assert response.status_code == 200 and NEGLECT_MESSAGE in response.content.decode()


def test_an_unknown_term_is_not_found(client, admin):
    signed_in(client, admin)
    address = reverse(
        "plain_language:term_edit", kwargs={"term_uuid": "00000000-0000-0000-0000-000000000000"}
    )
    assert client.get(address).status_code == 404


def test_administrators_see_the_glossary_in_the_menu(client, admin, worker):
    assert "Plain language</a>" in signed_in(client, admin).get(CHECK).content.decode()
    assert "Plain language</a>" not in signed_in(client, worker).get(CHECK).content.decode()


# --- The checker page: works without JavaScript ------------------------------------------


def test_the_checker_page_checks_wording_without_javascript(client, worker):
    signed_in(client, worker)
    page = client.get(CHECK)
    assert "Check the wording" in page.content.decode()
    response = client.post(
        CHECK, {"audience": "parent", "text": "We are worried about neglect and the MASH."}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "'neglect' is a label. Say what happened instead, for example:" in text
    assert "'MASH' is an abbreviation that is not explained." in text
    assert "2 things to look at in this wording." in text
    assert "Check wording on its own page" not in text  # this is that page


def test_the_checker_page_uses_the_audience_chosen(client, worker):
    signed_in(client, worker)
    sentence = (
        "Kian told his teacher that Dad shouted at him again yesterday. He was frightened and "
        "cried in the classroom."
    )  # reading age about 10
    for_children = page_text(client.post(CHECK, {"audience": "child", "text": sentence}))
    for_parents = page_text(client.post(CHECK, {"audience": "parent", "text": sentence}))
    assert "above the target of 8 for children" in for_children
    assert "within the target of 11 for parents" in for_parents
    professional = page_text(client.post(CHECK, {"audience": "professional", "text": "Placement."}))
    assert "No labels, jargon or unexplained abbreviations" in professional


def test_the_checker_page_asks_for_wording(client, worker):
    signed_in(client, worker)
    response = client.post(CHECK, {"audience": "parent", "text": ""})
    assert response.status_code == 400
    assert "Enter the wording to check" in response.content.decode()
    too_long = client.post(CHECK, {"audience": "parent", "text": "a" * (MAX_TEXT_LENGTH + 1)})
    assert too_long.status_code == 400
    assert f"{MAX_TEXT_LENGTH} characters or fewer" in too_long.content.decode()


# --- The live check (htmx) -------------------------------------------------------------------


def test_the_live_check_returns_the_findings_partial_for_the_named_field(client, worker):
    signed_in(client, worker)
    response = client.post(
        LIVE,
        {"field": "statement", "statement": "Mum's neglect", "audience": "parent", "link": "1"},
        headers={"HX-Request": "true", "HX-Target": "id_statement-plain-language"},
    )
    body = page_text(response)
    assert response.status_code == 200
    assert "<html" not in body  # a partial, not a page
    assert "'neglect' is a label." in body
    assert "This is advice: it does not stop you saving." in body
    assert f'href="{CHECK}"' in body
    assert 'id="id_statement-plain-language-status" hx-swap-oob="innerHTML"' in body
    assert "1 thing to look at in this wording." in body


def test_the_live_check_is_quiet_for_blank_or_clean_text_and_says_when_too_long(client, worker):
    signed_in(client, worker)
    assert "Plain language" not in page_text(client.post(LIVE, {"field": "text", "text": "  "}))
    clean = page_text(client.post(LIVE, {"field": "text", "text": "Nan picks Amy up."}))
    assert "No labels, jargon or unexplained abbreviations" in clean
    assert "Check wording on its own page" not in clean  # no "link" asked for
    long = page_text(client.post(LIVE, {"field": "text", "text": "a" * (MAX_TEXT_LENGTH + 1)}))
    assert "too long to check as you type" in long


def test_the_live_check_ignores_an_unsafe_target_and_an_unknown_audience(client, worker):
    signed_in(client, worker)
    response = client.post(
        LIVE,
        {"field": "text", "text": "The placement.", "audience": "judge"},
        headers={"HX-Request": "true", "HX-Target": 'x"><script>'},
    )
    body = response.content.decode()
    assert "hx-swap-oob" not in body and "<script>" not in body
    assert "professional jargon" in page_text(response)  # checked for parents


def test_the_live_check_takes_posts_only(client, worker):
    signed_in(client, worker)
    assert client.get(LIVE).status_code == 405


# --- The glossary pages ----------------------------------------------------------------------


def test_the_glossary_lists_terms_a_page_at_a_time(client, admin):
    signed_in(client, admin)
    first = page_text(client.get(GLOSSARY))
    assert "Plain language glossary" in first and "Add a term" in first
    assert "disguised compliance" in first
    total = GlossaryTerm.objects.filter(removed_at__isnull=True).count()
    assert f"{total} terms" in first
    assert 'aria-label="Page 2"' in first
    second = page_text(client.get(GLOSSARY, {"page": 2}))
    assert "unkempt" in second and "unkempt" not in first


def test_adding_a_term_through_the_page(client, admin):
    signed_in(client, admin)
    response = client.post(ADD, term_post(variants="service users"))
    assert response.status_code == 302 and response["Location"] == GLOSSARY
    term = GlossaryTerm.objects.get(term="service user")
    assert term.variant_list == ("service users",)
    assert AuditEvent.objects.filter(object_uuid=term.uuid, actor=admin).exists()
    checked = page_text(client.post(LIVE, {"field": "text", "text": "Mum is a service user."}))
    assert "'service user' is a label" in checked


def test_a_refused_term_is_shown_on_the_form_with_nothing_saved(client, admin):
    signed_in(client, admin)
    response = client.post(ADD, term_post(term="Neglect"))
    assert response.status_code == 400
    assert "'Neglect' is already in the glossary, under 'neglect'" in page_text(response)
    assert GlossaryTerm.objects.filter(term__iexact="neglect").count() == 1
    missing = client.post(ADD, term_post(suggestion=""))
    assert missing.status_code == 400 and "Enter what to say instead" in page_text(missing)


def test_changing_a_term_through_the_page(client, admin):
    signed_in(client, admin)
    term = GlossaryTerm.objects.get(term="placement")
    form = page_text(client.get(term_url("term_edit", term)))
    assert "Change ‘placement’" in form and 'name="version" value="1"' in form
    response = client.post(
        term_url("term_edit", term), term_post(1, term="placement", suggestion="home")
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.suggestion == "home" and term.version == 2


def test_a_stale_change_keeps_what_was_typed_and_shows_what_is_saved(client, admin):
    signed_in(client, admin)
    term = GlossaryTerm.objects.get(term="placement")
    services.glossary_term_update(
        actor=admin,
        glossary_term=term,
        expected_version=1,
        values={**services.values_of(term), "suggestion": "where the child lives"},
    )
    response = client.post(
        term_url("term_edit", term), term_post(1, term="placement", suggestion="the child's home")
    )
    body = page_text(response)
    assert response.status_code == 409
    assert STALE_MESSAGE in body
    assert "where the child lives" in body  # what is saved now
    assert "the child&#x27;s home" in response.content.decode()  # what they typed, kept
    assert 'name="version" value="2"' in body
    term.refresh_from_db()
    assert term.suggestion == "where the child lives"


def test_retiring_and_bringing_back_a_term_through_the_pages(client, admin):
    signed_in(client, admin)
    term = GlossaryTerm.objects.get(term="chaotic")
    assert "Retire ‘chaotic’?" in page_text(client.get(term_url("term_retire", term)))
    response = client.post(term_url("term_retire", term), {"version": "1"})
    assert response.status_code == 302
    assert "chaotic" in page_text(client.get(RETIRED))
    assert (
        "Home is chaotic"
        not in page_text(client.post(LIVE, {"field": "text", "text": "Home is chaotic."})).split(
            "label"
        )[0]
    )
    response = client.post(term_url("term_restore", term), {"version": "2"})
    assert response.status_code == 302 and response["Location"] == GLOSSARY
    term.refresh_from_db()
    assert not term.is_removed and term.version == 3
    stale = client.post(term_url("term_restore", term), {"version": "2"}, follow=True)
    assert STALE_MESSAGE in page_text(stale)
