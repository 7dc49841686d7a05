"""Forms of the registry pages: input validated here, written by services."""

from django import forms

from tuyengiao.documents.models import Document


class DocumentEditForm(forms.Form):
    summary = forms.CharField(
        label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    date = forms.DateField(
        label="Ngày ban hành", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label="Hiệu lực", choices=Document.Status.choices)


def instance_values(document: Document) -> dict:
    return {"summary": document.summary, "date": document.date, "status": document.status}
