"""Forms of the desk's browse pages (claims, articles) and of an editor's changes to a published
verdict. They check the shape of the input; the services decide the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import DatePrecision
from claims import labels
from claims.extraction.compare import vocabulary
from claims.models import ClaimStatus, Review
from claims.presentation import plain_number
from claims.search import CONFIGS, MAX_QUERY_CHARS
from claims.selectors import PROPOSED, PROPOSED_STATUSES


def language_choices() -> list[tuple[str, str]]:
    """The languages full-text search knows, each named in the reader's language, by name."""
    return sorted(((code, labels.language(code)) for code in CONFIGS), key=lambda pair: pair[1].lower())


def metric_choices() -> list[tuple[str, str]]:
    """Every metric of the vocabulary by its label, by label."""
    return sorted(((name, labels.metric(name)) for name in [*vocabulary().metrics, "other"]),
                  key=lambda pair: pair[1].lower())


class BrowseForm(forms.Form):
    """The filters of /claims/ and /articles/. An invalid field is shown with its error and
    filters nothing (never a 500, never a silently different list)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_CHARS,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("words, \"a phrase\", -not")}))
    language = forms.ChoiceField(label=_("Language"), required=False)
    metric = forms.ChoiceField(label=_("Metric"), required=False)
    place = forms.CharField(label=_("Place id"), required=False, max_length=100,
                            widget=forms.TextInput(attrs={"placeholder": "iso:TR"}))
    source = forms.TypedChoiceField(label=_("Source"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Review status"), required=False)

    def __init__(self, *args: Any, sources: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]
        self.fields["metric"].choices = [("", _("Any metric")), *metric_choices()]
        self.fields["source"].choices = [("", _("Any source")), *sources]
        # The four statuses of a verdict waiting for an editor read alike ("Verdict proposed"): one
        # choice stands for them all (claims.selectors.PROPOSED).
        shown = [value for value in ClaimStatus.values if value not in PROPOSED_STATUSES]
        shown.insert(shown.index(ClaimStatus.PUBLISHED), PROPOSED)
        self.fields["status"].choices = [("", _("Any status")), *(
            (value, labels.claim_status(PROPOSED_STATUSES[0] if value == PROPOSED else value)) for value in shown)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", _("The end of the range is before its start."))
        return data

    def filters(self) -> dict[str, Any] | None:
        """The selector's keyword arguments, or None when the form is invalid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return {"query": data["q"].strip(), "language": data["language"], "metric": data["metric"],
                "place": data["place"].strip(), "source": data["source"], "date_from": data["date_from"],
                "date_to": data["date_to"], "status": data["status"]}


class VerdictCorrectionForm(forms.Form):
    """An editor's correction of a published verdict; the note is shown on its public page."""

    rating = forms.ChoiceField(label=_("Rating"), choices=labels.choices(labels.RATINGS, Review.Rating.values))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)
    supported_lower = forms.DecimalField(label=_("Supported from"), required=False, max_digits=20, decimal_places=4)
    supported_upper = forms.DecimalField(label=_("Supported to"), required=False, max_digits=20, decimal_places=4)
    supported_as_of = forms.DateField(label=_("Supported as of"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Correction note (public)"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=5_000)

    @classmethod
    def for_review(cls, review: Review) -> VerdictCorrectionForm:
        return cls(initial={
            "rating": review.rating, "rationale": review.rationale,
            "supported_lower": plain_number(review.supported_lower), "supported_upper": plain_number(review.supported_upper),
            "supported_as_of": review.supported_as_of,
        })

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes = {name: data[name] for name in ("rating", "rationale", "supported_lower", "supported_upper")}
        as_of: date | None = data["supported_as_of"]
        changes["supported_as_of"] = as_of
        changes["supported_as_of_precision"] = DatePrecision.DAY if as_of else ""
        return changes


class RetractForm(forms.Form):
    note = forms.CharField(label=_("Why it is retracted (public)"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=5_000)
