"""Forms of the reviewer's desk. They check the shape of the input; the rules of the workflow are
the services' (claims.services.review), whose ValidationErrors are shown on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import labels
from claims.models import Claim, Conflict, Review
from claims.places import current_reader_language, subject_name
from claims.presentation import plain_number
from claims.services.comments import MAX_COMMENT_CHARS
from claims.services.review import VerdictInput

RATING_CHOICES = labels.choices(labels.RATINGS, Review.Rating.values)
_LINK = URLValidator(schemes=["http", "https"])


def _links(raw: str) -> list[str]:
    links = [line.strip() for line in raw.splitlines() if line.strip()]
    bad = []
    for link in links:
        try:
            _LINK(link)
        except ValidationError:
            bad.append(link)
    if bad:
        raise ValidationError(_("Evidence links must be web addresses (http or https), one a line: %(links)s.")
                              % {"links": ", ".join(bad)})
    return links


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(required=False, label=gettext_lazy("Kind"), choices=[
        ("", gettext_lazy("Any kind")), *labels.choices(labels.CONFLICT_KINDS, Conflict.Kind.values)])
    metric = forms.ChoiceField(required=False, label=gettext_lazy("Metric"))
    subject = forms.ChoiceField(required=False, label=gettext_lazy("Place"))
    language = forms.ChoiceField(required=False, label=gettext_lazy("Language"))
    status = forms.ChoiceField(required=False, label=gettext_lazy("Status"), choices=[
        ("", gettext_lazy("Any status")), *labels.choices(labels.CONFLICT_STATUSES, Conflict.Status.values)])

    def __init__(self, *args: Any, choices: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = current_reader_language()
        shown = {"metric": labels.metric, "subject": lambda code: subject_name(code, reader) or code,
                 "language": labels.language}
        anything = {"metric": _("Any metric"), "subject": _("Any place"), "language": _("Any language")}
        for name, label in anything.items():
            options = sorted(((value, shown[name](value)) for value in choices[name]), key=lambda pair: pair[1].lower())
            self.fields[name].choices = [("", label), *options]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"status": Conflict.Status.OPEN}
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class VerdictForm(forms.Form):
    rating = forms.ChoiceField(choices=RATING_CHOICES, widget=forms.RadioSelect, label=gettext_lazy("Rating"))
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("Rationale"))
    evidence_links = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://…"}),
        label=gettext_lazy("Evidence links"), help_text=gettext_lazy("One web address a line."),
    )

    def clean_evidence_links(self) -> list[str]:
        return _links(self.cleaned_data.get("evidence_links", ""))


class ConflictResolveForm(forms.Form):
    """Which claim holds (or why both stand), with an optional verdict on each claim."""

    resolution = forms.ChoiceField(widget=forms.RadioSelect, label=gettext_lazy("Resolution"))
    wrong_claim = forms.ChoiceField(
        required=False, widget=forms.RadioSelect, label=gettext_lazy("Claim the engine read wrongly"),
        help_text=gettext_lazy("Only when the engine misread a claim: that claim is marked not a claim."),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("Note"))

    def __init__(self, *args: Any, conflict: Conflict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict = conflict
        self.sides = ["a", "b"] if conflict.claim_b_id else ["a"]
        resolutions = [value for value in Conflict.Resolution.values
                       if conflict.claim_b_id or value != Conflict.Resolution.CLAIM_B_HOLDS]
        self.fields["resolution"].choices = labels.choices(labels.RESOLUTIONS, resolutions)
        self.fields["wrong_claim"].choices = [
            ("", _("Neither")), *((side, _("Claim %(letter)s") % {"letter": side.upper()}) for side in self.sides)]
        for side in self.sides:
            self.fields[f"{side}_rating"] = forms.ChoiceField(
                required=False, choices=[("", _("No verdict")), *RATING_CHOICES],
                label=_("Rating of claim %(letter)s") % {"letter": side.upper()},
            )
            self.fields[f"{side}_rationale"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Rationale"),
            )
            self.fields[f"{side}_evidence"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://…"}),
                label=_("Evidence links"), help_text=_("One web address a line."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for side in self.sides:
            rating, rationale = data.get(f"{side}_rating"), (data.get(f"{side}_rationale") or "").strip()
            if rating and not rationale:
                self.add_error(f"{side}_rationale", _("Say why: a verdict needs a rationale."))
            if rationale and not rating:
                self.add_error(f"{side}_rating", _("Choose a rating for this rationale, or clear it."))
            try:
                data[f"{side}_evidence"] = _links(data.get(f"{side}_evidence") or "")
            except ValidationError as error:
                self.add_error(f"{side}_evidence", error)
        if data.get("resolution") == Conflict.Resolution.EXTRACTION_ERROR and not data.get("wrong_claim"):
            self.add_error("wrong_claim", _("Say which of the two claims the engine read wrongly."))
        return data

    def _claim_id(self, side: str) -> int | None:
        return self.conflict.claim_a_id if side == "a" else self.conflict.claim_b_id

    def verdicts(self) -> list[VerdictInput]:
        return [
            VerdictInput(claim_id=self._claim_id(side), rating=self.cleaned_data[f"{side}_rating"],  # type: ignore[arg-type]
                         rationale=self.cleaned_data[f"{side}_rationale"],
                         evidence_links=self.cleaned_data[f"{side}_evidence"])
            for side in self.sides if self.cleaned_data.get(f"{side}_rating")
        ]

    def wrong_claim_id(self) -> int | None:
        side = self.cleaned_data.get("wrong_claim")
        return self._claim_id(side) if side else None


class NoteForm(forms.Form):
    """A note that must be given: why a conflict is dismissed, why a verdict is sent back."""

    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Note"))


class OptionalNoteForm(forms.Form):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Note"))


class ClaimCorrectForm(forms.Form):
    """What the engine read, as the reviewer says it should be; unchanged fields are not sent."""

    value = forms.DecimalField(required=False, max_digits=20, decimal_places=4, label=gettext_lazy("Value"))
    lower = forms.DecimalField(required=False, max_digits=20, decimal_places=4, label=gettext_lazy("Lower bound"),
                               help_text=gettext_lazy("Empty: no lower bound"))
    upper = forms.DecimalField(required=False, max_digits=20, decimal_places=4, label=gettext_lazy("Upper bound"),
                               help_text=gettext_lazy("Empty: no upper bound"))
    metric = forms.ChoiceField(choices=labels.choices(labels.METRICS), label=gettext_lazy("Metric"))
    subject = forms.CharField(max_length=100, required=False, label=gettext_lazy("Place (its gazetteer id)"))
    qualifier = forms.ChoiceField(choices=labels.choices(labels.QUALIFIERS), label=gettext_lazy("Qualifier"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Note"))

    FIELDS = ("value", "lower", "upper", "metric", "subject", "qualifier")
    NUMBERS = ("value", "lower", "upper")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A metric the labels do not know yet (a reviewer's older correction) stays choosable.
        current = (self.initial.get("metric") or self.data.get("metric") or "")
        if current and current not in labels.METRICS:
            self.fields["metric"].choices = [*self.fields["metric"].choices, (current, labels.metric(current))]

    @classmethod
    def for_claim(cls, claim: Claim) -> ClaimCorrectForm:
        """The form as the claim reads: numbers as written ("57", not the column's "57.0000"), the
        place's id with its name as help."""
        initial = {name: getattr(claim, name) for name in cls.FIELDS}
        initial.update({name: plain_number(getattr(claim, name)) for name in cls.NUMBERS})
        form = cls(initial=initial)
        if claim.subject:
            form.fields["subject"].help_text = _("Now: %(place)s") % {
                "place": subject_name(claim.subject, current_reader_language())}
        return form

    def changes(self, claim: Claim) -> dict[str, Any]:
        def plain(name: str, value: Any) -> Any:
            # A blank text field is the same as no value; a number 0 is a value.
            return value if name in ("value", "lower", "upper") else (value or None)

        return {name: self.cleaned_data[name] for name in self.FIELDS
                if plain(name, self.cleaned_data[name]) != plain(name, getattr(claim, name))}


class AssignForm(forms.Form):
    """An editor gives a conflict to a named reviewer."""

    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=gettext_lazy("Reviewer"),
                                      empty_label=gettext_lazy("Choose a reviewer"))
    note = forms.CharField(required=False, max_length=2000, label=gettext_lazy("Note for the reviewer"),
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reviewers = Q(groups__permissions__codename="change_conflict") | Q(is_superuser=True)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(reviewers, is_active=True).distinct().order_by("username")
        )
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CommentForm(forms.Form):
    body = forms.CharField(label=gettext_lazy("Comment"), max_length=MAX_COMMENT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 3}))
