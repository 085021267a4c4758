"""Every read of contacts and referrals, scoped to the user (`policies`)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from safetymap.accounts.models import User
from safetymap.cases.models import Case, CaseRestriction, Person, RestrictionAllowedUser
from safetymap.cases.selectors import unrestricted_cases
from safetymap.referrals import matching
from safetymap.referrals.models import RE_REFERRAL_DAYS, Referral
from safetymap.referrals.policies import front_door_team_ids

PAGE_SIZE = 25
MATCHES_SHOWN = 10


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """The receiving teams' contacts, less those on a restricted record the user is not on
    the allow-list of: a restriction hides the child everywhere, the front door included."""
    teams = front_door_team_ids(user)
    if not teams:
        return Referral.objects.none()
    allowed = RestrictionAllowedUser.objects.filter(
        user=user, removed_at__isnull=True, restriction__active=True
    ).values("restriction__case")
    hidden = CaseRestriction.objects.filter(active=True).exclude(case__in=allowed).values("case")
    return Referral.objects.filter(team_id__in=teams).exclude(case__in=hidden)


def get_referral(user: User, referral_uuid: uuid.UUID) -> Referral:
    """The referral, or 404 if it does not exist or the user may not see it."""
    referral = (
        referrals_visible_to(user)
        .select_related("team", "child", "case", "recorded_by", "decided_by")
        .filter(uuid=referral_uuid)
        .first()
    )
    if referral is None:
        raise Http404("No contact found")
    return referral


def _listed(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related("team", "decided_by", "case")


def awaiting_decision(user: User) -> QuerySet[Referral]:
    """Contacts still waiting for a decision, oldest first (the longest wait at the top)."""
    return _listed(referrals_visible_to(user).filter(decided_at__isnull=True)).order_by(
        "received_at", "id"
    )


def decided(
    user: User, *, decision: str = "", re_referrals_only: bool = False
) -> QuerySet[Referral]:
    """Decided contacts, most recent decision first, filtered by decision code."""
    found = referrals_visible_to(user).filter(decided_at__isnull=False)
    if decision:
        found = found.filter(decision=decision)
    if re_referrals_only:
        found = found.filter(is_re_referral=True)
    return _listed(found).order_by("-decided_at", "-id")


def re_referral_count(user: User, *, since: datetime.date) -> int:
    """Re-referrals received since a date, for the front door's figures."""
    return (
        referrals_visible_to(user).filter(is_re_referral=True, received_at__date__gte=since).count()
    )


# --- Finding the child -----------------------------------------------------------------------


@dataclass(frozen=True)
class PossibleMatch:
    """A child on record who may be the one the referrer told us about. Shows only what is
    needed to recognise them: name, date of birth and their latest case's reference."""

    person: Person
    case: Case
    score: int
    reasons: list[str]


def _described(referral: Referral) -> matching.Described:
    return matching.Described(
        first_name=referral.child_first_name,
        last_name=referral.child_last_name,
        date_of_birth=referral.child_date_of_birth,
        address=referral.child_address,
    )


def _narrowed(said: matching.Described) -> Q:
    """Children who could possibly match, found with plain indexed-friendly lookups."""
    firsts = matching.first_letters(said.first_name)
    lasts = matching.first_letters(said.last_name) if said.last_name else set()
    first_rule = Q()
    for letter in firsts:
        first_rule |= Q(first_name__istartswith=letter) | Q(known_as__istartswith=letter)
    last_rule = Q()
    for letter in lasts:
        last_rule |= Q(last_name__istartswith=letter)
    for part in matching.parts(said.last_name)[1:] if said.last_name else []:
        if len(part) >= 3:  # one part of a double-barrelled name
            last_rule |= Q(last_name__icontains=part)
    swapped_first = Q()
    for letter in lasts:
        swapped_first |= Q(first_name__istartswith=letter)
    swapped_last = Q()
    for letter in firsts:
        swapped_last |= Q(last_name__istartswith=letter)
    rule = (first_rule & last_rule) | (swapped_first & swapped_last) if lasts else first_rule
    dates = [d for d in (said.date_of_birth, matching.swapped(said.date_of_birth)) if d]
    if dates:
        rule |= Q(date_of_birth__in=dates)
    code = matching.postcode(said.address)
    if code:
        rule |= Q(address__icontains=code) | Q(address__icontains=code.replace(" ", ""))
    return rule


def possible_matches(referral: Referral) -> list[PossibleMatch]:
    """Children on record who may be this referral's child, best first, with why. Restricted
    records are never among them; each child is shown with their most recent case."""
    said = _described(referral)
    restricted_children = Case.objects.filter(
        pk__in=CaseRestriction.objects.filter(active=True).values("case")
    ).values("child")
    candidates = (
        Person.objects.filter(_narrowed(said), cases__in=unrestricted_cases())
        .exclude(pk__in=restricted_children)
        .distinct()
    )
    scored = []
    for person in candidates:
        found = matching.score(
            said,
            matching.Described(
                first_name=person.first_name,
                last_name=person.last_name,
                date_of_birth=person.date_of_birth,
                address=person.address,
                known_as=person.known_as,
            ),
        )
        if found.score >= matching.SHOW_FROM:
            scored.append((person, found))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].last_name, pair[0].first_name))
    top = scored[:MATCHES_SHOWN]
    latest = latest_cases([person.pk for person, _ in top])
    return [
        PossibleMatch(person, latest[person.pk], found.score, found.reasons)
        for person, found in top
        if person.pk in latest
    ]


def latest_cases(person_ids: list[int]) -> dict[int, Case]:
    """Each child's open case, or else their most recently closed one (person id -> case)."""
    latest: dict[int, Case] = {}
    for case in Case.objects.filter(child_id__in=person_ids).order_by("opened_on", "id"):
        current = latest.get(case.child_id)
        if current is None or _more_recent(case, current):
            latest[case.child_id] = case
    return latest


def _more_recent(case: Case, than: Case) -> bool:
    if than.closed_on is None:
        return False
    return case.closed_on is None or case.closed_on >= than.closed_on


def open_case_of(person: Person) -> Case | None:
    return Case.objects.filter(child=person, closed_on__isnull=True).order_by("-opened_on").first()


def closed_within_a_year(person: Person, day: datetime.date) -> datetime.date | None:
    """When the child's last case closed, if that was within 12 months before `day` and no
    case is open now: the contact is then a re-referral."""
    cases = list(Case.objects.filter(child=person).values_list("closed_on", flat=True))
    if not cases or any(closed is None for closed in cases):
        return None
    last = max(c for c in cases if c is not None)
    if day - datetime.timedelta(days=RE_REFERRAL_DAYS) <= last <= day:
        return last
    return None


# --- On the case ---------------------------------------------------------------------------


def case_referrals(case: Case) -> list[Referral]:
    """Every referral recorded on this case, most recent first, in one query."""
    return list(
        Referral.objects.filter(case=case)
        .select_related("decided_by")
        .order_by("-received_at", "-id")
    )
