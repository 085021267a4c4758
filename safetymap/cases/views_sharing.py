"""Choosing, item by item, what a partner professional may read of a child's record.

The worker ticks map items, danger statements, safety goals, next steps, the scales and
documents; the choices on offer come from the apps that own them (`registry.register_
shareable`). Every change is an audit event (`services.shared_items_choose`).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from safetymap.accounts.models import User
from safetymap.cases import selectors, services
from safetymap.cases.access import case_page, render_case
from safetymap.cases.forms_sharing import ShareChoiceForm
from safetymap.cases.models import Case, CaseShare
from safetymap.cases.registry import shareable_choices
from safetymap.core.versioning import StaleEditError

STALE_CHOICE = (
    "Someone else changed what is shared with this person while you were choosing. Nothing "
    "has been saved. Each item says what is shared now; check your choices and save again."
)


def _form(share: CaseShare, case: Case, data: object = None) -> ShareChoiceForm:
    current = {
        (item.kind, item.object_uuid): item for item in selectors.current_shared_items(share)
    }
    return ShareChoiceForm(
        data,  # type: ignore[arg-type]
        groups=shareable_choices(case),
        current=current,
        initial={"version": share.version},
    )


@case_page("Choose what to share with a partner professional", edit=True)
def share_choose(request: HttpRequest, case: Case, share_uuid: uuid.UUID) -> HttpResponse:
    share = selectors.get_current_share(case, share_uuid)
    form = _form(share, case, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user: User = request.user  # type: ignore[assignment]
        try:
            services.shared_items_choose(
                actor=user,
                share=share,
                chosen=form.chosen(),
                expected_version=form.expected_version,
            )
        except StaleEditError:
            # Keep the ticks, show what is shared now beside them; saving again is deliberate.
            share.refresh_from_db()
            form = form.at_version(  # type: ignore[assignment]
                share.version, STALE_CHOICE, make=lambda data: _form(share, case, data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"What {share.partner.display_name} can see has been saved.")
            return redirect("cases:sharing", case_uuid=case.uuid)
    return render_case(
        request,
        case,
        "cases/access/share_choose.html",
        {"form": form, "share": share},
        tab="overview",
        status=400 if form.errors else 200,
    )
