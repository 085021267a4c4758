"""What the demo school partner sees of the shared record: what a worker would really share
with a school's designated safeguarding lead. The danger statements, the safety goals and
the next steps (what the school is asked to watch for and help with) and the school's own
report; not the harm details, the complicating factors or the scales."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from safetymap.accounts.models import User
from safetymap.cases import services
from safetymap.cases.models import Case, CaseShare, SharedKind
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import document_upload

SCHOOL_REPORT = """
<html><body style="font-family: sans-serif">
<h1>Eastbrook Primary School</h1>
<h2>Attendance and wellbeing report, autumn term</h2>
<p>Pupil: {name}. Prepared for the core group by the designated safeguarding lead.</p>
<p>Attendance this term is 91%, up from 84% last term. Late marks have stopped since
{name} started coming to breakfast club.</p>
<p>{name} is settled in class and has told the class teacher: "I like it when Nan picks me
up because we go to the park."</p>
<p>On two Mondays {name} arrived tired and hungry and said there had been "shouting at home
again". We told the social worker the same day.</p>
</body></html>
"""


def _school_report(actor: User, case: Case) -> SimpleUploadedFile:
    import weasyprint  # only the demo makes documents from HTML; imported when seeding

    html = SCHOOL_REPORT.format(name=case.child.name_used)
    pdf = weasyprint.HTML(string=html).write_pdf()
    return SimpleUploadedFile("school-report.pdf", pdf, content_type="application/pdf")


def share_with_school(*, actor: User, share: CaseShare) -> None:
    """Upload the school's report to the case and share it, the statements, goals and next
    steps with the partner (through the audited services, as a worker would)."""
    case = share.case
    report = document_upload(
        actor=actor,
        case=case,
        title="School report, autumn term",
        kind=DocumentKind.REPORT,
        uploaded_file=_school_report(actor, case),
    )
    chosen = {(SharedKind.DOCUMENT, report.uuid)}
    for kind, rows in (
        (SharedKind.DANGER_STATEMENT, case.danger_statements),
        (SharedKind.SAFETY_GOAL, case.safety_goals),
        (SharedKind.NEXT_STEP, case.next_steps),
    ):
        chosen |= {
            (kind, row_uuid)
            for row_uuid in rows.filter(removed_at__isnull=True).values_list("uuid", flat=True)
        }
    services.shared_items_choose(
        actor=actor, share=share, chosen=chosen, expected_version=share.version
    )
