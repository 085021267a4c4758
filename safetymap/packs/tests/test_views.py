"""The "Family documents" pages for the allocated worker, a read-only colleague, a stranger
and a partner professional the map is shared with."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.packs.models import FamilyPack, RedactionReview
from safetymap.packs.services import DOWNLOADED_WHAT, GENERATED_WHAT
from safetymap.words_pictures.models import StoryKind

from . import practice
from .conftest import NOT_SHARED, SHARED_STRENGTH, Family, make_pack, make_user
from .pdftext import pdf_text

pytestmark = pytest.mark.django_db


def url(name: str, family: Family, pack: FamilyPack | None = None, query: str = "") -> str:
    kwargs = {"case_uuid": family.case.uuid}
    if pack is not None:
        kwargs["pack_uuid"] = pack.uuid
    return reverse(f"packs:{name}", kwargs=kwargs) + query


def review_query(family: Family, large: str = "no") -> str:
    return f"?for={family.dad.uuid}&large_print={large}"


def test_the_list_shows_packs_and_the_tab(client, family: Family) -> None:
    make_pack(family, family.dad, large_print=True)
    client.force_login(family.worker)
    response = client.get(url("list", family))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Family documents" in page and "Darren Cole" in page and "Large print" in page
    assert "Create a family pack" in page and "Make again" in page


def test_choosing_who_it_is_for_leads_to_the_review(client, family: Family) -> None:
    client.force_login(family.worker)
    page = client.get(url("create", family)).content.decode()
    assert "Leanne Hughes (Mother)" in page and "Joan Pike (Neighbour)" in page
    response = client.post(
        url("create", family), {"for_person": str(family.dad.uuid), "large_print": "yes"}
    )
    assert response["Location"] == url("review", family, query=review_query(family, "yes"))
    assert "Select who this pack is for" in client.post(url("create", family), {}).content.decode()


def test_the_review_lists_details_and_makes_the_pack(client, family: Family) -> None:
    client.force_login(family.worker)
    page = client.get(url("review", family, query=review_query(family))).content.decode()
    assert "Address of Kian Hughes (the child), Leanne Hughes (Mother)" in page
    assert "asked not to be named" in page
    form = {"found": page.split('name="found" value="')[1].split('"')[0]}
    count = page.count('name="decision_')
    form |= {f"decision_{n}": "hold_back" for n in range(1, count // 2 + 1)}
    response = client.post(url("review", family, query=review_query(family)), form)
    pack = FamilyPack.objects.get()
    assert response["Location"] == url("detail", family, pack)
    assert RedactionReview.objects.get().reviewed_by == family.worker
    shown = client.get(response["Location"]).content.decode()
    assert "Family pack made for Darren Cole." in shown
    assert "walks Kian to school every morning" in shown and NOT_SHARED not in shown
    assert "Birch Road" not in shown and "[held back]" in shown


def test_releasing_without_a_reason_is_refused_and_nothing_is_made(client, family: Family) -> None:
    client.force_login(family.worker)
    page = client.get(url("review", family, query=review_query(family))).content.decode()
    found = page.split('name="found" value="')[1].split('"')[0]
    response = client.post(
        url("review", family, query=review_query(family)),
        {"found": found, "decision_1": "release", "reason_1": ""},
    )
    assert response.status_code == 200
    assert "Say why it is safe to release" in response.content.decode()
    assert not FamilyPack.objects.exists() and not RedactionReview.objects.exists()


def test_a_review_of_an_old_list_is_refused_with_a_message(client, family: Family) -> None:
    client.force_login(family.worker)
    page = client.get(url("review", family, query=review_query(family))).content.decode()
    decisions = {
        f"decision_{n}": "hold_back" for n in range(1, page.count('name="decision_') // 2 + 1)
    }
    response = client.post(
        url("review", family, query=review_query(family)), {"found": "0" * 64, **decisions}
    )
    assert "changed since the review" in response.content.decode()
    assert not FamilyPack.objects.exists()


def test_the_review_without_a_person_goes_back_to_the_choice(client, family: Family) -> None:
    client.force_login(family.worker)
    assert client.get(url("review", family))["Location"] == url("create", family)
    assert client.get(url("review", family, query="?for=nobody")).status_code == 404


def test_the_printable_page_and_the_pdf(client, family: Family, reader) -> None:
    pack = make_pack(family, family.mum, release=("name",))
    client.force_login(reader)
    page = client.get(url("detail", family, pack)).content.decode()
    assert SHARED_STRENGTH in page and 'href="/family-documents/pack.css"' in page
    response = client.get(url("pdf", family, pack))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert SHARED_STRENGTH in pdf_text(response.content)
    assert AccessEvent.objects.filter(actor=reader, what=DOWNLOADED_WHAT).exists()


def test_the_stylesheet_is_served(client) -> None:
    response = client.get(reverse("packs:stylesheet"))
    assert response["Content-Type"] == "text/css" and b".pack--large" in response.content


def test_making_again_from_the_list(client, family: Family) -> None:
    pack = make_pack(family)
    client.force_login(family.worker)
    response = client.post(url("regenerate", family, pack))
    again = FamilyPack.objects.exclude(pk=pack.pk).get()
    assert response["Location"] == url("detail", family, again)
    assert again.content == pack.content
    assert AccessEvent.objects.filter(what=GENERATED_WHAT).count() == 2
    assert client.get(url("regenerate", family, pack)).status_code == 405


def test_read_only_colleagues_read_but_do_not_make_packs(client, family: Family, reader) -> None:
    pack = make_pack(family)
    client.force_login(reader)
    page = client.get(url("list", family)).content.decode()
    assert "Create a family pack" not in page and "Make again" not in page
    assert client.get(url("create", family)).status_code == 403
    assert client.get(url("review", family, query=review_query(family))).status_code == 403
    assert client.post(url("regenerate", family, pack)).status_code == 403


@pytest.mark.parametrize("name", ["list", "create", "review", "detail", "pdf"])
def test_strangers_and_partners_get_not_found(client, family: Family, stranger, name) -> None:
    pack = make_pack(family)
    partner = make_user(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_services.case_share_add(
        actor=family.worker, case=family.case, partner=partner, reason="School"
    )
    target = url(name, family, pack if name in ("detail", "pdf") else None)
    for user in (stranger, partner):
        client.force_login(user)
        assert client.get(target).status_code == 404


def test_a_partner_does_not_see_the_tab(client, family: Family) -> None:
    partner = make_user(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_services.case_share_add(
        actor=family.worker, case=family.case, partner=partner, reason="School"
    )
    client.force_login(partner)
    page = client.get(reverse("mapping:map", kwargs={"case_uuid": family.case.uuid}))
    assert "Family documents" not in page.content.decode()


def test_the_list_makes_the_same_number_of_queries_for_one_pack_or_many(
    client, family: Family
) -> None:
    client.force_login(family.worker)
    make_pack(family)

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("list", family)).status_code == 200
        return len(queries)

    one = list_queries()
    for _ in range(4):
        make_pack(family, family.mum, release=("name",))
    assert list_queries() == one


# --- The child pack and the plain-language check ---------------------------------------------


def child_query(large: str = "no") -> str:
    return f"?large_print={large}&pack=child"


def test_a_child_pack_is_made_for_the_child_from_the_same_pages(client, family: Family) -> None:
    practice.add_story(family, StoryKind.EXPLANATION, practice.STORY_WORDS)
    client.force_login(family.worker)
    assert "Create a child pack" in client.get(url("list", family)).content.decode()
    page = client.get(url("create", family, query="?pack=child")).content.decode()
    assert "Create a child pack" in page and "Who is this pack for?" not in page
    response = client.post(url("create", family, query="?pack=child"), {"large_print": "yes"})
    review = url("review", family, query=f"?for={family.case.child.uuid}&{child_query('yes')[1:]}")
    assert response["Location"] == review
    page = client.get(review).content.decode()
    assert "This is Kian Hughes's own pack, in large print" in page
    form = {"found": page.split('name="found" value="')[1].split('"')[0]}
    count = page.count('name="decision_')
    form |= {f"decision_{n}": "release" for n in range(1, count // 2 + 1)}
    form |= {f"reason_{n}": "His mum's name" for n in range(1, count // 2 + 1)}
    response = client.post(review, form)
    pack = FamilyPack.objects.get()
    assert pack.audience == "child" and pack.for_person == family.case.child and pack.large_print
    shown = client.get(response["Location"]).content.decode()
    assert "Child pack made for Kian Hughes." in shown and "A book for Kian" in shown
    assert practice.STORY_WORDS in shown and 'src="data:image/jpeg;base64,' in shown
    assert SHARED_STRENGTH not in shown and NOT_SHARED not in shown
    listed = client.get(url("list", family)).content.decode()
    assert "Child pack" in listed and "Explanation story, version 1" in listed
    pdf = client.get(url("pdf", family, pack))
    assert f"child-pack-{family.case.reference}" in pdf["Content-Disposition"]
    assert practice.STORY_WORDS in pdf_text(pdf.content)


def test_the_review_lists_plain_language_findings_by_section_without_blocking(
    client, family: Family
) -> None:
    practice.add_plan(family, rule="Darren's contact with Kian will be supervised by the LA.")
    client.force_login(family.worker)
    page = client.get(url("review", family, query=review_query(family))).content.decode()
    findings = html.unescape(page.split('id="plain-language-heading"')[1].split("</div>")[0])
    assert "Our safety plan" in findings
    assert "'contact' is professional jargon" in findings
    assert "'LA' is an abbreviation that is not explained" in findings
    assert "You can still make the pack" in findings
    assert 'type="submit"' in page  # advice only: the button is there


def test_the_child_pack_review_checks_the_words_for_a_child(client, family: Family) -> None:
    practice.add_story(family, StoryKind.SAFETY_PLAN, "Mum will ring the LADO if dad comes round.")
    client.force_login(family.worker)
    review = f"?for={family.case.child.uuid}&{child_query()[1:]}"
    page = client.get(url("review", family, query=review)).content.decode()
    findings = html.unescape(page.split('id="plain-language-heading"')[1].split("</div>")[0])
    assert "My safety plan" in findings and "a child may not understand" in findings
    assert "LADO" in findings
