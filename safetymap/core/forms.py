"""Form pieces every app's edit forms share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from safetymap.core.versioning import StaleEditError
from safetymap.govuk.forms import GovukForm

OUT_OF_DATE_PAGE = (
    "This page is out of date. Nothing has been saved. Go back to the case and try again."
)


class VersionedForm(GovukForm):
    """Carries the version of the record the user is editing, so a stale save is refused.

    Pass `versioned=False` to use the same form to create a record (no version yet).
    """

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": OUT_OF_DATE_PAGE,
            "invalid": OUT_OF_DATE_PAGE,
            "min_value": OUT_OF_DATE_PAGE,
        },
    )

    def __init__(self, *args: Any, versioned: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not versioned:
            del self.fields["version"]

    @property
    def expected_version(self) -> int | None:
        value = self.cleaned_data.get("version")
        return int(value) if value else None

    def at_version(
        self,
        version: int,
        message: str,
        make: Callable[..., VersionedForm] | None = None,
        **form_kwargs: Any,
    ) -> VersionedForm:
        """After a refused stale save: the same form, holding what the person typed, moved to
        the version now saved and saying why nothing was saved, so that saving again (after
        reading what the other person wrote) is a deliberate choice that goes through."""
        data = self.data.copy()  # type: ignore[attr-defined]
        data["version"] = str(version)
        moved = (make or type(self))(data, **form_kwargs)
        moved.is_valid()
        moved.add_error(None, message)
        return moved

    def service_values(self) -> dict[str, Any]:
        """The cleaned fields to hand to a service (the version travels separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def save_through(form: forms.Form, action: Callable[[], Any]) -> bool:
    """Run a service for a valid form; True if it saved. A refusal goes on the form so the
    person sees why: a stale save marks the form `stale` (re-offer it with `at_version`)."""
    try:
        action()
    except StaleEditError as error:
        form.add_error(None, error.message)
        form.stale = True  # type: ignore[attr-defined]
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
    else:
        return True
    return False
