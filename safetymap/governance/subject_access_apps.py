"""What the child's voice, Words and Pictures, the safety network, safety plans and family
packs hold about one person, for the subject access export (subject_access.py).

Each case entry gains these keys (empty lists when there is nothing):

    if the person is the child:
        chronology          every entry workers added, corrected ones and their corrections
        case_closures       each closure (reason, its census code, words) and reopening
        childs_voice        sessions, with the child's words and drawings
        words_and_pictures  stories about the child, every version, panel by panel
        safety_network      everyone in the network (flagged third_party), with their
                            roles, checks; and network_meetings
        safety_plans        plans, every version with its rules, agreements and checks
        family_packs        packs made on the case, and for whom
        referrals           contacts and referrals recorded on the case (and, on the
                            child's latest case, those about them that opened no case),
                            with who contacted us flagged third_party
        supervision         case supervision and group supervision of the case
        meetings            meetings about the child: who was invited (flagged), the
                            child's views, actions agreed
        meeting_outcomes    everyone's scales at its meetings (with changes made after they
                            were shown) and the decisions, with each person's view
    if they are someone on the case:
        chronology_mentions chronology entries whose words name them
        childs_voice_told   sessions whose "parent told" names them
        words_and_pictures  versions they wrote or gave to the child
        safety_network      their place in the network: roles, what they know, contact
                            details, checks, meetings they came to
        safety_plans        rules they are responsible for, agreements they gave, checks
                            they made
        family_packs        packs made for them
        meetings            meetings they were invited to: their role, whether they
                            came, invitations sent to them
        meeting_outcomes_given  the scales they gave at meetings and their views of decisions

`record_uuids` are the rows that name the person, so their change history is included.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import Q

from safetymap.cases.models import Case, CaseClosure, CaseMember, ChronologyEntry, Person
from safetymap.child_voice.models import Session
from safetymap.governance.templatetags.governance_pdf import iso_date, iso_datetime
from safetymap.implementation.models import CaseSupervision, GroupSupervision
from safetymap.meetings.models import (
    AttendeeScale,
    Decision,
    DecisionView,
    Meeting,
    MeetingAttendee,
)
from safetymap.meetings.outcomes import decision_summary
from safetymap.networks.models import NetworkCheck, NetworkMeeting, NetworkMember
from safetymap.packs.models import FamilyPack
from safetymap.referrals.models import Referral
from safetymap.safety_plans.models import MonitoringCheck, PlanAgreement, PlanRule, PlanVersion
from safetymap.words_pictures.models import StoryVersion

Flag = Callable[[Person], dict[str, Any]]  # {"third_party": True, "redaction_id": ...}
Text = Callable[[Any], Any]  # dates and times as ISO text

AUDITED_TYPES = {
    "cases.chronologyentry": "Chronology entry",
    "cases.caseclosure": "Case closure",
    "child_voice.session": "Child's voice session",
    "child_voice.entry": "The child's words",
    "child_voice.drawing": "The child's drawing",
    "child_voice.consentoverride": "Shared without the child's agreement",
    "words_pictures.story": "Words and Pictures story",
    "words_pictures.storyversion": "Words and Pictures version",
    "words_pictures.storypanel": "Words and Pictures page",
    "networks.networkmember": "Safety network member",
    "networks.networkcheck": "Safety network check",
    "networks.networkmeeting": "Safety network meeting",
    "safety_plans.safetyplan": "Safety plan",
    "safety_plans.planversion": "Safety plan version",
    "safety_plans.planrule": "Safety plan rule",
    "safety_plans.planagreement": "Agreement to a safety plan",
    "safety_plans.monitoringcheck": "Safety plan check",
    "packs.familypack": "Family pack",
    "referrals.referral": "Contact or referral",
    "implementation.casesupervision": "Case supervision",
    "implementation.groupsupervision": "Group supervision",
    "implementation.groupentry": "Group supervision: the group's map and ideas",
    "implementation.groupscale": "Group supervision: a scale",
    "implementation.groupdecision": "Group supervision: the manager's decision",
    "meetings.meeting": "Meeting",
    "meetings.meetingattendee": "Invited to a meeting",
    "meetings.meetinginvitation": "Meeting invitation sent",
    "meetings.meetingaction": "Action from a meeting",
    "meetings.attendeescale": "Scale given at a meeting",
    "meetings.scalechange": "Scale changed after it was shown",
    "meetings.decision": "Meeting decision",
    "meetings.decisionview": "View of a meeting decision",
}


def _who(member: CaseMember | None, staff: Any) -> str:
    if member is not None:
        return member.person.full_name
    return staff.display_name if staff is not None else ""


# --- One record of each kind ---------------------------------------------------------------


def _told(session: Session, text: Text) -> dict[str, Any]:
    """That a session was held and who was told: all a parent's export holds of it (what the
    child said is the child's)."""
    return {
        "uuid": str(session.uuid),
        "kind_label": session.get_kind_display(),
        "held_on": text(session.held_on),
        "worker": session.worker.display_name,
        "parent_told": session.parent_told,
        "parent_told_on": text(session.parent_told_on),
    }


def _session(session: Session, text: Text) -> dict[str, Any]:
    return {
        **_told(session, text),
        "place": session.place,
        "path_words": session.path_words,
        "consent_words": session.consent_words,
        "removed_at": text(session.removed_at),
        "words": [
            {
                "uuid": str(entry.uuid),
                "house_label": entry.get_house_display(),
                "words": entry.words,
                "written_by_label": entry.get_written_by_display(),
                "terms": entry.terms,
                "removed_at": text(entry.removed_at),
            }
            for entry in session.entries.all()
        ],
        "drawings": [
            {
                "uuid": str(drawing.uuid),
                "document": str(drawing.document.uuid),
                "title": drawing.document.title,
                "caption": drawing.caption,
                "removed_at": text(drawing.removed_at),
            }
            for drawing in session.drawings.all()
        ],
    }


def _story_version(version: StoryVersion, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(version.uuid),
        "story_kind_label": version.story.get_kind_display(),
        "number": version.number,
        "status_label": version.get_status_display(),
        "authors": [_who(a.member, a.staff) for a in version.authors.all()],
        "pages": [
            {"heading": p.heading, "text": p.text, "picture": p.picture_description}
            for p in version.panels.all()
        ],
        "parents_agree_label": version.get_parents_agree_display(),
        "parents_words": version.parents_words,
        "parents_asked_on": text(version.parents_asked_on),
        "given_on": text(version.given_on),
        "given_by": _who(version.given_by_member, version.given_by_staff),
        "child_reaction": version.child_reaction,
    }


def _check(check: Any, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(check.uuid),
        "check_type": getattr(check, "check_type", ""),
        "checked_on": text(check.checked_on),
        "outcome_label": check.get_outcome_display(),
        "checked_by": (
            check.checked_by if isinstance(check, NetworkCheck) else _who(check.member, check.staff)
        ),
        "notes": check.notes,
    }


def _network_member(member: NetworkMember, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(member.uuid),
        "name": member.case_member.person.full_name,
        "roles": [role.get_role_display() for role in member.roles.all() if not role.removed_at],
        "knowledge_label": member.get_knowledge_display(),
        "availability": member.availability,
        "contact_details": member.contact_details,
        "statements_seen_on": text(member.statements_seen_on),
        "agreed_on": text(member.agreed_on),
        "removed_at": text(member.removed_at),
        "checks": [_check(check, text) for check in member.checks.all()],
    }


def _meeting(meeting: NetworkMeeting, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(meeting.uuid),
        "held_on": text(meeting.held_on),
        "agreed": meeting.agreed,
        "came": [m.case_member.person.full_name for m in meeting.attendees.all()]
        + [user.display_name for user in meeting.staff.all()],
    }


def _rule(rule: PlanRule, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(rule.uuid),
        "plan": f"{rule.plan_version.plan.title}, version {rule.plan_version.number}",
        "adult_words": rule.adult_words,
        "child_words": rule.child_words,
        "how_checked": rule.how_checked,
        "how_often": rule.how_often,
        "responsible": [m.person.full_name for m in rule.responsible_members.all()]
        + [user.display_name for user in rule.responsible_staff.all()],
        "removed_at": text(rule.removed_at),
    }


def _agreement(agreement: PlanAgreement, text: Text) -> dict[str, Any]:
    version = agreement.plan_version
    return {
        "uuid": str(agreement.uuid),
        "plan": f"{version.plan.title}, version {version.number}",
        "agreed_by": _who(agreement.member, agreement.staff),
        "agreed_on": text(agreement.agreed_on),
    }


def _plan_check(check: MonitoringCheck, text: Text) -> dict[str, Any]:
    return {**_check(check, text), "rule": check.rule.adult_words}


def _plan_version(version: PlanVersion, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(version.uuid),
        "title": version.plan.title,
        "kind_label": version.plan.get_kind_display(),
        "number": version.number,
        "status_label": version.get_status_display(),
        "agreed_on": text(version.agreed_on),
        "how_we_know_working": version.how_we_know_working,
        "if_not_working": version.if_not_working,
        "rules": [_rule(rule, text) for rule in version.rules.all()],
        "contacts": [
            {"name": c.name, "number": c.number, "when": c.when} for c in version.contacts.all()
        ],
        "agreements": [_agreement(a, text) for a in version.agreements.all()],
        "checks": [
            _plan_check(check, text) for rule in version.rules.all() for check in rule.checks.all()
        ],
    }


def _pack(pack: FamilyPack, text: Text, flag: Flag) -> dict[str, Any]:
    return {
        "uuid": str(pack.uuid),
        "made_at": text(pack.created_at),
        "made_by": pack.generated_by.display_name if pack.generated_by else "",
        "for": pack.for_person.full_name,
        "large_print": pack.large_print,
        **flag(pack.for_person),
    }


def _referrer(referral: Referral, flag: Flag) -> dict[str, Any]:
    """Who contacted us: a third party, flagged for the redaction review. They are not a
    person on the record, so they are flagged as one held only on this contact."""
    referrer = Person(
        pk=f"referrer:{referral.uuid}",
        first_name=referral.referrer_name or f"The referrer ({referral.referrer_role})",
        phone=referral.referrer_contact,
    )
    return {
        "name": referral.referrer_name,
        "role_or_agency": referral.referrer_role,
        "relationship_label": referral.get_referrer_relationship_display(),
        "contact_details": referral.referrer_contact,
        **flag(referrer),
    }


def _referral(referral: Referral, text: Text, flag: Flag) -> dict[str, Any]:
    return {
        "uuid": str(referral.uuid),
        "received_at": text(referral.received_at),
        "method_label": referral.get_method_display(),
        "contacted_by": _referrer(referral, flag),
        "worries": referral.worries,
        "going_well": referral.going_well,
        "needs_to_happen": referral.needs_to_happen,
        "referrer_scale": referral.referrer_scale,
        "re_referral": referral.is_re_referral,
        "decision_label": referral.get_decision_display(),
        "decision_reason": referral.decision_reason,
        "decided_by": referral.decided_by.display_name if referral.decided_by else "",
        "decided_at": text(referral.decided_at),
    }


def _referrals(case: Case) -> Any:
    """Referrals on the case; on the child's latest case also those that opened none."""
    latest = Case.objects.filter(child_id=case.child_id).order_by("-opened_on", "-id").first()
    about = Q(case=case)
    if latest is not None and latest.pk == case.pk:
        about |= Q(case__isnull=True, child_id=case.child_id)
    return Referral.objects.filter(about).select_related("decided_by").order_by("received_at", "id")


def _number(score: Any) -> str:
    return "" if score is None else str(score)


def _case_supervision(supervision: CaseSupervision, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(supervision.uuid),
        "kind_label": "Case supervision",
        "held_on": text(supervision.held_on),
        "supervisor": supervision.supervisor.display_name,
        "worker": supervision.worker.display_name,
        "discussion": supervision.discussion,
        "worker_scale": _number(supervision.worker_score),
        "worker_reason": supervision.worker_reason,
        "supervisor_scale": _number(supervision.supervisor_score),
        "supervisor_reason": supervision.supervisor_reason,
        "decisions": supervision.decisions,
        "actions": [f"{step.action} ({step.owner})" for step in supervision.actions.all()],
        "next_supervision_on": text(supervision.next_supervision_on),
    }


def _group_supervision(group: GroupSupervision, text: Text) -> dict[str, Any]:
    entries = [entry for entry in group.entries.all() if entry.removed_at is None]
    return {
        "uuid": str(group.uuid),
        "kind_label": "Group supervision",
        "held_on": text(group.held_on),
        "presenting_worker": group.presenting_worker.display_name,
        "facilitator": group.facilitator.display_name,
        "advisor": group.advisor.display_name if group.advisor else "",
        "participants": [user.display_name for user in group.participants.all()],
        "question": group.question,
        "groups_map": [
            {"uuid": str(e.uuid), "part_label": e.get_kind_display(), "text": e.text}
            for e in entries
        ],
        "scales": [
            {
                "uuid": str(s.uuid),
                "who": s.participant.display_name,
                "number": str(s.score),
                "reason": s.reason,
            }
            for s in group.scales.all()
        ],
        "decisions": [
            {"uuid": str(d.uuid), "decided_by": d.decided_by.display_name, "decision": d.decision}
            for d in group.decisions.all()
        ],
        "summary": group.summary,
    }


def _supervision(case: Case, text: Text) -> list[dict[str, Any]]:
    individual = (
        CaseSupervision.objects.filter(case=case)
        .select_related("supervisor", "worker")
        .prefetch_related("actions")
        .order_by("held_on", "id")
    )
    groups = (
        GroupSupervision.objects.filter(case=case)
        .select_related("presenting_worker", "facilitator", "advisor")
        .prefetch_related("participants", "entries", "scales__participant", "decisions__decided_by")
        .order_by("held_on", "id")
    )
    return [_case_supervision(s, text) for s in individual] + [
        _group_supervision(g, text) for g in groups
    ]


def _invited(attendee: MeetingAttendee, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(attendee.uuid),
        "name": attendee.name,
        "role": attendee.role,
        "agency": attendee.agency,
        "email": attendee.email,
        "attendance_label": attendee.get_attendance_display(),
        "report_received": attendee.report_received,
        "removed_at": text(attendee.removed_at),
    }


def _meeting_record(meeting: Meeting, text: Text, flag: Flag) -> dict[str, Any]:
    return {
        "uuid": str(meeting.uuid),
        "kind_label": meeting.get_kind_display(),
        "held_on": text(meeting.held_on),
        "status_label": meeting.get_status_display(),
        "place": meeting.place,
        "chair": meeting.chair.display_name if meeting.chair else "",
        "childs_views": meeting.childs_views,
        "next_meeting_on": text(meeting.next_meeting_on),
        "invited": [
            {**_invited(a, text), **(flag(a.person) if a.person else {})}
            for a in meeting.attendees.all()
        ],
        "actions": [
            {"uuid": str(action.uuid), "action": action.next_step.action,
             "owner": action.next_step.owner, "due_on": text(action.next_step.due_on)}
            for action in meeting.actions.all()
        ],
    }  # fmt: skip


def _invited_to(attendee: MeetingAttendee, text: Text) -> dict[str, Any]:
    meeting = attendee.meeting
    return {
        **_invited(attendee, text),
        "meeting": f"{meeting.get_kind_display()}, {text(meeting.held_on)}",
        "invitations": [
            {"uuid": str(i.uuid), "sent_to": i.sent_to, "sent_at": text(i.created_at)}
            for i in attendee.invitations.all()
        ],
    }


def _attendee(attendee: MeetingAttendee, flag: Flag) -> dict[str, Any]:
    """Who gave a scale or view: family and network flagged for redaction review; people
    from agencies are there in their professional role."""
    found = {"name": attendee.name, "role": attendee.role, "agency": attendee.agency}
    return {**found, **flag(attendee.person)} if attendee.person else found


def _scale(scale: AttendeeScale, text: Text, flag: Flag) -> dict[str, Any]:
    meeting = scale.meeting
    return {
        "uuid": str(scale.uuid),
        "meeting": str(meeting),
        "given_by": _attendee(scale.attendee, flag),
        "danger_statement": scale.danger_statement.statement if scale.danger_statement else "",
        "score": scale.score,
        "reason": scale.reason,
        "shown_at_the_meeting": hasattr(meeting, "reveal"),
        "changes": [
            {
                "uuid": str(change.uuid),
                "changed_at": text(change.created_at),
                "old_score": change.old_score,
                "new_score": change.new_score,
                "old_reason": change.old_reason,
            }
            for change in scale.changes.all()
        ],
    }


def _chronology_entry(entry: ChronologyEntry, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(entry.uuid),
        "happened_on": text(entry.happened_on),
        "category_label": entry.get_category_display(),
        "what_happened": entry.what_happened,
        "significance": entry.significance,
        "recorded_by": entry.recorded_by.display_name,
        "recorded_at": text(entry.created_at),
        "corrects": str(entry.corrects.uuid) if entry.corrects else "",
        "correction_reason": entry.correction_reason,
    }


def _closure(closure: CaseClosure, text: Text) -> dict[str, Any]:
    return {
        "uuid": str(closure.uuid),
        "closed_on": text(closure.closed_on),
        "reason_label": closure.get_reason_display(),
        "census_code": closure.census_code,
        "reason_words": closure.reason_words,
        "closed_by": closure.closed_by.display_name,
        "reopened_on": text(closure.reopened_on),
        "reopen_reason": closure.reopen_reason,
        "reopened_by": closure.reopened_by.display_name if closure.reopened_by else "",
    }


def _chronology(**where: Any) -> Any:
    return (
        ChronologyEntry.objects.filter(**where)
        .select_related("recorded_by", "corrects")
        .order_by("happened_on", "created_at", "id")
    )


def _decision(decision: Decision, text: Text, flag: Flag) -> dict[str, Any]:
    return {
        "uuid": str(decision.uuid),
        "meeting": str(decision.meeting),
        "decision": decision_summary(decision),
        "rationale": decision.rationale,
        "decided_on": text(decision.decided_on),
        "correction_reason": decision.correction_reason,
        "corrected_later": hasattr(decision, "replaced_by"),
        "views": [_view(view, flag) for view in decision.views.all()],
    }


def _view(view: DecisionView, flag: Flag) -> dict[str, Any]:
    return {
        "uuid": str(view.uuid),
        "given_by": _attendee(view.attendee, flag),
        "agrees": view.agrees,
        "words": view.words,
    }


# --- The sections ---------------------------------------------------------------------------


def _scales(**where: Any) -> Any:
    return (
        AttendeeScale.objects.filter(**where)
        .select_related("meeting__reveal", "attendee__person", "danger_statement")
        .prefetch_related("changes")
        .order_by("meeting__held_on", "id")
    )


def _decisions(**where: Any) -> Any:
    return (
        Decision.objects.filter(**where)
        .select_related("meeting", "replaced_by")
        .prefetch_related("outcomes", "views__attendee__person")
        .order_by("meeting__held_on", "id")
    )


def _meeting_outcomes(case: Case, text: Text, flag: Flag) -> dict[str, Any]:
    return {
        "scales": [_scale(scale, text, flag) for scale in _scales(meeting__case=case)],
        "decisions": [_decision(d, text, flag) for d in _decisions(meeting__case=case)],
    }


def _meeting_outcomes_given(membership: CaseMember, text: Text, flag: Flag) -> dict[str, Any]:
    """The scales a person on the case gave at its meetings, and their views of decisions."""
    mine = {"meeting__case": membership.case, "attendee__person": membership.person}
    views = DecisionView.objects.filter(
        decision__meeting__case=membership.case, attendee__person=membership.person
    ).select_related("attendee__person", "decision__meeting")
    return {
        "scales": [_scale(scale, text, flag) for scale in _scales(**mine)],
        "views": [{**_view(view, flag), "meeting": str(view.decision.meeting)} for view in views],
    }


def _sessions(case: Case) -> Any:
    return (
        Session.objects.filter(case=case)
        .select_related("worker")
        .prefetch_related("entries", "drawings__document")
        .order_by("held_on", "id")
    )


def _plan_versions(**where: Any) -> Any:
    return (
        PlanVersion.objects.filter(**where)
        .select_related("plan")
        .prefetch_related(
            "rules__responsible_members__person",
            "rules__responsible_staff",
            "rules__checks__member__person",
            "rules__checks__staff",
            "rules__plan_version__plan",
            "agreements__member__person",
            "agreements__staff",
            "agreements__plan_version__plan",
            "contacts",
        )
        .order_by("plan__number", "number")
    )


def _network(**where: Any) -> Any:
    return (
        NetworkMember.objects.filter(**where)
        .select_related("case_member__person")
        .prefetch_related("roles", "checks")
        .order_by("id")
    )


def _story_versions(**where: Any) -> Any:
    return (
        StoryVersion.objects.filter(**where)
        .select_related("story", "given_by_member__person", "given_by_staff")
        .prefetch_related("authors__member__person", "authors__staff", "panels")
        .distinct()
        .order_by("story_id", "number")
    )


def child_sections(case: Case, text: Text, flag: Flag) -> dict[str, Any]:
    """Everything these apps hold on the case of the child who asked."""
    network = list(_network(case=case))
    return {
        "chronology": [_chronology_entry(entry, text) for entry in _chronology(case=case)],
        "case_closures": [
            _closure(closure, text)
            for closure in case.closures.select_related("closed_by", "reopened_by")
        ],
        "childs_voice": [_session(session, text) for session in _sessions(case)],
        "words_and_pictures": [_story_version(v, text) for v in _story_versions(story__case=case)],
        "safety_network": [
            {**_network_member(m, text), **flag(m.case_member.person)} for m in network
        ],
        "network_meetings": [
            _meeting(meeting, text)
            for meeting in NetworkMeeting.objects.filter(case=case)
            .prefetch_related("attendees__case_member__person", "staff")
            .order_by("held_on", "id")
        ],
        "safety_plans": [_plan_version(v, text) for v in _plan_versions(plan__case=case)],
        "family_packs": [
            _pack(pack, text, flag)
            for pack in FamilyPack.objects.filter(case=case)
            .select_related("for_person", "generated_by")
            .order_by("created_at", "id")
        ],
        "referrals": [_referral(referral, text, flag) for referral in _referrals(case)],
        "supervision": _supervision(case, text),
        "meetings": [
            _meeting_record(meeting, text, flag)
            for meeting in Meeting.objects.filter(case=case)
            .select_related("chair")
            .prefetch_related("attendees__person", "actions__next_step")
            .order_by("held_on", "id")
        ],
        "meeting_outcomes": _meeting_outcomes(case, text, flag),
    }


def member_sections(
    membership: CaseMember, names: Iterable[str], text: Text, flag: Flag
) -> dict[str, Any]:
    """What these apps record about someone on a child's case (a parent, a network member)."""
    case = membership.case
    told = Q()
    for name in names:
        told |= Q(parent_told__icontains=name)
    in_network = list(_network(case_member=membership))
    meetings = NetworkMeeting.objects.filter(attendees__in=in_network).distinct()
    rules = PlanRule.objects.filter(responsible_members=membership).select_related(
        "plan_version__plan"
    )
    named = Q()
    for name in names:
        named |= Q(what_happened__icontains=name) | Q(significance__icontains=name)
    return {
        "chronology_mentions": [
            _chronology_entry(entry, text) for entry in _chronology(case=case).filter(named)
        ]
        if names
        else [],
        "childs_voice_told": [_told(s, text) for s in _sessions(case).filter(told)]
        if names
        else [],
        "words_and_pictures": [
            _story_version(v, text)
            for v in _story_versions(story__case=case).filter(
                Q(authors__member=membership) | Q(given_by_member=membership)
            )
        ],
        "safety_network": [
            {
                **_network_member(m, text),
                "meetings": [
                    _meeting(meeting, text) for meeting in meetings.order_by("held_on", "id")
                ],
            }
            for m in in_network
        ],
        "safety_plans": {
            "responsible_for": [
                _rule(rule, text)
                for rule in rules.prefetch_related(
                    "responsible_members__person", "responsible_staff"
                )
            ],
            "agreements": [
                _agreement(a, text)
                for a in PlanAgreement.objects.filter(member=membership).select_related(
                    "member__person", "staff", "plan_version__plan"
                )
            ],
            "checks": [
                _plan_check(check, text)
                for check in MonitoringCheck.objects.filter(member=membership).select_related(
                    "member__person", "staff", "rule"
                )
            ],
        },
        "family_packs": [
            _pack(pack, text, flag)
            for pack in FamilyPack.objects.filter(case=case, for_person=membership.person)
            .select_related("for_person", "generated_by")
            .order_by("created_at", "id")
        ],
        "meetings": [
            _invited_to(attendee, text)
            for attendee in MeetingAttendee.objects.filter(
                meeting__case=case, person=membership.person
            )
            .select_related("meeting")
            .prefetch_related("invitations")
            .order_by("meeting__held_on", "id")
        ],
        "meeting_outcomes_given": _meeting_outcomes_given(membership, text, flag),
    }


def records(value: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], dict[str, Any]]]:
    """Every record (a dict) in a section, however deep, with its path from the export."""
    if isinstance(value, dict):
        yield path, value
        for key, inner in value.items():
            yield from records(inner, [*path, key])
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from records(inner, [*path, position])


def record_uuids(sections: dict[str, Any]) -> set[uuid.UUID]:
    """The uuid of every record in the sections, so their change history is included."""
    return {uuid.UUID(record["uuid"]) for _, record in records(sections, []) if record.get("uuid")}


# --- In the PDF ---------------------------------------------------------------------------

SECTIONS = {
    "chronology": "Chronology",
    "case_closures": "Closures and reopenings",
    "chronology_mentions": "Chronology entries that name them",
    "childs_voice": "The child’s voice",
    "childs_voice_told": "The child’s voice: sessions they were told about",
    "words_and_pictures": "Words and Pictures",
    "safety_network": "Safety network",
    "network_meetings": "Safety network meetings",
    "safety_plans": "Safety plans",
    "family_packs": "Family packs",
    "referrals": "Contacts and referrals",
    "supervision": "Supervision",
    "meetings": "Meetings",
    "meeting_outcomes": "Meetings: everyone’s scales and the decisions",
    "meeting_outcomes_given": "Meetings: their scales and views of decisions",
}
HIDDEN = {"uuid", "document", "third_party", "redaction_id", "mentions_third_parties"}
# Always a member of staff: their name there is their professional role, not flagged.
STAFF_KEYS = {
    "worker", "made_by", "supervisor", "presenting_worker", "facilitator", "advisor",
    "participants", "who", "decided_by", "recorded_by", "closed_by", "reopened_by",
}  # fmt: skip


def _shown(key: str, value: Any) -> Any:
    """A value as the rest of the PDF shows it: dates in words, Yes or No, lists joined."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if key.endswith("_on"):
        return iso_date(value)
    if key.endswith("_at"):
        return iso_datetime(value)
    return value


def _label(key: str) -> str:
    return key.removesuffix("_label").replace("_", " ").capitalize()


def lines(record: dict[str, Any], depth: int = 0) -> list[dict[str, Any]]:
    """A record as labelled lines for the PDF, nested records indented beneath it: every
    field of the JSON is in the PDF, with no template per kind of record."""
    shown: list[dict[str, Any]] = []
    for key, value in record.items():
        if key in HIDDEN or value in (None, "", []):
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            shown.append({"depth": depth, "label": _label(key), "value": ""})
            for inner in value:
                shown += lines(inner, depth + 1)
        elif isinstance(value, dict):
            shown.append({"depth": depth, "label": _label(key), "value": ""})
            shown += lines(value, depth + 1)
        else:
            shown.append(
                {"depth": depth, "label": _label(key), "value": _shown(key, value),
                 "staff": key in STAFF_KEYS}
            )  # fmt: skip
    return shown


def pdf_sections(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections of one case entry, each record as lines."""
    found = []
    for key, heading in SECTIONS.items():
        value = case.get(key)
        records = (
            list(value.items()) if isinstance(value, dict) else [(None, r) for r in value or []]
        )
        drawn = [
            lines({part: record}) if part else lines(record) for part, record in records if record
        ]
        if drawn:
            found.append({"heading": heading, "records": drawn})
    return found
