"""What people read for the project's codes: metrics, units, qualifiers, statuses, ratings, conflict
kinds and resolutions, audit actions, object types and languages, in the reader's language.

Every page, form and message of the desk takes its words from here, so that no code
("deaths_children", "in_review", "start_review", "claims.conflict", "fr") reaches a screen. The
labels are lazy translations (`gettext_lazy`): rendered in the language of the request. A code
without a label (a metric added to vocabulary.toml, an action added to a service) is shown in words
made from the code ("Aid drops" for aid_drops) until it gets one; tests/ui/test_labels.py fails
meanwhile, so that it is not forgotten.

Badges say what is true of a claim or a verdict: "Published: Inaccurate", "Verdict proposed:
Accurate", "Sent back", never a claim status that reads as a verdict before an editor approved it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

METRICS: dict[str, Promise] = {
    "deaths": _("Deaths"),
    "deaths_children": _("Children killed"),
    "deaths_women": _("Women killed"),
    "injured": _("Injured"),
    "missing": _("Missing people"),
    "hostages_held": _("Hostages held"),
    "hostages_released": _("Hostages released"),
    "displaced": _("Displaced people"),
    "detained": _("People detained"),
    "aid_trucks": _("Aid trucks"),
    "un_votes_for": _("Votes in favour"),
    "un_votes_against": _("Votes against"),
    "un_votes_abstain": _("Abstentions"),
    "duration": _("Duration"),
}

UNITS: dict[str, Promise] = {
    "people": _("people"),
    "trucks": _("trucks"),
    "votes": _("votes"),
    "minutes": _("minutes"),
}

QUALIFIERS: dict[str, Promise] = {
    "exact": _("exactly"),
    "approx": _("about"),
    "more_than": _("more than"),
    "at_least": _("at least"),
    "less_than": _("less than"),
    "at_most": _("at most"),
    "range": _("a range"),
}

# A claim's review status (ClaimStatus). The four verdict statuses are a verdict waiting for an
# editor, not a published finding: they read "Verdict proposed" (badges add the rating).
CLAIM_STATUSES: dict[str, Promise] = {
    "unreviewed": _("Not reviewed"),
    "in_review": _("In review"),
    "verified": _("Verdict proposed"),
    "disputed": _("Verdict proposed"),
    "false": _("Verdict proposed"),
    "unverifiable": _("Verdict proposed"),
    "published": _("Published"),
    "not_a_claim": _("Not a claim"),
}

CONFLICT_STATUSES: dict[str, Promise] = {
    "open": pgettext_lazy("conflict status", "Open"),
    "in_review": pgettext_lazy("conflict status", "In review"),
    "resolved": pgettext_lazy("conflict status", "Resolved"),
    "dismissed": pgettext_lazy("conflict status", "Dismissed"),
}

REVIEW_STATUSES: dict[str, Promise] = {
    "submitted": _("Verdict proposed"),
    "published": _("Published"),
    "rejected": _("Sent back"),
    "retracted": _("Retracted"),
}

RATINGS: dict[str, Promise] = {
    "accurate": _("Accurate"),
    "mostly_accurate": _("Mostly accurate"),
    "misleading": _("Misleading"),
    "inaccurate": _("Inaccurate"),
    "unverifiable": _("Unverifiable"),
}

CONFLICT_KINDS: dict[str, Promise] = {
    "value_mismatch": _("The figures do not match"),
    "decreasing_count": _("A count goes down over time"),
    "part_exceeds_whole": _("A part is larger than its whole"),
    "exceeds_body_size": _("More votes than members"),
}

RESOLUTIONS: dict[str, Promise] = {
    "claim_a_holds": _("Claim A holds"),
    "claim_b_holds": _("Claim B holds"),
    "different_dates": _("Both stand: different dates"),
    "different_definitions": _("Both stand: different definitions"),
    "extraction_error": _("Misread by the engine"),
    "source_error": _("Error in a source"),
}

# The audit trail's actions, as the Event rows name them.
ACTIONS: dict[str, Promise] = {
    "activate": _("reactivated the account"),
    "approve": _("approved"),
    "assign": _("assigned"),
    "correct": _("corrected the reading"),
    "correct_verdict": _("corrected the published verdict"),
    "dismiss": _("dismissed"),
    "edit": _("edited the article"),
    "not_a_claim": _("marked as not a claim"),
    "publish": _("published"),
    "reassign": _("reassigned"),
    "reevaluate": _("compared the claims again after a correction"),
    "reject": _("sent back"),
    "rerank": _("lowered its severity after a published verdict"),
    "release": _("put back in the queue"),
    "release_idle": _("returned to the queue after a long idle time"),
    "resolve": _("resolved"),
    "retract": _("retracted the verdict"),
    "role_change": _("changed the role"),
    "send_back": _("sent back for another look"),
    "settle": _("settled by a published verdict"),
    "start_review": _("started the review"),
    "take": _("took it"),
    "take_over": _("took it over"),
    "user_create": _("created the account"),
    "verdict": _("proposed a verdict"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "claims.conflict": _("Conflict"),
    "claims.claim": _("Claim"),
    "claims.review": _("Verdict"),
    "articles.article": _("Article"),
    "auth.user": _("Account"),
    "users.user": _("Account"),
}

SOURCE_KINDS: dict[str, Promise] = {
    "wire_agency": _("Wire agency"),
    "newspaper": _("Newspaper"),
    "broadcaster": _("Broadcaster"),
    "state_media": _("State media"),
    "government": _("Government"),
    "ngo": _("NGO"),
    "un_agency": _("UN agency"),
    "other": _("Other"),
}

NOTIFICATION_KINDS: dict[str, Promise] = {
    "sent_back": _("Verdict sent back"),
    "assigned": _("Conflict assigned to you"),
    "comment": _("New comment"),
    "settled": _("Conflict settled by a published verdict"),
    "text_changed": _("Article text changed"),
}

# The fields a correction changes, as the audit trail lists them.
FIELDS: dict[str, Promise] = {
    "value": _("value"),
    "lower": _("lower bound"),
    "upper": _("upper bound"),
    "metric": _("metric"),
    "subject": _("place"),
    "qualifier": _("qualifier"),
    "rating": _("rating"),
    "rationale": _("rationale"),
    "supported_lower": _("supported from"),
    "supported_upper": _("supported to"),
    "supported_as_of": _("supported as of"),
    "supported_as_of_precision": _("precision of that date"),
}

# The ratings that make a published verdict good or bad news for the claim, for the badge's colour.
_GOOD = {"accurate", "mostly_accurate"}
_BAD = {"inaccurate", "misleading"}


def words_of(code: str | None) -> str:
    """A code nobody labelled yet, as words: "aid_drops" -> "Aid drops"."""
    if not code:
        return ""
    text = code.rsplit(".", 1)[-1].replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _label(table: dict[str, Promise], code: Any) -> str:
    if code is None or code == "":
        return ""
    label = table.get(str(code))
    return str(label) if label is not None else words_of(str(code))


def metric(code: str | None) -> str:
    return _label(METRICS, code)


def unit(code: str | None) -> str:
    label = UNITS.get(code or "")
    return str(label) if label is not None else (code or "")


def qualifier(code: str | None) -> str:
    return _label(QUALIFIERS, code).lower()


def claim_status(code: str | None) -> str:
    return _label(CLAIM_STATUSES, code)


def conflict_status(code: str | None) -> str:
    return _label(CONFLICT_STATUSES, code)


def review_status(code: str | None) -> str:
    return _label(REVIEW_STATUSES, code)


def rating(code: str | None) -> str:
    return _label(RATINGS, code)


def conflict_kind(code: str | None) -> str:
    return _label(CONFLICT_KINDS, code)


def resolution(code: str | None) -> str:
    return _label(RESOLUTIONS, code)


def notification_kind(code: str | None) -> str:
    return _label(NOTIFICATION_KINDS, code)


def action(code: str | None) -> str:
    return _label(ACTIONS, code).lower()


def object_type(code: str | None) -> str:
    return _label(OBJECT_TYPES, code)


def source_kind(code: str | None) -> str:
    return _label(SOURCE_KINDS, code)


def field(code: str | None) -> str:
    return _label(FIELDS, code).lower()


def state(object_kind: str, code: str | None) -> str:
    """A state of the audit trail's object type (an Event's from_state or to_state)."""
    table = {"claims.conflict": CONFLICT_STATUSES, "claims.claim": CLAIM_STATUSES,
             "claims.review": REVIEW_STATUSES}.get(object_kind, {})
    return _label(table, code)


def language(code: str | None, reader: str | None = None) -> str:
    """A language by its name in the reader's language: "fr" -> "French" (English), "Französisch"
    (German), "французский" (Russian). Names come from the CLDR data Babel ships; a code CLDR does
    not know is shown upper-cased."""
    if not code:
        return ""
    reader = (reader or get_language() or "en").replace("-", "_")
    try:
        name = Locale.parse(reader).languages.get(code.split("-")[0].lower())
    except (UnknownLocaleError, ValueError):
        name = None
    if not name:
        return code.upper()
    return name[:1].upper() + name[1:]


def country(code: str | None, reader: str | None = None) -> str:
    """A country by its name in the reader's language (CLDR's, from Babel): "MA" -> "Morocco"."""
    if not code:
        return ""
    reader = (reader or get_language() or "en").replace("-", "_")
    try:
        name = Locale.parse(reader).territories.get(code.upper())
    except (UnknownLocaleError, ValueError):
        name = None
    return name or code.upper()


@dataclass(frozen=True)
class Badge:
    """What a status badge says, and its tone: "good", "bad", "waiting", "neutral" (a CSS class)."""

    text: str
    tone: str


def claim_badge(status: str, verdict_rating: str | None = None, sent_back: bool = False) -> Badge:
    """A claim's badge. `verdict_rating` is the rating of its latest verdict that was not sent back
    (published, or waiting for an editor); `sent_back` says its latest verdict was sent back."""
    if status == "published" and verdict_rating:
        tone = "good" if verdict_rating in _GOOD else "bad" if verdict_rating in _BAD else "neutral"
        return Badge((gettext("Published: %(rating)s") % {"rating": rating(verdict_rating)}), tone)
    if status in ("verified", "disputed", "false", "unverifiable"):
        if verdict_rating:
            return Badge((gettext("Verdict proposed: %(rating)s") % {"rating": rating(verdict_rating)}), "waiting")
        return Badge(claim_status(status), "waiting")
    if status == "in_review" and sent_back:
        return Badge(review_status("rejected"), "attention")
    tone = {"unreviewed": "neutral", "in_review": "attention", "not_a_claim": "muted"}.get(status, "neutral")
    return Badge(claim_status(status), tone)


def review_badge(status: str, verdict_rating: str) -> Badge:
    """A verdict's badge: "Published: Inaccurate", "Verdict proposed: Accurate", "Sent back"."""
    if status == "published":
        tone = "good" if verdict_rating in _GOOD else "bad" if verdict_rating in _BAD else "neutral"
        return Badge((gettext("Published: %(rating)s") % {"rating": rating(verdict_rating)}), tone)
    if status == "submitted":
        return Badge((gettext("Verdict proposed: %(rating)s") % {"rating": rating(verdict_rating)}), "waiting")
    return Badge(review_status(status), "muted")


def conflict_badge(status: str) -> Badge:
    tone = {"open": "attention", "in_review": "waiting", "resolved": "good", "dismissed": "muted"}.get(status, "neutral")
    return Badge(conflict_status(status), tone)


def refusal(object_kind: str, current: str, target: str) -> str:
    """Why a move was refused, in words: 'This conflict is “Resolved”: it cannot become “Dismissed”.'
    One sentence per kind of object, as languages inflect "this" and "it" by the noun's gender."""
    values = {"current": state(object_kind, current), "target": state(object_kind, target)}
    already = values["current"] == values["target"]
    if object_kind == "claims.claim":
        text = (gettext("This claim is already “%(current)s”.") if already
                else gettext("This claim is “%(current)s”: it cannot become “%(target)s”."))
    elif object_kind == "claims.review":
        text = (gettext("This verdict is already “%(current)s”.") if already
                else gettext("This verdict is “%(current)s”: it cannot become “%(target)s”."))
    else:
        text = (gettext("This conflict is already “%(current)s”.") if already
                else gettext("This conflict is “%(current)s”: it cannot become “%(target)s”."))
    return text % values


def choices(table: dict[str, Promise], codes: Any = None) -> list[tuple[str, Promise | str]]:
    """Form choices of these codes (every code of the table by default), each with its label."""
    codes = list(table) if codes is None else list(codes)
    return [(code, table.get(code) or words_of(code)) for code in codes]
