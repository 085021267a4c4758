"""`python manage.py seed_demo`: fill an empty database with the fictional demo council."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from safetymap.accounts.models import User
from safetymap.audit.models import AuditEvent
from safetymap.cases.models import Case, ServiceLevel
from safetymap.demo.child_voice import add_child_voice
from safetymap.demo.council import DEMO_PASSWORD
from safetymap.demo.devices import ensure_demo_devices
from safetymap.demo.generator import DEFAULT_FAMILIES, DEFAULT_SEED, seed
from safetymap.demo.journey import add_journey
from safetymap.demo.meeting_outcomes import add_meeting_outcomes
from safetymap.demo.meetings import add_meetings
from safetymap.demo.networks import add_networks
from safetymap.demo.packs import add_family_packs
from safetymap.demo.practice_links import add_practice_links
from safetymap.demo.referrals import add_referrals
from safetymap.demo.restricted import add_access_stories
from safetymap.demo.safety_plans import add_safety_plans
from safetymap.demo.supervision import add_supervision
from safetymap.demo.words_pictures import add_words_and_pictures
from safetymap.mapping.models import MapVersion, ScaleRating
from safetymap.retention.demo import ensure_retention_stories

ALREADY_SEEDED = "The database already has data; not seeding."


class Command(BaseCommand):
    help = (
        "Fill an empty database with a fictional council, its teams and staff, and families "
        "whose casework is generated from hand-written scenarios through the services."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--families",
            type=int,
            default=DEFAULT_FAMILIES,
            help=f"How many children's cases to create (default {DEFAULT_FAMILIES}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed for the random choices, so runs repeat (default fixed).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has users or cases.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        families: int = options["families"]
        if families < 0:
            raise CommandError("--families must be 0 or more.")
        if User.objects.exists() or Case.objects.exists():
            if options["if_empty"]:
                self.stdout.write(ALREADY_SEEDED)
                if added := ensure_demo_devices():  # a demo seeded before two-factor
                    self.stdout.write(f"Gave {added} demo users the demo authenticator.")
                return
            raise CommandError(
                "The database already has data. Seed an empty database (make demo resets "
                "it), or pass --if-empty to skip."
            )

        council_name = settings.SAFETYMAP_COUNCIL_NAME
        self.stdout.write(f"Creating {council_name} with {families} families...")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if done % 10 == 0 or done == total:
                elapsed = time.monotonic() - started
                self.stdout.write(f"  {done} of {total} families ({elapsed:.1f}s)")

        result = seed(families=families, seed_value=options["seed"], progress=progress)
        add_access_stories(result.council)  # restricted records, a share, emergency access
        add_networks(result.cases, seed_value=options["seed"])  # safety networks, some with gaps
        add_words_and_pictures(result.cases, seed_value=options["seed"])  # stories for children
        ensure_retention_stories()  # three long-closed cases: two due, one on legal hold
        add_safety_plans(result.cases, seed_value=options["seed"])  # plans, agreed and tested
        add_family_packs(result.cases)  # family packs, made through the packs services
        add_child_voice(result.cases)  # the children's own words, drawings and consent
        add_practice_links(result.cases, seed_value=options["seed"])  # voice, network, plan
        add_referrals(result.cases, seed_value=options["seed"])  # the front door's contacts
        add_journey(result.cases, seed_value=options["seed"])  # chronology entries, closures
        add_supervision(result.cases, seed_value=options["seed"])  # case and group supervision
        add_meetings(result.cases, seed_value=options["seed"])  # conferences, reviews, actions
        add_meeting_outcomes(result.cases, seed_value=options["seed"])  # scales, decisions, due
        ensure_demo_devices()  # every demo user's authenticator (demo_totp prints codes)
        elapsed = time.monotonic() - started

        levels = Counter(Case.objects.values_list("service_level", flat=True))
        by_level = ", ".join(
            f"{label.lower()} {levels[value]}"
            for value, label in ServiceLevel.choices
            if levels[value]
        )
        self.stdout.write(self.style.SUCCESS(f"{council_name} is ready ({elapsed:.1f}s)."))
        self.stdout.write(f"  Teams: {len(result.council.teams)}")
        self.stdout.write(f"  Staff: {len(result.council.users)} (password: {DEMO_PASSWORD})")
        self.stdout.write(f"  Cases: {len(result.cases)} ({by_level})")
        self.stdout.write(f"  Map versions: {MapVersion.objects.count()}")
        self.stdout.write(f"  Scales: {ScaleRating.objects.count()}")
        self.stdout.write(f"  Audit events: {AuditEvent.objects.count()}")
        self.stdout.write("Run `python manage.py demo_logins` to list the logins.")
        self.stdout.write("Run `python manage.py demo_totp <username>` for a two-factor code.")
