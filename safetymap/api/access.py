"""The API's door to a case: the same rules as the pages (`cases.access.case_page`).

- A case the user has no relationship to is 404, whether or not it exists.
- Every read of a child's record is recorded as an access event.
- A user who may read a case but not change it gets 403 on any write.
"""

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from pydantic import Field

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.cases.policies import Basis, access_basis, can_edit_case, shared_page_allowed
from safetymap.cases.selectors import get_visible_case
from safetymap.cases.services import case_record_list_view, case_record_view

READ_ONLY = "You can read this case but not change it."
CLOSED = "This case is closed, so it cannot be changed."

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def user_of(request: HttpRequest) -> User:
    """The signed-in user (`django_auth` has already refused anyone else with 401)."""
    user: User = request.auth  # type: ignore[attr-defined]
    return user


def case_to_read(
    request: HttpRequest, case_uuid: UUID, what: str, *, page: str | None = None
) -> Case:
    """The case, with this read recorded; 404 if the user has no relationship to it.

    `page` names the case page showing the same thing (e.g. "words_pictures:list"): a
    partner the case is shared with reads it only if their share opens that page."""
    user = user_of(request)
    case = get_visible_case(user, case_uuid)
    basis = access_basis(user, case)
    if page is not None and basis == Basis.SHARED and not shared_page_allowed(page):
        raise Http404("This is not shared with you")
    case_record_view(actor=user, case=case, what=f"API: {what}", basis=basis)
    return case


def case_to_change(request: HttpRequest, case_uuid: UUID) -> Case:
    """The case, if the user may change it: 404 if unrelated, 403 if they may only read it.

    Writes are recorded by the services as audit events, so no access event is added here:
    a refused write leaves no trace in the record.
    """
    user = user_of(request)
    case = get_visible_case(user, case_uuid)
    if not can_edit_case(user, case):
        raise HttpError(403, CLOSED if case.closed_on else READ_ONLY)
    return case


def record_list_access(user: User, cases: Iterable[Case], what: str) -> None:
    """One access event per child in a list, in a fixed number of queries."""
    cases = list(cases)
    if not cases:
        return
    case_record_list_view(actor=user, cases=cases, what=f"API: {what}")


# No list is anywhere near this long; a bound keeps the database OFFSET from overflowing.
MAX_PAGE = 1_000_000


class BoundedPageInput(PageNumberPagination.Input):
    page: int = Field(1, ge=1, le=MAX_PAGE)


class RecordedCasePages(PageNumberPagination):
    """Pages of cases (page size 50, at most 100) with an access event for each case shown.

    `present` turns each case on the page into what the response schema expects.
    """

    Input = BoundedPageInput

    def __init__(self, *, what: str, present: Callable[[Case], Any], **kwargs: Any) -> None:
        self.what = what
        self.present = present
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        shown = list(result[self.items_attribute])
        record_list_access(user_of(request), shown, self.what)
        result[self.items_attribute] = [self.present(case) for case in shown]
        return result


class Pages(PageNumberPagination):
    """Ordinary pages (page size 50, at most 100) for lists inside one case."""

    Input = BoundedPageInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
