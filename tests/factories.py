"""Fictional people, teams and cases for tests. Writes go through services where the
service is what is under test; factories build the background quickly."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from faker import Faker

from safetymap.accounts.models import Role, ServiceArea, Team, User
from safetymap.cases.models import Allocation, Case, CaseMember, Person, Relationship, ServiceLevel
from safetymap.mapping.models import (
    DangerStatement,
    MapItem,
    NextStep,
    Part,
    RaterRole,
    SafetyGoal,
    ScaleRating,
)
from safetymap.meetings.models import (
    Attendance,
    Meeting,
    MeetingAttendee,
    MeetingType,
    RoleGroup,
)

PASSWORD = "correct horse battery staple"
_fake = Faker("en_GB")


def _plain_name(kind: str) -> str:
    """A Faker name without apostrophes: tests look for names in page text, where
    O'Donnell is HTML-escaped, and a rare random name must not make a test flaky."""
    return getattr(_fake, kind)().replace("'", "")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Test team {n}")
    service_area = ServiceArea.CHILD_PROTECTION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(lambda: _plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: _plain_name("last_name"))
    role = Role.PRACTITIONER
    team = factory.SubFactory(TeamFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.LazyFunction(lambda: _plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: _plain_name("last_name"))
    date_of_birth = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=365 * 7)
    )


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"SM-T{n:05d}")
    child = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)
    service_level = ServiceLevel.CHILD_PROTECTION
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=120))


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    case = factory.SubFactory(CaseFactory)
    worker = factory.SubFactory(UserFactory)


class CaseMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseMember

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory, date_of_birth=None)
    relationship = Relationship.MOTHER
    lives_with_child = True
    parental_responsibility = True


class MapItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MapItem

    case = factory.SubFactory(CaseFactory)
    part = Part.STRENGTH
    text = "Mum walks the children to school every day and they are on time."
    said_by = "Class teacher"


class DangerStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DangerStatement

    case = factory.SubFactory(CaseFactory)
    who_is_worried = "The school and the social worker"
    adult_behaviour = "when Dad drinks in the evening he shouts at Mum and has pushed her"
    feared_for_child = "the children will be hurt or scared to be at home"
    statement = factory.LazyAttribute(
        lambda o: (
            f"{o.who_is_worried} are worried that {o.adult_behaviour}. "
            f"If nothing changes, they worry that {o.feared_for_child}."
        )
    )


class SafetyGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyGoal

    case = factory.SelfAttribute("danger_statement.case")
    danger_statement = factory.SubFactory(DangerStatementFactory)
    adults_will = "Dad will not drink when he is looking after the children"
    child_will_experience = "The children will feel calm at home in the evenings"
    who_will_see = "Grandma and the school"
    how_long = "six months"
    statement = "Dad will not drink when he is looking after the children."


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NextStep

    case = factory.SubFactory(CaseFactory)
    action = "Meet Grandma to talk about the evening plan"
    owner = "Social worker"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))


class ScaleRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScaleRating

    case = factory.SubFactory(CaseFactory)
    rater_name = "Social worker"
    rater_role = RaterRole.WORKER
    score = 4
    reason = (
        "Dad has started going to the alcohol service, but there was another incident last week."
    )
    one_point_higher = "A month with no police call-outs."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    case = factory.SubFactory(CaseFactory)
    kind = MeetingType.CORE_GROUP
    held_on = factory.LazyFunction(timezone.localdate)
    place = "Riverside Family Centre"


class MeetingAttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttendee

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="en_GB")
    role = "Health visitor"
    role_group = RoleGroup.HEALTH
    agency = "Northmoor Community Health"
    attendance = Attendance.PRESENT
