"""A claim of an article dated by its month alone, stated so many days after an event ("a week
after the storm"): detection places it that many days after the earliest day other articles report
its metric for its place or its place's family, on the real database, whichever article comes
first."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from claims.models import Claim, Conflict
from tests.claims.test_services_weekdays import detect, stored_claim, when

pytestmark = pytest.mark.django_db

# Spain, the Valencian Community within it, the province of Valencia within that; Andalusia beside it.
SPAIN, REGION, PROVINCE, ANDALUSIA = "iso:ES", "iso:ES-VC", "iso:ES-V", "iso:ES-AN"
WEEK = 7


def dated(value: str, day: str, *, metric: str = "deaths", subject: str = SPAIN) -> Claim:
    return stored_claim(value, date.fromisoformat(day), "day", metric=metric, subject=subject)


def after(value: str, month: str, offset: int = WEEK, *, metric: str = "deaths", subject: str = SPAIN) -> Claim:
    return stored_claim(value, date.fromisoformat(month + "-01"), "month", metric=metric, subject=subject,
                        offset=offset)


def open_between(a: Claim, b: Claim) -> Conflict | None:
    low, high = sorted((a.id, b.id))
    return Conflict.objects.filter(claim_a_id=low, claim_b_id=high, status__in=("open", "in_review")).first()


NOV = (date(2024, 11, 1), "month", date(2024, 11, 1), date(2024, 11, 30), False)
NOV_6 = date(2024, 11, 6)


def test_a_claim_stated_after_an_event_stays_in_its_month_while_no_other_article_reports_the_metric():
    # given a toll "a week after the storm" of an article known to be of November 2024
    toll = after("215", "2024-11")
    # when
    detect(toll)
    # then
    assert when(toll) == NOV


@pytest.mark.parametrize("month_dated_first", [True, False])
def test_the_claim_is_placed_the_stated_days_after_the_first_report_of_its_metric(month_dated_first):
    # given a toll "a week after the storm" of November 2024, the first toll of another outlet on
    # 30 October, and a larger toll of a third on 4 November
    toll = after("215", "2024-11")
    first = dated("62", "2024-10-30")
    larger = dated("217", "2024-11-04")
    # when the articles are compared, in either order
    detect(*((toll, first, larger) if month_dated_first else (first, larger, toll)))
    # then the toll is 6 November's, marked as inferred, and the earlier larger toll conflicts with it
    assert when(toll) == (NOV_6, "day", NOV_6, NOV_6, True)
    assert when(first)[4] is False
    conflict = open_between(toll, larger)
    assert conflict is not None and conflict.kind == "decreasing_count"


@pytest.mark.parametrize("subject", [PROVINCE, SPAIN])
def test_a_report_of_a_place_within_the_claims_or_of_a_place_it_lies_in_dates_the_event(subject):
    toll = after("211", "2024-11", subject=REGION)
    detect(dated("62", "2024-10-30", subject=subject), toll)
    assert when(toll)[0] == NOV_6


@pytest.mark.parametrize(
    "report",
    [
        # a place beside the claim's, another metric, a report before the month before
        {"value": "2", "day": "2024-10-30", "subject": ANDALUSIA},
        {"value": "62", "day": "2024-10-30", "subject": REGION, "metric": "missing"},
        {"value": "9", "day": "2024-09-28", "subject": REGION},
    ],
)
def test_reports_outside_the_claims_metric_place_family_or_window_date_no_event(report):
    toll = after("211", "2024-11", subject=REGION)
    detect(dated(report.pop("value"), report.pop("day"), **report), toll)
    assert when(toll) == NOV


def test_a_day_falling_outside_the_claims_month_leaves_the_month():
    # given a first report on 2 October: a week after it is in October, not November
    toll = after("215", "2024-11")
    detect(dated("3", "2024-10-02"), toll)
    assert when(toll) == NOV


def test_the_earliest_report_dates_the_event_and_an_inferred_day_is_no_report():
    # given two tolls stated a week and three days after the storm; the second is placed from the
    # first report only, never from the first toll's inferred day
    week = after("215", "2024-11")
    detect(dated("95", "2024-10-31"), week)
    three_days = after("150", "2024-11", 3)
    detect(three_days)
    detect(dated("62", "2024-10-30"))
    assert when(week)[0] == NOV_6
    assert when(three_days)[0] == date(2024, 11, 2)


def test_a_vote_is_not_placed_from_the_days_after_an_event():
    vote = after("35", "2022-03", metric="un_votes_abstain", subject="body:un-general-assembly")
    detect(dated("31", "2022-03-02", metric="un_votes_abstain", subject="body:un-general-assembly"), vote)
    assert when(vote)[1] == "month"


@pytest.mark.parametrize("whole_first", [True, False])
def test_a_later_figure_of_a_part_is_not_compared_with_the_placed_whole(whole_first):
    # given a country's toll and a region's missing "a week after the storm" in November 2024,
    # the first reports on 30 October, and a later, larger toll and smaller missing count of a
    # province within them on 14 November
    toll = after("215", "2024-11")
    missing = after("89", "2024-11", metric="missing", subject=REGION)
    first = [dated("62", "2024-10-30"), dated("1900", "2024-10-30", metric="missing", subject=REGION)]
    part_toll = dated("216", "2024-11-14", subject=PROVINCE)
    part_missing = dated("16", "2024-11-14", metric="missing", subject=PROVINCE)
    # when
    order = (toll, missing, part_toll, part_missing, *first) if whole_first else (*first, part_toll, part_missing,
                                                                                   toll, missing)
    detect(*order)
    # then the wholes are 6 November's, and no open conflict ties the later parts to them
    assert when(toll)[0] == NOV_6 and when(missing)[0] == NOV_6
    assert open_between(toll, part_toll) is None
    assert open_between(missing, part_missing) is None
    assert set(missing.places.values_list("time_start", "time_end")) == {(NOV_6, NOV_6)}


def test_the_api_and_the_desk_show_that_the_day_was_inferred(client, reviewer_api):
    toll = after("215", "2024-11")
    detect(dated("62", "2024-10-30"), toll)
    user, api = reviewer_api
    # when
    body = api.get(reverse("api:claim-detail", args=[toll.id])).json()
    # then
    assert (body["as_of"], body["as_of_precision"], body["as_of_offset"], body["as_of_inferred"]) == (
        "2024-11-06", "day", WEEK, True)
    client.force_login(user)
    page = client.get(reverse("desk:claim", args=[toll.id]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "day inferred from “a week after” and other reports" in page
    page = client.get(reverse("desk:claim", args=[toll.id]), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Tag erschlossen aus „eine Woche danach“ und anderen Meldungen" in page


def test_an_earlier_report_arriving_later_moves_the_claim_and_one_too_early_sends_it_back_to_its_month():
    # given a toll placed a week after a first report on 31 October
    toll = after("215", "2024-11")
    detect(dated("95", "2024-10-31"), toll)
    assert when(toll)[0] == date(2024, 11, 7)
    # when a later report of the 4th arrives, then one dated 30 October
    detect(dated("217", "2024-11-04"))
    assert when(toll)[0] == date(2024, 11, 7)
    detect(dated("62", "2024-10-30"))
    # then the event is the 30th's
    assert when(toll)[0] == NOV_6
    # and a report of 2 October puts the event a week before November: the toll is its month's again
    detect(dated("3", "2024-10-02"))
    assert when(toll) == NOV
