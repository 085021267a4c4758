"""Form pieces every app's edit forms share."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.govuk.forms import GovukForm


class VersionedForm(GovukForm):
    """Carries the version of the record the user is editing, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def expected_version(self) -> int | None:
        value = self.cleaned_data.get("version")
        return int(value) if value else None

    def service_values(self) -> dict[str, Any]:
        """The cleaned fields to hand to a service (the version travels separately)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
