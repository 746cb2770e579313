"""What the desk shows, computed from rows: dates at their precision, highlights, chart geometry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from claims.models import Claim, Review
from claims.presentation import (
    LEFT,
    MIN_BAND_WIDTH,
    OPEN_STUB,
    TOP,
    date_at_precision,
    highlight,
    highlight_all,
    interval,
    judged_reading,
    number,
    outlet_name,
    timeline_chart,
)


@pytest.mark.parametrize("value,precision,shown", [
    (date(2024, 3, 8), "day", "8 March 2024"),
    (date(2023, 12, 1), "month", "December 2023"),
    (date(2023, 1, 1), "year", "2023"),
    (None, "", ""),
])
def test_a_date_is_shown_at_its_precision(value, precision, shown):
    assert date_at_precision(value, precision) == shown


def test_numbers_and_intervals_read_as_a_reviewer_says_them():
    claim = SimpleNamespace(lower=Decimal("19600"), upper=Decimal("20400"))
    assert interval(claim) == "19,600 – 20,400"
    assert interval(SimpleNamespace(lower=Decimal("7000"), upper=None)) == "≥ 7,000"
    assert interval(SimpleNamespace(lower=None, upper=Decimal("30"))) == "≤ 30"
    assert interval(SimpleNamespace(lower=Decimal("47"), upper=Decimal("47.0000"))) == "47"
    assert number(Decimal("1.5000")) == "1.5"


@pytest.mark.parametrize("judged,shown", [
    ({"judged_value": Decimal("20000"), "judged_lower": Decimal("19600"), "judged_upper": Decimal("20400"),
      "judged_qualifier": "approx"}, "Displaced people / gaza: 19,600 – 20,400 people (about 20,000)"),
    ({"judged_value": Decimal("7000"), "judged_lower": Decimal("7000"), "judged_upper": None,
      "judged_qualifier": "more_than"}, "Displaced people / gaza: ≥ 7,000 people (more than)"),
    ({"judged_value": Decimal("47"), "judged_lower": Decimal("47"), "judged_upper": Decimal("47"),
      "judged_qualifier": "exact", "judged_subject": None}, "Displaced people / —: 47 people (exactly)"),
])
def test_a_verdict_shows_the_reading_it_judged_not_its_claims(judged, shown):
    claim = Claim(metric="deaths", subject="valmora", value=Decimal("99999"), lower=Decimal("99999"),
                  upper=Decimal("99999"), qualifier="exact", unit="people")
    review = Review(claim=claim, **{"judged_metric": "displaced", "judged_subject": "gaza", **judged})
    assert judged_reading(review) == shown


def test_the_highlight_marks_the_span_in_its_sentence_and_escapes_everything():
    text = "Title\n\nFirst sentence. <i>Plus de</i> 7000 morts & blessés. Last one."
    start = text.index("7000")
    sentence = "<i>Plus de</i> 7000 morts & blessés."
    assert highlight(text, start, start + 4, sentence) == \
        "&lt;i&gt;Plus de&lt;/i&gt; <mark>7000</mark> morts &amp; blessés."
    # A sentence not found in the text: the span's own sentence, found by punctuation.
    assert highlight(text, start, start + 4, "not there") == \
        "&lt;i&gt;Plus de&lt;/i&gt; <mark>7000</mark> morts &amp; blessés."
    # The stored sentence wins over punctuation: an abbreviation's full stop does not cut it.
    text = "Title\n\nIntro. Officials in St. Valmora said 7000 died. Last."
    start = text.index("7000")
    assert highlight(text, start, start + 4, "Officials in St. Valmora said 7000 died.") == \
        "Officials in St. Valmora said <mark>7000</mark> died."
    assert highlight_all("a 1 b 2", [(2, 3, "x"), (6, 7, "<y>")]) == \
        'a <mark title="x">1</mark> b <mark title="&lt;y&gt;">2</mark>'


def claim(pk, value, start, end=None, lower=None, upper=None, source="A", precision="day"):  # type: ignore[no-untyped-def]
    value = Decimal(value)
    return SimpleNamespace(
        id=pk, value=value, lower=value if lower is None else lower, upper=value if upper is None else upper,
        time_start=start, time_end=end or start, as_of=start, as_of_precision=precision, quote=str(value),
        article=SimpleNamespace(id=pk, source_id=1, source=SimpleNamespace(name=source)),
    )


def test_the_chart_draws_a_month_as_a_span_a_day_at_least_its_minimum_and_an_open_bound_as_a_short_stub():
    month = claim(1, "18000", date(2023, 12, 1), date(2023, 12, 31), upper=None, precision="month")
    month.upper = None
    day = claim(2, "17000", date(2024, 1, 5), source="B")
    conflict = SimpleNamespace(id=9, claim_a_id=1, claim_b_id=2, kind="decreasing_count", status="open")
    chart = timeline_chart([month, day], [conflict], focus=conflict)
    drawn = {band.claim_id: band for band in chart.bands}
    assert drawn[1].spans_days == 31 and drawn[2].spans_days == 1
    # Across five weeks a day is wider than the minimum: the month is 31 days wide.
    assert drawn[2].width >= MIN_BAND_WIDTH
    assert abs(drawn[1].width - 31 * drawn[2].width) < 1
    over_a_year = timeline_chart([claim(4, "1", date(2023, 1, 1)), claim(5, "2", date(2024, 6, 1))])
    assert [band.width for band in over_a_year.bands] == [MIN_BAND_WIDTH, MIN_BAND_WIDTH]
    # "More than 18,000": a stub above 18,000 that fades upwards, with an arrow at its top, not a
    # wall up to the plot's edge.
    assert (drawn[1].open_above, drawn[1].fill) == (True, "url(#fade-up-0072B2)")
    assert drawn[1].height == OPEN_STUB and drawn[1].y > TOP
    assert drawn[1].arrow != "" and drawn[2].arrow == ""
    assert chart.links[0].title == "Conflict 9: A count goes down over time (Open)"
    assert (drawn[1].label, drawn[2].label) == ("A", "B")
    assert [link.focus for link in chart.links] == [True]
    assert [(name, color, shape) for name, color, shape, _ in chart.legend] == [
        ("A", "#0072B2", "circle"), ("B", "#D55E00", "square")]
    assert chart.y_ticks[0] == (chart.plot_bottom, "0") and chart.y_ticks[-1][1] == "30,000"  # headroom for the stub
    assert all(LEFT <= band.x and band.x + band.width <= chart.plot_right for band in chart.bands)


def test_the_chart_leaves_undated_claims_for_the_table():
    undated = claim(3, "5", date(2024, 1, 1))
    undated.time_start = undated.time_end = None
    chart = timeline_chart([undated])
    assert (chart.bands, chart.undated) == ([], [undated])


def test_a_dozen_outlets_each_get_a_colour_and_marker_of_their_own_named_in_the_legend():
    outlets = [f"Outlet {n}" for n in range(12)]
    claims = [claim(n + 1, str(100 + n), date(2024, 1, 1 + n), source=name) for n, name in enumerate(outlets)]
    chart = timeline_chart(claims)
    looks = [(color, shape) for _, color, shape, _ in chart.legend]
    assert [name for name, *_ in chart.legend] == outlets
    assert len(set(looks)) == 12 and len({color for color, _ in looks}) == 12
    assert {band.marker for band in chart.bands} == {"circle", "square", "triangle", "diamond", "triangle-down"}
    assert all(band.marker_path.startswith("M") for band in chart.bands)


def test_an_outlet_without_a_source_is_named_by_its_host_then_its_title():
    def bare(url, title):  # type: ignore[no-untyped-def]
        return SimpleNamespace(article=SimpleNamespace(id=7, source_id=None, source=None, url=url, title=title))

    assert outlet_name(bare("https://www.valmora-post.example/a/1", "Floods")) == "valmora-post.example"
    assert outlet_name(bare("", "Floods in Valmora")) == "Floods in Valmora"
    assert outlet_name(bare("", "")) == "Article 7"
