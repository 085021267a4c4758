"""Issue 4 end to end, as the demo practitioner would work it in Debian's Chromium: record a
Three Houses session with a drawing, carry a worry into the map, add Gran to the safety
network, draft a safety plan with a rule, then review other people's details and make a
family pack for Mum, download its PDF and read it. Every page visited passes axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, Relationship
from safetymap.child_voice.models import Entry
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.networks.models import NetworkMember
from safetymap.packs.models import FamilyPack
from safetymap.packs.tests.pdftext import pdf_text
from safetymap.safety_plans.models import PlanRule
from tests.e2e.test_child_voice import drawing_file, media_root  # noqa: F401 (a fixture)
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

MUMS_ADDRESS = "Flat 6, 3 Orchard Close, Eastbrook EB3 9RW"
GRANS_ADDRESS = "12 Lime Street, Eastbrook EB3 4JN"
GRANS_HOUSE = "Mia sleeps at Gran Pat's, 12 Lime Street (EB3 4JN), on Friday nights."
STRENGTH = "Gran Pat takes Mia to nursery every morning and Mia runs to her."
NOT_SHARED = "Police are checking a call-out to the house on 12 March."
STATEMENT = (
    "Nursery is worried that when Mum drinks she falls asleep and Mia, who is three, "
    "is left on her own with no one to keep her safe."
)
WORRY = "mummy sleeps on the sofa and i cant wake her up"
RULE = "Mum will not drink when Mia is at home. If she has, Mia goes to Gran Pat's."


@pytest.fixture
def walsh_family(db: Any) -> Any:
    """Mia lives with Mum at an address the pack must hold back; Gran Pat lives nearby; the
    practitioner is allocated, as on the demo council."""
    child = PersonFactory(first_name="Mia", last_name="Walsh", known_as="", address=MUMS_ADDRESS)
    case = cast(Case, CaseFactory(child=child))
    worker = cast(
        User,
        UserFactory(
            team=case.team,
            username="practitioner",
            first_name="Jess",
            last_name="Morgan",
            role=Role.PRACTITIONER,
            job_title="Social worker",
        ),
    )
    AllocationFactory(case=case, worker=worker)
    for first, relationship, detail, address in (
        ("Kelly", Relationship.MOTHER, "", MUMS_ADDRESS),
        ("Pat", Relationship.GRANDPARENT, "Maternal grandmother", GRANS_ADDRESS),
    ):
        CaseMemberFactory(
            case=case,
            relationship=relationship,
            relationship_detail=detail,
            person=PersonFactory(
                first_name=first, last_name="Walsh", date_of_birth=None, address=address
            ),
            lives_with_child=relationship == Relationship.MOTHER,
            parental_responsibility=relationship == Relationship.MOTHER,
        )
    add = map_services.map_item_add
    add(actor=worker, case=case, part=Part.STRENGTH, values={"text": STRENGTH})
    add(actor=worker, case=case, part=Part.SAFETY, values={"text": GRANS_HOUSE})
    add(
        actor=worker,
        case=case,
        part=Part.COMPLICATING,
        values={"text": NOT_SHARED, "shared_with_family": False},
    )
    map_services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "Nursery and the social worker",
            "adult_behaviour": "Mum drinks and falls asleep",
            "feared_for_child": "Mia will be hurt with no one to look after her",
            "statement": STATEMENT,
        },
    )
    return case


def test_a_practitioner_works_issue_4_from_the_childs_words_to_the_family_pack(
    page: Page,
    walsh_family: Any,
    assert_accessible: Callable[[Page], None],
    tmp_path: Any,
) -> None:
    case = walsh_family
    today = timezone.localdate()
    sign_in(page, "practitioner")
    page.get_by_role("link", name=re.compile("Mia Walsh")).click()
    expect(page.get_by_role("heading", name=re.compile("Mia Walsh"))).to_be_visible()
    assert_accessible(page)

    record_three_houses_with_a_drawing(page, assert_accessible, tmp_path, today)
    carry_the_worry_into_the_map(page, assert_accessible)
    add_gran_to_the_network(page, assert_accessible)
    draft_a_plan_with_a_rule(page, assert_accessible)
    pdf = make_a_family_pack_for_mum(page, assert_accessible)

    text = pdf_text(pdf)
    assert "Mia" in text and STRENGTH in " ".join(text.split())
    assert "Nursery is worried" in text
    assert NOT_SHARED not in text and "Lime Street" not in text
    assert WORRY not in text  # Mia did not agree that her parents may see her words

    worry = Entry.objects.get(house="worries")
    assert worry.map_item is not None and worry.map_item.part == Part.HARM
    assert NetworkMember.objects.get(case=case).case_member.person.first_name == "Pat"
    assert PlanRule.objects.get().adult_words == RULE
    pack = FamilyPack.objects.get(case=case)
    assert pack.for_person.first_name == "Kelly"


def record_three_houses_with_a_drawing(
    page: Page, accessible: Callable[[Page], None], tmp_path: Any, today: Any
) -> None:
    page.get_by_role("link", name="Child’s voice").first.click()
    expect(page.get_by_role("heading", name="Mia’s voice")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Three Houses").click()
    expect(page.get_by_label("Where?")).to_be_visible()
    accessible(page)
    fill_date(page, "held_on", today)
    page.get_by_label("Where?").fill("At nursery, in the quiet room")
    page.get_by_label("Which parent or carer was told about the session?").fill("Mum")
    page.get_by_label("House of worries", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Mia’s Three Houses"))).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Add words to House of worries").click()
    expect(page.get_by_label("The child's words", exact=True)).to_be_visible()
    accessible(page)
    page.get_by_label("The child's words", exact=True).fill(WORRY)
    page.get_by_label("The worker wrote down the child's words").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#house-worries")).to_contain_text(WORRY)

    page.get_by_role("link", name="Add a drawing").click()
    expect(page.get_by_label("Upload a photo or scan of the drawing")).to_be_visible()
    accessible(page)
    page.get_by_label("Upload a photo or scan of the drawing").set_input_files(
        drawing_file(tmp_path)
    )
    page.get_by_label("What the child said about it (optional)").fill("mummy asleep")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("img", name="Drawing by Mia: mummy asleep")).to_be_visible()
    accessible(page)


def carry_the_worry_into_the_map(page: Page, accessible: Callable[[Page], None]) -> None:
    page.get_by_role("link", name=re.compile(f"Carry into the map.*{WORRY[:20]}")).click()
    expect(page.get_by_label("Harm: what has happened")).to_be_visible()
    accessible(page)
    page.get_by_label("Harm: what has happened").check()
    page.get_by_role("button", name="Put it on the map").click()
    harm = page.locator("#harm")
    expect(harm).to_contain_text(f"“{WORRY}”")
    expect(harm).to_contain_text("Said by Mia")
    accessible(page)


def add_gran_to_the_network(page: Page, accessible: Callable[[Page], None]) -> None:
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Safety network").first.click()
    expect(page.get_by_role("heading", name="Safety network", exact=True)).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Add someone to the network").click()
    expect(page.get_by_label(re.compile("Pat Walsh"))).to_be_visible()
    accessible(page)
    page.get_by_label(re.compile("Pat Walsh")).check()
    page.get_by_label("Knows everything").check()
    page.get_by_label("Safe adult for the child").check()
    page.get_by_label("When are they available?").fill("Every day; she lives two streets away")
    page.get_by_label("How to contact them").fill("Mobile 07700 900318")
    page.get_by_role("button", name="Add to the network").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added to the safety")
    expect(page.locator(".app-circles")).to_contain_text("Pat, maternal grandmother")
    accessible(page)


def draft_a_plan_with_a_rule(page: Page, accessible: Callable[[Page], None]) -> None:
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Safety plan", exact=True).click()
    expect(page.get_by_role("button", name="Start a safety plan")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Start a safety plan").click()
    expect(page.get_by_label("Name of the plan")).to_be_visible()
    accessible(page)
    page.get_by_label("Immediate safety plan").check()
    page.get_by_label("Name of the plan").fill("Mia's safety plan for now")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Mia's safety plan for now")).to_be_visible()
    accessible(page)

    page.get_by_role("link", name="Add a rule").click()
    expect(page.get_by_label("The rule, in the adults' words")).to_be_visible()
    accessible(page)
    page.get_by_label("The rule, in the adults' words").fill(RULE)
    page.get_by_label("The rule, in words the child will understand").fill(
        "Mummy won't have any wine when I'm home. If she does, I go to Gran's."
    )
    page.get_by_label(re.compile("Nursery is worried")).check()
    page.get_by_label("Pat Walsh (Grandparent)").check()
    page.get_by_label("How will it be checked?").fill("Gran rings Mum at 6pm every evening.")
    page.get_by_label("How often will it be checked?").fill("Every evening")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.locator("#rules").locator("xpath=following-sibling::*[1]")).to_contain_text(
        "Mum will not drink"
    )
    accessible(page)


def make_a_family_pack_for_mum(page: Page, accessible: Callable[[Page], None]) -> bytes:
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Family documents").click()
    expect(page.get_by_role("heading", name="Family documents")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Create a family pack").click()
    expect(page.get_by_label("Kelly Walsh (Mother)")).to_be_visible()
    page.get_by_label("Kelly Walsh (Mother)").check()
    page.get_by_label("No, standard size").check()
    accessible(page)
    page.get_by_role("button", name="Continue").click()

    # The redaction review: Gran's address is in the map, and it starts held back.
    expect(page.get_by_role("heading", name="Check other people's details")).to_be_visible()
    gran = page.get_by_role("group", name=re.compile("Address of Pat Walsh"))
    expect(gran.get_by_label("Hold back")).to_be_checked()
    accessible(page)
    page.get_by_role("button", name="Save the review and make the pack").click()

    expect(
        page.get_by_role("heading", name="Information for Kelly Walsh about Mia")
    ).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(STRENGTH)
    expect(main).not_to_contain_text(NOT_SHARED)
    expect(main).not_to_contain_text("Lime Street")
    expect(main).to_contain_text("[held back]")
    accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a PDF").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    return pdf
