"""What the reviewer's pages show, computed from rows: highlighted sentences, dates at their
precision, and the geometry of a Figure's timeline chart.

Everything taken from an article goes through `format_html`, which escapes it: an article body
holding markup is shown as text, never run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from articles.models import DatePrecision
from claims import labels
from claims.models import Claim, Conflict, Review
from claims.places import current_reader_language, subject_name

# How far a sentence is looked for around a span when the stored sentence cannot be found in the
# text (a reviewer-corrected row, an older extractor): about two lines of a page.
_CONTEXT_CHARS = 160


def reader_locale() -> str:
    """The active UI language as a Babel locale: "fr" -> "fr", "en-us" -> "en_US"; plain English is
    written as the desk always wrote it, day before month ("8 March 2024"), as en_GB does."""
    language = (get_language() or "en").replace("-", "_")
    return "en_GB" if language == "en" else language


def date_at_precision(value: date | None, precision: str) -> str:
    """'8 March 2024', 'December 2023' or '2023' in English ('8 mars 2024', 'décembre 2023' in
    French): a month-precision date is a month, not its 1st."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return format_skeleton("yMMMM", value, locale=reader_locale())
    return format_date(value, "long", locale=reader_locale())


def number(value: Decimal | int | None) -> str:
    """18000 -> '18,000' in English ('18 000' in French, '18.000' in German); 1.5 -> '1.5'; as many
    decimals as the value has, none of a stored column's trailing zeros; None -> ''."""
    if value is None:
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return format_decimal(int(value), locale=reader_locale())
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_decimal(value, format="#,##0." + "#" * places, locale=reader_locale())


def plain_number(value: Decimal | int | None) -> str:
    """A number as a form field holds it: '57' for a stored 57.0000, '1.5', no grouping; '' for None."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    return format(value, "f")


def interval(claim: Claim) -> str:
    """The claim's value interval in words a reviewer reads at a glance: '≥ 7,000', '19,600 – 20,400'."""
    return bounds(claim.lower, claim.upper)


def judged_reading(review: Review) -> str:
    """The reading a verdict judged, which its claim may no longer read, in words:
    'deaths / valmora: ≥ 7,000 people (more than)', 'displaced / gaza: 19,600 – 20,400 people
    (approximately 20,000)'. Needs the claim loaded (its unit)."""
    shown = bounds(review.judged_lower, review.judged_upper)
    qualifier = labels.qualifier(review.judged_qualifier)
    if review.judged_value is not None and review.judged_value not in (review.judged_lower, review.judged_upper):
        qualifier = f"{qualifier} {number(review.judged_value)}"
    unit = f" {labels.unit(review.claim.unit)}" if review.claim.unit else ""
    place = subject_name(review.judged_subject, current_reader_language()) or "—"
    return f"{labels.metric(review.judged_metric)} / {place}: {shown}{unit} ({qualifier})"


def bounds(lower: Decimal | None, upper: Decimal | None) -> str:
    """An interval in words: '≥ 7,000', '≤ 40', '19,600 – 20,400', '47'."""
    if lower is None and upper is None:
        return gettext("unbounded")
    if lower is None:
        return f"≤ {number(upper)}"
    if upper is None:
        return f"≥ {number(lower)}"
    if lower == upper:
        return number(lower)
    return f"{number(lower)} – {number(upper)}"


def _sentence_bounds(text: str, start: int, end: int, sentence: str) -> tuple[int, int]:
    if sentence:
        # The nearest occurrence that begins at or before the span and ends at or after it.
        position = text.rfind(sentence, max(0, end - len(sentence)), start + len(sentence))
        if position != -1:
            return position, position + len(sentence)
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = before + 1 if before != -1 and start - before <= _CONTEXT_CHARS else max(0, start - _CONTEXT_CHARS)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops and min(stops) - end <= _CONTEXT_CHARS else min(len(text), end + _CONTEXT_CHARS)
    return left, right


def highlight(text: str, start: int, end: int, sentence: str = "") -> SafeString:
    """The sentence around text[start:end] with that span in <mark>, every part escaped."""
    left, right = _sentence_bounds(text, start, end, sentence)
    return format_html("{}<mark>{}</mark>{}", text[left:start].lstrip(), text[start:end], text[end:right].rstrip())


def highlight_all(text: str, spans: Iterable[tuple[int, int, str]]) -> SafeString:
    """The whole text with each (start, end, title) span in <mark>; overlapping spans are skipped."""
    parts: list[SafeString] = []
    position = 0
    for start, end, title in sorted(spans):
        if start < position:
            continue
        parts.append(format_html("{}<mark title=\"{}\">{}</mark>", text[position:start], title, text[start:end]))
        position = end
    parts.append(format_html("{}", text[position:]))
    return SafeString("".join(parts))


# --- the timeline chart -------------------------------------------------------------------------

# Okabe-Ito, then Paul Tol's muted colours: twelve told apart by readers with the common
# colour-vision deficiencies. Each outlet also gets a marker shape: the n-th outlet has colour
# n mod 12 and shape n mod 5, so no two of the first sixty look alike, in colour or in grey.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733", "#332288",
           "#44AA99", "#999933", "#AA4499")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down")
MARKER_RADIUS = 4.5
# An open bound ("at least 7,000") is drawn as a stub this tall that fades towards the open side,
# with an arrow: running it to the plot's edge drew a wall that hid the closed bands behind it.
OPEN_STUB = 36.0
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 20, 24, 40
# A day is narrower than a pixel on a chart of months: a band is never thinner than this, so a
# day-precision claim stays visible and clickable.
MIN_BAND_WIDTH, MIN_BAND_HEIGHT = 6.0, 4.0


@dataclass(frozen=True)
class Band:
    claim_id: int
    x: float
    y: float
    width: float
    height: float
    color: str
    fill: str
    title: str
    open_above: bool
    open_below: bool
    value_y: float | None
    spans_days: int
    cx: float
    arrow: str
    marker: str = "circle"
    marker_path: str = ""
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass(frozen=True)
class Link:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str
    focus: bool


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    bands: list[Band] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    # (outlet, colour, marker shape, the marker's path drawn around 0,0) per outlet.
    legend: list[tuple[str, str, str, str]] = field(default_factory=list)
    gradients: list[tuple[str, str, bool]] = field(default_factory=list)
    undated: list[Claim] = field(default_factory=list)


def _nice_step(span: float) -> float:
    raw = span / 4 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _x_ticks(first: date, last: date) -> list[date]:
    days = (last - first).days
    if days <= 45:
        step = max(1, days // 6)
        return [first + timedelta(days=n) for n in range(0, days + 1, step)]
    months: list[date] = []
    cursor = date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    if len(months) > 12:
        months = [m for m in months if m.month in (1, 4, 7, 10)]
    return months


def marker_path(shape: str, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """An SVG path of the marker `shape` centred on (x, y)."""
    if shape == "square":
        r *= 0.85
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y + r * 0.8:.1f}L{x - r:.1f},{y + r * 0.8:.1f}z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + r:.1f}L{x + r:.1f},{y - r * 0.8:.1f}L{x - r:.1f},{y - r * 0.8:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r:.1f}L{x + r:.1f},{y:.1f}L{x:.1f},{y + r:.1f}L{x - r:.1f},{y:.1f}z"
    return f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0"


def outlet_name(claim: Claim) -> str:
    """Who published the claim, for a legend: the Source's name, else the host of the article's
    address, else its title (shortened), else "Article 12"."""
    article = claim.article
    if article.source_id and article.source.name:
        return article.source.name
    host = urlsplit(article.url or "").hostname or ""
    if host:
        return host.removeprefix("www.")
    title = (article.title or "").strip()
    if title:
        return title if len(title) <= 40 else title[:39].rstrip() + "…"
    return gettext("Article %(id)s") % {"id": article.id}



def timeline_chart(claims: Sequence[Claim], conflicts: Iterable[Conflict] = (),
                   focus: Conflict | None = None) -> Chart:
    """Every claim as a band from its lower to its upper bound over the days its date can mean.

    An open bound runs to the chart's edge (with a fade and an arrow); a month-precision date spans
    its month; each conflict between two drawn claims is a dashed line between them, the `focus`
    conflict's claims labelled A and B.
    """
    chart = Chart()
    dated = [c for c in claims if c.time_start is not None and c.time_end is not None]
    chart.undated = [c for c in claims if c not in dated]
    if not dated:
        return chart
    first = min(c.time_start for c in dated)
    last = max(c.time_end for c in dated) + timedelta(days=1)
    padding = timedelta(days=max(1, (last - first).days // 20))
    first, last = first - padding, last + padding
    span_days = (last - first).days
    finite = [v for c in dated for v in (c.lower, c.upper, c.value) if v is not None]
    plot_w, plot_h = chart.plot_right - LEFT, chart.plot_bottom - TOP
    top_value = float(max(finite)) if finite else 1.0
    # An open-above band's stub must fit over its lower bound: leave that much headroom.
    open_floors = [float(c.lower) for c in dated if c.upper is None and c.lower is not None]
    if open_floors:
        top_value = max(top_value, max(open_floors) * plot_h / (plot_h - OPEN_STUB) / 1.1)
    step = _nice_step(top_value * 1.1 or 1.0)
    y_max = step * math.ceil(top_value * 1.1 / step) or step

    def x_of(day: date) -> float:
        return LEFT + (day - first).days / span_days * plot_w

    def y_of(value: Decimal | float) -> float:
        return chart.plot_bottom - float(value) / y_max * plot_h

    styles: dict[str, tuple[str, str]] = {}
    for claim in dated:
        n = len(styles)
        styles.setdefault(outlet_name(claim), (PALETTE[n % len(PALETTE)], MARKERS[n % len(MARKERS)]))
    chart.legend = [(name, color, shape, marker_path(shape, 0, 0, 5)) for name, (color, shape) in styles.items()]
    letters = {}
    if focus is not None:
        letters = {focus.claim_a_id: "A", **({focus.claim_b_id: "B"} if focus.claim_b_id else {})}

    centres: dict[int, tuple[float, float]] = {}
    wanted_gradients: set[tuple[str, bool]] = set()
    for claim in dated:
        color, shape = styles[outlet_name(claim)]
        x1, x2 = x_of(claim.time_start), x_of(claim.time_end + timedelta(days=1))
        if x2 - x1 < MIN_BAND_WIDTH:
            middle = (x1 + x2) / 2
            x1, x2 = middle - MIN_BAND_WIDTH / 2, middle + MIN_BAND_WIDTH / 2
        open_above, open_below = claim.upper is None, claim.lower is None
        if open_above and open_below:
            middle = y_of(claim.value) if claim.value is not None else (TOP + chart.plot_bottom) / 2
            y_top, y_bottom = max(float(TOP), middle - OPEN_STUB / 2), min(float(chart.plot_bottom), middle + OPEN_STUB / 2)
        elif open_above:
            y_bottom = y_of(claim.lower)
            y_top = max(float(TOP), y_bottom - OPEN_STUB)
        elif open_below:
            y_top = y_of(claim.upper)
            y_bottom = min(float(chart.plot_bottom), y_top + OPEN_STUB)
        else:
            y_top, y_bottom = y_of(claim.upper), y_of(claim.lower)
        if y_bottom - y_top < MIN_BAND_HEIGHT:
            middle = (y_top + y_bottom) / 2
            y_top, y_bottom = middle - MIN_BAND_HEIGHT / 2, middle + MIN_BAND_HEIGHT / 2
        fill = color
        if open_above or open_below:
            wanted_gradients.add((color, open_above))
            fill = f"url(#fade-{'up' if open_above else 'down'}-{color.lstrip('#')})"
        value_y = y_of(claim.value) if claim.value is not None else None
        cx = (x1 + x2) / 2
        arrow = ""
        if open_above and not open_below:
            arrow = f"{cx - 5:.1f},{y_top + 6:.1f} {cx:.1f},{y_top - 1:.1f} {cx + 5:.1f},{y_top + 6:.1f}"
        elif open_below and not open_above:
            arrow = f"{cx - 5:.1f},{y_bottom - 6:.1f} {cx:.1f},{y_bottom + 1:.1f} {cx + 5:.1f},{y_bottom - 6:.1f}"
        days = (claim.time_end - claim.time_start).days + 1
        when = date_at_precision(claim.as_of, claim.as_of_precision) or date_at_precision(claim.time_start, "day")
        title = f"{outlet_name(claim)}, {when}: {interval(claim)} — “{claim.quote}”"
        marker_y = value_y if value_y is not None else (y_top + y_bottom) / 2
        chart.bands.append(Band(
            claim_id=claim.id, x=round(x1, 1), y=round(y_top, 1), width=round(x2 - x1, 1),
            height=round(y_bottom - y_top, 1), color=color, fill=fill, title=title, open_above=open_above,
            open_below=open_below, value_y=None if value_y is None else round(value_y, 1), spans_days=days,
            cx=round(cx, 1), arrow=arrow, marker=shape, marker_path=marker_path(shape, cx, marker_y), label=letters.get(claim.id, ""), label_x=round(x2 + 4, 1),
            label_y=round(value_y if value_y is not None else (y_top + y_bottom) / 2, 1),
        ))
        centres[claim.id] = ((x1 + x2) / 2, value_y if value_y is not None else (y_top + y_bottom) / 2)
    chart.gradients = sorted((color, f"fade-{'up' if up else 'down'}-{color.lstrip('#')}", up)
                             for color, up in wanted_gradients)

    for conflict in conflicts:
        if conflict.claim_a_id in centres and conflict.claim_b_id in centres:
            (ax, ay), (bx, by) = centres[conflict.claim_a_id], centres[conflict.claim_b_id]
            chart.links.append(Link(
                x1=round(ax, 1), y1=round(ay, 1), x2=round(bx, 1), y2=round(by, 1),
                title=gettext("Conflict %(id)s: %(kind)s (%(status)s)") % {
                    "id": conflict.id, "kind": labels.conflict_kind(conflict.kind),
                    "status": labels.conflict_status(conflict.status)},
                focus=focus is not None and conflict.id == focus.id,
            ))

    value = 0.0
    while value <= y_max + step / 2:
        chart.y_ticks.append((round(y_of(value), 1), number(Decimal(str(value)).normalize())))
        value += step
    ticks = _x_ticks(first, last)
    short = span_days <= 60
    chart.x_ticks = [(round(x_of(day), 1), format_date(day, "d MMM" if short else "MMM y", locale=reader_locale()))
                     for day in ticks]
    return chart
