"""The upload form. The file's type and size are checked by the service, by reading it."""

from __future__ import annotations

from typing import Any

from django import forms

from safetymap.documents.inspection import human_size
from safetymap.documents.models import DocumentKind
from safetymap.documents.services import upload_max_bytes
from safetymap.govuk.forms import GovukForm
from safetymap.govuk.widgets import GovukRadioSelect

# Offered by the browser's file picker (phones turn their own photo formats into JPG for it);
# the server decides by reading the file whatever the picker allowed.
ACCEPT = "application/pdf,image/jpeg,image/png,image/gif,image/webp,.pdf,.jpg,.jpeg,.png,.gif,.webp"


class DocumentUploadForm(GovukForm):
    file = forms.FileField(
        label="Upload a file",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
        allow_empty_file=True,  # the service gives the message, like every other refusal
    )
    title = forms.CharField(
        label="Title",
        help_text="For example, ‘Drawing of home by Kian’ or ‘Letter from the school’. "
        "Leave it blank to use the file’s name.",
        required=False,
        max_length=200,
    )
    kind = forms.ChoiceField(
        label="What is it?",
        choices=DocumentKind.choices,
        widget=GovukRadioSelect,
        error_messages={"required": "Select what kind of document this is"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF, JPG, PNG, GIF or WebP file, smaller than {human_size(upload_max_bytes())}. "
            "Photos are saved without their location, date and camera details."
        )
