"""The fictional council's teams and staff.

Teams and users are set-up data rather than casework (no service writes them yet), so they
are created directly. Every demo user shares one password, listed by `demo_logins`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from safetymap.accounts.models import Role, ServiceArea, Team, User
from safetymap.demo.names import Names, ascii_slug

DEMO_PASSWORD = "safetymap-demo"

CSC = "Children's Social Care"
EARLY_HELP_NORTH = "Early Help North"
EARLY_HELP_SOUTH = "Early Help South"
ASSESSMENT = "Assessment Team"
CP_A = "Child Protection Team A"
CP_B = "Child Protection Team B"
IN_CARE = "Children in Care Team"
LEAVING_CARE = "Leaving Care Team"
QUALITY = "Quality Assurance"
BUSINESS_SUPPORT = "Business Support"
EMERGENCY_DUTY = "Emergency Duty Team"

# (name, service area, parent team)
TEAMS: tuple[tuple[str, str, str | None], ...] = (
    (CSC, ServiceArea.CHILD_PROTECTION, None),
    (EARLY_HELP_NORTH, ServiceArea.EARLY_HELP, None),
    (EARLY_HELP_SOUTH, ServiceArea.EARLY_HELP, None),
    (ASSESSMENT, ServiceArea.ASSESSMENT, CSC),
    (CP_A, ServiceArea.CHILD_PROTECTION, CSC),
    (CP_B, ServiceArea.CHILD_PROTECTION, CSC),
    (IN_CARE, ServiceArea.CHILDREN_IN_CARE, CSC),
    (LEAVING_CARE, ServiceArea.CHILDREN_IN_CARE, CSC),
    (QUALITY, ServiceArea.QUALITY_ASSURANCE, None),
    (BUSINESS_SUPPORT, ServiceArea.BUSINESS_SUPPORT, None),
    (EMERGENCY_DUTY, ServiceArea.CHILD_PROTECTION, CSC),  # out of hours: no cases of its own
)


@dataclass(frozen=True)
class KeyUser:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str | None
    job_title: str
    organisation: str = ""
    is_staff: bool = False


# Fixed, memorable logins for showing the demo. Listed first by `demo_logins`.
KEY_USERS: tuple[KeyUser, ...] = (
    KeyUser("practitioner", "Jess", "Morgan", Role.PRACTITIONER, CP_A, "Social worker"),
    KeyUser("manager", "Daniel", "Hughes", Role.TEAM_MANAGER, CP_A, "Team manager"),
    KeyUser(
        "chair", "Ruth", "Adeyemi", Role.CONFERENCE_CHAIR, QUALITY, "Independent reviewing officer"
    ),
    KeyUser("practicelead", "Helen", "Carter", Role.PRACTICE_LEAD, QUALITY, "Practice lead"),
    KeyUser("support", "Lisa", "Bennett", Role.BUSINESS_SUPPORT, CP_A, "Business support officer"),
    KeyUser(
        "partner",
        "Mark",
        "Ellis",
        Role.PARTNER_PROFESSIONAL,
        None,
        "Designated safeguarding lead",
        organisation="Eastbrook Primary School",
    ),
    KeyUser(
        "admin",
        "Tom",
        "Price",
        Role.COUNCIL_ADMINISTRATOR,
        None,
        "Systems administrator",
        is_staff=True,
    ),
    KeyUser("headofservice", "Anita", "Sharma", Role.TEAM_MANAGER, CSC, "Head of service"),
    KeyUser(
        "duty", "Sam", "Okafor", Role.PRACTITIONER, EMERGENCY_DUTY, "Emergency duty social worker"
    ),
)
KEY_USERNAMES = tuple(user.username for user in KEY_USERS)

# Cases a worker holds, at most, in a generated council; bigger councils get more workers.
CASELOAD = 18

# Generated staff: team -> (manager's job title, [workers' job titles]).
STAFFING: dict[str, tuple[str, tuple[str, ...]]] = {
    EARLY_HELP_NORTH: (
        "Early help team manager",
        ("Senior early help worker", "Early help worker", "Early help worker"),
    ),
    EARLY_HELP_SOUTH: (
        "Early help team manager",
        ("Senior early help worker", "Early help worker", "Early help worker"),
    ),
    ASSESSMENT: ("Team manager", ("Senior practitioner", "Social worker", "Social worker")),
    CP_A: ("", ("Senior practitioner", "Social worker", "Social worker")),  # manager is fixed
    CP_B: ("Team manager", ("Senior practitioner", "Social worker", "Social worker")),
    IN_CARE: ("Team manager", ("Senior practitioner", "Social worker", "Social worker")),
    LEAVING_CARE: ("Team manager", ("Personal adviser", "Personal adviser")),
}


@dataclass
class Council:
    teams: dict[str, Team]
    managers: dict[str, User]
    workers: dict[str, list[User]] = field(default_factory=dict)
    demo_practitioner: User | None = None
    users: list[User] = field(default_factory=list)


class _Usernames:
    def __init__(self) -> None:
        self.taken: set[str] = set(KEY_USERNAMES)

    def make(self, first: str, last: str) -> str:
        base = f"{ascii_slug(first)}.{ascii_slug(last)}"
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name)
        return name


def create_council(*, names: Names, caseloads: Mapping[str, int] | None = None) -> Council:
    """Create the teams and every demo user. The password is hashed once and shared.

    `caseloads` (cases per team) adds workers beyond the usual team so that nobody holds
    more than about CASELOAD cases, for councils generated with thousands of families.
    """
    caseloads = caseloads or {}
    teams: dict[str, Team] = {}
    for name, area, parent in TEAMS:
        teams[name] = Team.objects.create(
            name=name, service_area=area, parent=teams[parent] if parent else None
        )

    password = make_password(DEMO_PASSWORD)
    usernames = _Usernames()
    council = Council(teams=teams, managers={})

    def add(
        *,
        username: str,
        first: str,
        last: str,
        role: str,
        team: str | None,
        job_title: str,
        organisation: str = "",
        is_staff: bool = False,
    ) -> User:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@eastbrook.example",
            role=role,
            team=teams[team] if team else None,
            job_title=job_title,
            organisation=organisation,
            is_demo=True,
            is_staff=is_staff,
            is_superuser=is_staff,
        )
        # The same Argon2 hash for everyone: one shared, published demo password, and 0.2s
        # of hashing instead of several seconds.
        user.password = password
        council.users.append(user)
        return user

    for key in KEY_USERS:
        user = add(
            username=key.username,
            first=key.first_name,
            last=key.last_name,
            role=key.role,
            team=key.team,
            job_title=key.job_title,
            organisation=key.organisation,
            is_staff=key.is_staff,
        )
        if key.username == "practitioner":
            council.demo_practitioner = user
            council.workers.setdefault(CP_A, []).append(user)
        elif key.username == "manager":
            council.managers[CP_A] = user

    def generated(*, role: str, team: str | None, job_title: str, organisation: str = "") -> User:
        female = names.rng.random() < 0.75  # children's social work is mostly women
        first, last = names.staff(female=female)
        return add(
            username=usernames.make(first, last),
            first=first,
            last=last,
            role=role,
            team=team,
            job_title=job_title,
            organisation=organisation,
        )

    for team, (manager_title, worker_titles) in STAFFING.items():
        if manager_title:
            council.managers[team] = generated(
                role=Role.TEAM_MANAGER, team=team, job_title=manager_title
            )
        # The fixed demo practitioner is one of Child Protection Team A's workers.
        fixed = len(council.workers.get(team, []))
        needed = max(len(worker_titles), -(-caseloads.get(team, 0) // CASELOAD) - fixed)
        extra = (worker_titles[-1],) * (needed - len(worker_titles))
        for title in (*worker_titles, *extra):
            worker = generated(role=Role.PRACTITIONER, team=team, job_title=title)
            council.workers.setdefault(team, []).append(worker)

    generated(role=Role.CONFERENCE_CHAIR, team=QUALITY, job_title="Independent reviewing officer")
    generated(role=Role.PRACTICE_LEAD, team=QUALITY, job_title="Practice champion")
    generated(role=Role.BUSINESS_SUPPORT, team=BUSINESS_SUPPORT, job_title="Minute taker")
    generated(
        role=Role.BUSINESS_SUPPORT, team=BUSINESS_SUPPORT, job_title="Business support manager"
    )
    generated(
        role=Role.PARTNER_PROFESSIONAL,
        team=None,
        job_title="Health visitor",
        organisation="Eastbrook Community Health",
    )

    User.objects.bulk_create(council.users)
    # bulk_create leaves primary keys unset on SQLite < 3.35 only; re-read to be sure.
    by_username = {user.username: user for user in User.objects.filter(is_demo=True)}
    council.users = [by_username[user.username] for user in council.users]
    council.managers = {team: by_username[u.username] for team, u in council.managers.items()}
    council.workers = {
        team: [by_username[u.username] for u in workers]
        for team, workers in council.workers.items()
    }
    assert council.demo_practitioner is not None
    council.demo_practitioner = by_username[council.demo_practitioner.username]
    return council
