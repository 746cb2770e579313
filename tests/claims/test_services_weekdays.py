"""A claim of an article dated by its month alone, stated for a weekday ("on Monday evening"):
detection places it on that weekday of its month nearest the days other articles report its figure
for, on the real database, whichever article comes first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from articles.models import Article, date_interval
from claims.models import Claim, Conflict
from claims.services.conflicts import article_detect_conflicts
from tests.articles.factories import ArticleFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db

MONDAY, WEDNESDAY, THURSDAY = 0, 2, 3


def stored_claim(value: str, as_of: date, precision: str, *, metric: str, subject: str, weekday: int | None = None,
                 offset: int | None = None, article: Article | None = None, start: int = 0) -> Claim:
    """A claim of `value` stored as extraction would, dated by `as_of` to `precision`."""
    article = article or ArticleFactory(published=as_of, published_precision=precision,
                                        status=Article.Status.EXTRACTED)
    first, last = date_interval(as_of, precision)
    number = Decimal(value)
    return ClaimFactory(article=article, metric=metric, subject=subject, value=number, lower=number, upper=number,
                        as_of=first, as_of_precision=precision, time_start=first, time_end=last,
                        as_of_weekday=weekday, as_of_offset=offset, start=start, end=start + 2)


def dated(value: str, day: str, *, metric: str = "deaths", subject: str = "iso:TR", **extra) -> Claim:
    return stored_claim(value, date.fromisoformat(day), "day", metric=metric, subject=subject, **extra)


def of_month(value: str, month: str, weekday: int, *, metric: str = "deaths", subject: str = "iso:TR",
             **extra) -> Claim:
    return stored_claim(value, date.fromisoformat(month + "-01"), "month", metric=metric, subject=subject,
                  weekday=weekday, **extra)


def detect(*claims: Claim) -> None:
    for claim in claims:
        article_detect_conflicts(article_id=claim.article_id)


def when(claim: Claim) -> tuple:
    claim.refresh_from_db()
    return claim.as_of, claim.as_of_precision, claim.time_start, claim.time_end, claim.as_of_inferred


def pair(a: Claim, b: Claim) -> Conflict | None:
    low, high = sorted((a.id, b.id))
    return Conflict.objects.filter(claim_a_id=low, claim_b_id=high).first()


FEB_6 = date(2023, 2, 6)


def test_a_month_dated_toll_stays_in_its_month_while_no_other_article_dates_the_figure():
    # given a toll "on Monday" of an article known to be of February 2023
    monday = of_month("2921", "2023-02", MONDAY)
    # when
    detect(monday)
    # then
    assert when(monday) == (date(2023, 2, 1), "month", date(2023, 2, 1), date(2023, 2, 28), False)


@pytest.mark.parametrize("month_dated_first", [True, False])
def test_a_month_dated_toll_takes_the_monday_of_the_days_others_report_it(month_dated_first):
    # given a toll "on Monday" of February 2023, and a smaller one of another outlet on Tuesday 7
    monday = of_month("2921", "2023-02", MONDAY)
    tuesday = dated("2379", "2023-02-07")
    # when the two articles are compared, in either order
    detect(*((monday, tuesday) if month_dated_first else (tuesday, monday)))
    # then the toll is Monday 6 February's, marked as inferred, and the later smaller toll conflicts
    assert when(monday) == (FEB_6, "day", FEB_6, FEB_6, True)
    assert when(tuesday)[4] is False
    conflict = pair(monday, tuesday)
    assert conflict is not None and conflict.kind == "decreasing_count"


def test_a_toll_of_the_same_monday_by_another_outlet_disagrees_once_placed():
    # given a report dated Monday 6 February by its own text, and a month-dated one "on Monday"
    reported = dated("912", "2023-02-06")
    monday = of_month("2921", "2023-02", MONDAY)
    later = dated("2379", "2023-02-07")
    # when
    detect(reported, monday, later)
    # then
    assert when(monday)[0] == FEB_6
    assert pair(reported, monday).kind == "value_mismatch"


def test_reports_around_two_mondays_alike_leave_the_month():
    # given one other report near Monday 6 and one near Monday 20 February: no single Monday
    monday = of_month("2921", "2023-02", MONDAY)
    detect(dated("2379", "2023-02-07"), dated("5000", "2023-02-19"), monday)
    # then
    assert when(monday)[1:] == ("month", date(2023, 2, 1), date(2023, 2, 28), False)


def test_the_monday_most_reported_around_is_taken():
    monday = of_month("2921", "2023-02", MONDAY)
    detect(dated("2379", "2023-02-07"), dated("3000", "2023-02-08"), dated("5000", "2023-02-19"), monday)
    assert when(monday)[0] == FEB_6


def test_an_inferred_day_is_no_report_for_another_month_dated_claim():
    # given two month-dated tolls on Mondays, and one day-dated report that places the first only
    first = of_month("2921", "2023-02", MONDAY)
    detect(first)
    second = of_month("3100", "2023-02", MONDAY)
    detect(second)
    # when a report near the first Monday arrives, both are placed from it alone
    detect(dated("2379", "2023-02-07"))
    # then
    assert when(first)[0] == FEB_6 and when(second)[0] == FEB_6


VOTE = {"metric": "un_votes_abstain", "subject": "body:un-general-assembly"}


@pytest.mark.parametrize("month_dated_first", [True, False])
def test_a_month_dated_vote_on_a_wednesday_is_the_wednesday_vote_of_its_body(month_dated_first):
    # given a vote reported to the day on Wednesday 2 March 2022, and one "on Wednesday" of an
    # article of March 2022
    reported = dated("31", "2022-03-02", **VOTE)
    wednesday = of_month("35", "2022-03", WEDNESDAY, **VOTE)
    # when
    detect(*((wednesday, reported) if month_dated_first else (reported, wednesday)))
    # then the two are one event, and disagree
    day = date(2022, 3, 2)
    assert when(wednesday) == (day, "day", day, day, True)
    wednesday.refresh_from_db()
    reported.refresh_from_db()
    assert wednesday.figure_id == reported.figure_id
    assert wednesday.figure.event_key == "2022-03-02"
    assert pair(reported, wednesday).kind == "value_mismatch"


def test_a_vote_is_placed_by_another_count_of_the_same_vote():
    # given the day of a vote known from its votes in favour only
    dated("141", "2022-03-02", metric="un_votes_for", subject="body:un-general-assembly")
    wednesday = of_month("35", "2022-03", WEDNESDAY, **VOTE)
    # when
    detect(wednesday)
    # then
    assert when(wednesday)[0] == date(2022, 3, 2)


def test_two_votes_of_one_body_in_one_month_on_different_weekdays_are_never_linked():
    # given votes reported to the day on Wednesday 2 and Thursday 24 March 2022
    on_wednesday = dated("35", "2022-03-02", **VOTE)
    on_thursday = dated("20", "2022-03-24", **VOTE)
    # and month-dated reports of a Thursday vote, a Wednesday vote and a Tuesday vote
    thursday = of_month("20", "2022-03", THURSDAY, **VOTE)
    wednesday = of_month("35", "2022-03", WEDNESDAY, **VOTE)
    tuesday = of_month("58", "2022-03", 1, **VOTE)
    # when
    detect(on_wednesday, on_thursday, thursday, wednesday, tuesday)
    # then each is its weekday's vote, a Tuesday has none, and no vote is compared with the other
    assert when(thursday)[0] == date(2022, 3, 24)
    assert when(wednesday)[0] == date(2022, 3, 2)
    assert when(tuesday)[1] == "month"
    claims = {claim.id: claim for claim in Claim.objects.select_related("figure")}
    assert claims[thursday.id].figure_id == claims[on_thursday.id].figure_id
    assert claims[wednesday.id].figure_id == claims[on_wednesday.id].figure_id
    assert claims[thursday.id].figure_id != claims[wednesday.id].figure_id
    assert claims[tuesday.id].figure_id not in (claims[thursday.id].figure_id, claims[wednesday.id].figure_id)
    assert not Conflict.objects.exists()


@pytest.mark.parametrize("whole_placed_first", [True, False])
def test_a_later_toll_of_a_part_is_not_compared_with_a_month_dated_whole_placed_before_it(whole_placed_first):
    # given a region's toll "on Monday" of an article of November 2024, another outlet's toll of
    # the region on Tuesday 5 November, and a later toll of a province of it on Thursday 14 November
    whole = of_month("215", "2024-11", MONDAY, subject="iso:ES-VC")
    region = dated("211", "2024-11-05", subject="iso:ES-VC")
    part = dated("216", "2024-11-14", subject="iso:ES-V")
    # when the province's toll comes before the region's day-dated toll, or after it
    order = (region, whole, part) if whole_placed_first else (whole, part, region)
    detect(*order)
    # then the whole is Monday 4 November's, and no open conflict ties the later part to it
    day = date(2024, 11, 4)
    assert when(whole) == (day, "day", day, day, True)
    assert not Conflict.objects.filter(claim_a_id__in=(whole.id, part.id), claim_b_id__in=(whole.id, part.id),
                                       status__in=("open", "in_review")).exists()
    assert set(whole.places.values_list("time_start", "time_end")) == {(day, day)}


def test_the_api_and_the_desk_show_that_the_day_was_inferred(client, reviewer_api):
    monday = of_month("2921", "2023-02", MONDAY)
    detect(dated("2379", "2023-02-07"), monday)
    user, api = reviewer_api
    # when
    body = api.get(reverse("api:claim-detail", args=[monday.id])).json()
    # then
    assert (body["as_of"], body["as_of_precision"], body["as_of_weekday"], body["as_of_inferred"]) == (
        "2023-02-06", "day", MONDAY, True)
    client.force_login(user)
    page = client.get(reverse("desk:claim", args=[monday.id]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "day inferred from “Monday” and other reports" in page
