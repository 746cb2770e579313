"""Conflict detection against the database: figures, each kind, idempotence, candidates, re-evaluation."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from claims.models import Conflict, Event, Figure
from claims.services.conflicts import article_detect_conflicts, conflicts_reevaluate
from tests.articles.factories import ArticleFactory, SourceFactory
from tests.claims.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def reviewer(name: str):
    person = get_user_model().objects.create_user(name)
    person.groups.add(Group.objects.get(name="reviewer"))
    return get_user_model().objects.get(pk=person.pk)


def toll(value, day, *, metric="deaths", subject="valmora", article=None, qualifier="exact", start=0, **extra):
    article = article or ArticleFactory(published=date.fromisoformat(day), status=Article.Status.EXTRACTED)
    number = Decimal(value)
    bounds = {"value": number, "lower": number, "upper": number}
    if qualifier == "more_than":
        bounds = {"value": number, "lower": number, "upper": None}
    bounds.update(extra)
    return ClaimFactory(article=article, metric=metric, subject=subject, qualifier=qualifier,
                        as_of=date.fromisoformat(day), start=start, end=start + 2, **bounds)


def test_two_tolls_for_the_same_day_conflict_once():
    # given
    first = toll("47", "2024-03-08")
    second = toll("62", "2024-03-08")
    # when both articles are compared, in either order, twice
    for article in (first.article, second.article, first.article, second.article):
        article_detect_conflicts(article_id=article.id)
    # then
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.claim_a_id, conflict.claim_b_id) == ("value_mismatch", first.id, second.id)
    assert conflict.details["gap"] == "15"
    assert conflict.details["a"]["compared_as"] == ["47", "47"]
    assert conflict.details["tolerance"] == {"approx": "0.1", "rounding": "0.02"}
    assert 0 < conflict.severity <= 1
    figure = Figure.objects.get()
    assert (figure.metric, figure.subject, figure.scope) == ("deaths", "valmora", "series")
    assert conflict.figure == figure
    assert set(figure.claims.values_list("id", flat=True)) == {first.id, second.id}
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}


def test_a_figure_repeated_in_headline_and_body_is_one_statement():
    # given an article that says 47 in its title and again in its body, and another that says 62
    article = ArticleFactory(published=date(2024, 3, 8), status=Article.Status.EXTRACTED)
    title = toll("47", "2024-03-08", article=article, start=0)
    toll("47", "2024-03-08", article=article, start=20)
    other = toll("62", "2024-03-08")
    # when
    for each in (article, other.article):
        article_detect_conflicts(article_id=each.id)
    # then one conflict, with the first mention
    assert list(Conflict.objects.values_list("claim_a_id", "claim_b_id")) == [(title.id, other.id)]


@pytest.mark.parametrize(("precision", "start", "end"), [
    ("month", date(2024, 3, 1), date(2024, 3, 31)),
    ("year", date(2024, 1, 1), date(2024, 12, 31)),
])
def test_claims_dated_by_a_month_or_a_year_are_candidates_for_a_day_inside(precision, start, end):
    # given "more than 100 missing" dated only by March (or 2024), then exactly 40 missing on
    # 15 March: a stock is compared where the times overlap, and only the overlapping lookup,
    # which finds windows by their start, can bring the wide claim in
    wide = toll("100", start.isoformat(), metric="missing", qualifier="more_than", as_of_precision=precision)
    type(wide).objects.filter(id=wide.id).update(time_start=start, time_end=end)
    day = toll("40", "2024-03-15", metric="missing")
    # when
    article_detect_conflicts(article_id=day.article_id)
    # then
    assert list(Conflict.objects.values_list("kind", "claim_a_id", "claim_b_id")) == [
        ("value_mismatch", wide.id, day.id)]


def test_a_rising_toll_is_an_update_and_a_falling_one_a_conflict():
    toll("12", "2024-03-05")
    toll("31", "2024-03-06")
    forty_seven = toll("47", "2024-03-08")
    thirty_nine = toll("39", "2024-03-10")
    for article in Article.objects.all():
        article_detect_conflicts(article_id=article.id)
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.claim_a_id, conflict.claim_b_id) == ("decreasing_count", forty_seven.id, thirty_nine.id)


def test_other_subjects_and_metrics_are_not_compared():
    toll("47", "2024-03-08")
    toll("62", "2024-03-08", subject="gaza-strip")
    toll("62", "2024-03-08", metric="injured")
    other = toll("5", "2024-03-08", metric="other")
    for article in Article.objects.all():
        article_detect_conflicts(article_id=article.id)
    assert Conflict.objects.count() == 0
    other.refresh_from_db()
    assert other.figure is None


def test_a_part_larger_than_its_whole_in_one_article():
    article = ArticleFactory(published=date(2024, 3, 11), status=Article.Status.EXTRACTED)
    whole = toll("52", "2024-03-11", article=article, start=0)
    part = toll("57", "2024-03-11", article=article, start=10, metric="deaths_children", part_of=None)
    article_detect_conflicts(article_id=article.id)
    conflict = Conflict.objects.get()
    assert (conflict.kind, conflict.claim_a_id, conflict.claim_b_id) == ("part_exceeds_whole", whole.id, part.id)
    assert (conflict.details["part"], conflict.details["whole"]) == (part.id, whole.id)


def test_votes_beyond_the_council_are_flagged_alone_and_added_up():
    article = ArticleFactory(published=date(2023, 12, 8), status=Article.Status.EXTRACTED)
    sixteen = toll("16", "2023-12-08", article=article, metric="un_votes_for", subject="un-security-council")
    other = ArticleFactory(published=date(2023, 12, 8), status=Article.Status.EXTRACTED)
    against = toll("3", "2023-12-08", article=other, metric="un_votes_against", subject="un-security-council")
    yes = toll("13", "2023-12-08", article=other, start=5, metric="un_votes_for", subject="un-security-council")
    for _ in range(2):
        article_detect_conflicts(article_id=article.id)
        article_detect_conflicts(article_id=other.id)
    found = sorted(Conflict.objects.values_list("kind", "claim_a_id", "claim_b_id"), key=str)
    assert ("exceeds_body_size", sixteen.id, None) in found
    assert ("value_mismatch", sixteen.id, yes.id) in found
    assert ("exceeds_body_size", against.id, yes.id) in found
    assert len(found) == 3
    assert Figure.objects.get(metric="un_votes_for").event_key == "2023-12-08"


def test_severity_counts_independent_sources_and_not_copies():
    wire = SourceFactory(name="Wire")
    original = ArticleFactory(source=wire, published=date(2024, 3, 8), status=Article.Status.EXTRACTED)
    copies = [ArticleFactory(syndicated_from=original, published=date(2024, 3, 8), status=Article.Status.EXTRACTED)
              for _ in range(3)]
    toll("47", "2024-03-08", article=original)
    for copy in copies:
        toll("47", "2024-03-08", article=copy)
    lone = toll("62", "2024-03-08")
    article_detect_conflicts(article_id=lone.article_id)
    copied = Conflict.objects.filter(claim_b=lone)
    assert copied.count() == 4
    assert {c.details["support"]["a"] for c in copied} == {1}  # one wire story, however many copies
    # an independent outlet agreeing with 47 raises the severity of the conflict with 62
    independent = toll("47", "2024-03-08")
    article_detect_conflicts(article_id=independent.article_id)
    stronger = Conflict.objects.get(claim_a=lone, claim_b=independent)
    assert stronger.details["support"] == {"a": 1, "b": 2}
    assert stronger.severity > copied.first().severity


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_severity_does_not_depend_on_which_article_is_compared_first(order):
    # given two independent outlets saying 47 and a third saying 62, all stored
    claims = [toll("47", "2024-03-08"), toll("47", "2024-03-08"), toll("62", "2024-03-08")]
    # when the articles are compared in this order
    for index in order:
        article_detect_conflicts(article_id=claims[index].article_id)
    # then each 47 is backed by both outlets against the lone 62, whoever went first
    found = {(c.claim_a_id, c.claim_b_id): (c.details["support"], c.severity) for c in Conflict.objects.all()}
    lone = claims[2].id
    assert set(found) == {(claims[0].id, lone), (claims[1].id, lone)}
    assert {str(support) for support, _ in found.values()} == {str({"a": 2, "b": 1})}
    assert len({severity for _, severity in found.values()}) == 1


def _detection_queries(history_days: int, subject: str) -> tuple[int, int]:
    for day in range(1, history_days + 1):
        toll(str(100 + day), f"2024-02-{day:02d}", subject=subject)
        toll(str(day), f"2024-02-{day:02d}", subject=f"elsewhere-{subject}")
    new = toll("90", "2024-03-01", subject=subject)
    with CaptureQueriesContext(connection) as queries:
        article_detect_conflicts(article_id=new.article_id)
    return len(queries), Conflict.objects.filter(claim_b=new, kind="decreasing_count").count()


def test_detection_reads_candidates_not_every_claim():
    """The number of queries does not grow with the claims stored; each is an indexed lookup."""
    short_queries, short_conflicts = _detection_queries(2, "short")
    long_queries, long_conflicts = _detection_queries(28, "long")
    assert (short_conflicts, long_conflicts) == (2, 28)
    assert short_queries == long_queries <= 16


@pytest.mark.parametrize("direction", ["later and smaller", "earlier and larger"])
def test_beyond_the_cap_the_nearest_contradicting_claims_in_time_are_compared(settings, direction):
    # given a toll of 500 on 10 March, contradicted on six other days: smaller tolls after it, or
    # larger ones before it, the farthest in time being the most extreme
    settings.TALLY_DETECTION_CANDIDATES = 3
    if direction == "later and smaller":
        others = {day: toll(str(100 - 10 * day), f"2024-03-{10 + day:02d}") for day in range(1, 7)}
        new = toll("500", "2024-03-10")
    else:
        others = {day: toll(str(500 + 100 * day), f"2024-03-{10 - day:02d}") for day in range(1, 7)}
        new = toll("50", "2024-03-10")
    # when
    article_detect_conflicts(article_id=new.article_id)
    # then it is compared with the three nearest days, not with the three most extreme numbers
    compared = set(Conflict.objects.filter(kind="decreasing_count").values_list("claim_a_id", "claim_b_id"))
    assert compared == {tuple(sorted((new.id, others[day].id))) for day in (1, 2, 3)}


def test_a_pending_article_is_left_for_extraction():
    claim = toll("47", "2024-03-08")
    Article.objects.filter(id=claim.article_id).update(status=Article.Status.PENDING)
    article = article_detect_conflicts(article_id=claim.article_id)
    assert article.status == "pending"
    assert claim.__class__.objects.get(id=claim.id).figure is None


def test_a_corrected_claim_closes_the_conflict_it_no_longer_makes():
    rita = reviewer("rita")
    first, second = toll("47", "2024-03-08"), toll("62", "2024-03-08")
    article_detect_conflicts(article_id=second.article_id)
    conflict = Conflict.objects.get()
    # when a reviewer corrects the second reading to 47
    type(second).objects.filter(id=second.id).update(value=47, lower=47, upper=47)
    outcome = conflicts_reevaluate(claim_ids=[second.id], actor=rita, note="Claim corrected.")
    # then
    conflict.refresh_from_db()
    assert outcome == {"closed": 1, "kept": 0}
    assert (conflict.status, conflict.resolution) == ("resolved", "extraction_error")
    event = Event.objects.get(object_type="claims.conflict", object_id=conflict.id)
    assert (event.action, event.from_state, event.to_state, event.actor) == ("reevaluate", "open", "resolved", rita)
    assert event.note == "Claim corrected. Closed on re-evaluation: the two claims agree."


def test_a_conflict_that_still_holds_is_kept_with_fresh_numbers():
    rita = reviewer("rita")
    toll("47", "2024-03-08")
    second = toll("62", "2024-03-08")
    article_detect_conflicts(article_id=second.article_id)
    type(second).objects.filter(id=second.id).update(value=70, lower=70, upper=70)
    assert conflicts_reevaluate(claim_ids=[second.id], actor=rita) == {"closed": 0, "kept": 1}
    conflict = Conflict.objects.get()
    assert (conflict.status, conflict.details["gap"]) == ("open", "23")
    event = Event.objects.get(object_type="claims.conflict", object_id=conflict.id)
    assert (event.action, event.from_state, event.to_state, event.actor) == ("reevaluate", "open", "open", rita)
    # judged again with nothing changed: no change, no event
    assert conflicts_reevaluate(claim_ids=[second.id], actor=rita) == {"closed": 0, "kept": 1}
    assert Event.objects.filter(object_type="claims.conflict").count() == 1


def test_a_reviewer_cannot_rejudge_a_conflict_another_reviewer_holds():
    rita, rob = reviewer("rita"), reviewer("rob")
    toll("47", "2024-03-08")
    second = toll("62", "2024-03-08")
    article_detect_conflicts(article_id=second.article_id)
    Conflict.objects.update(status=Conflict.Status.IN_REVIEW, assignee=rita)
    type(second).objects.filter(id=second.id).update(value=47, lower=47, upper=47)
    with pytest.raises(PermissionDenied, match="assigned to rita"):
        conflicts_reevaluate(claim_ids=[second.id], actor=rob)
    conflict = Conflict.objects.get()
    assert (conflict.status, conflict.assignee, conflict.resolution) == ("in_review", rita, "")
    assert not Event.objects.exists()


def test_on_postgresql_the_lookups_are_prepared_and_find_what_unprepared_ones_do(settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    if settings.DATABASES["default"]["OPTIONS"].get("prepare_threshold") is None:
        pytest.skip("TALLY_DETECTION_PREPARED is off")
    # given a toll that rises, falls, and has a part larger than it
    for value, day in (("12", "2024-03-05"), ("31", "2024-03-06"), ("47", "2024-03-08"), ("39", "2024-03-10")):
        toll(value, day)
    toll("60", "2024-03-07", metric="deaths_children")

    def detect_all() -> set[tuple]:
        Conflict.objects.all().delete()
        for article in Article.objects.order_by("id"):
            article_detect_conflicts(article_id=article.id)
        return set(Conflict.objects.values_list("kind", "claim_a_id", "claim_b_id", "severity"))

    # when detection runs with prepared lookups, then with the connection's preparing turned off
    prepared = detect_all()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    pg = connection.connection
    threshold, pg.prepare_threshold = pg.prepare_threshold, None
    try:
        unprepared = detect_all()
    finally:
        pg.prepare_threshold = threshold
    # then the candidate lookups were prepared, and found the same conflicts
    assert sum("FROM claims_claim" in statement for statement in statements) >= 3
    assert {kind for kind, *_ in prepared} == {"decreasing_count", "part_exceeds_whole"}
    assert unprepared == prepared


@pytest.mark.django_db(transaction=True)
def test_concurrent_detection_of_two_conflicting_articles_stores_one_conflict():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sessions need PostgreSQL (SQLite serialises writers)")
    first, second = toll("47", "2024-03-08"), toll("62", "2024-03-08")
    barrier = threading.Barrier(2)
    errors = []

    def detect(article_id):
        try:
            barrier.wait(timeout=10)
            article_detect_conflicts(article_id=article_id)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=detect, args=(c.article_id,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert list(Conflict.objects.values_list("claim_a_id", "claim_b_id")) == [(first.id, second.id)]
    assert Figure.objects.count() == 1


def test_the_conflicts_document_writes_numbers_as_django_does():
    # a Decimal in a conflict's numbers is written as its text, as DjangoJSONEncoder would
    from claims.services.conflicts.detection import _insert_conflicts_statement

    row = {"claim_a_id": 2, "claim_b_id": 3, "figure_id": None, "kind": "value_mismatch", "severity": 0.5,
           "sources": 2, "details": {"gap": Decimal("1.50"), "support": {"a": 1, "b": 1}}}
    _, (_, document) = _insert_conflicts_statement([row])
    assert '"gap":"1.50"' in document


def test_a_failing_statement_in_the_pipeline_raises_djangos_error_and_the_connection_goes_on(monkeypatch):
    from django.db import DatabaseError, transaction

    from claims.services.conflicts import lookups

    first, second = toll("47", "2024-03-08"), toll("62", "2024-03-08")
    real = lookups._statement
    # given a lookup whose statement the database refuses
    monkeypatch.setattr(lookups, "_statement", lambda lookup: ("SELECT * FROM no_such_table", []))
    # when
    with pytest.raises(DatabaseError), transaction.atomic():
        article_detect_conflicts(article_id=second.article_id)
    # then nothing was written, and detection on the same connection works again
    assert Conflict.objects.count() == 0
    monkeypatch.setattr(lookups, "_statement", real)
    article_detect_conflicts(article_id=second.article_id)
    assert list(Conflict.objects.values_list("claim_a_id", "claim_b_id")) == [(first.id, second.id)]


# --- places: parts and wholes ----------------------------------------------------------------

def _detect_both(*claims):
    for claim in (*claims, *reversed(claims)):
        article_detect_conflicts(article_id=claim.article_id)


def _found():
    return sorted(Conflict.objects.values_list("kind", "claim_a_id", "claim_b_id"), key=str)


def test_a_province_smaller_than_its_country_is_part_of_it_not_a_mismatch():
    country = toll("5434", "2023-02-07", subject="iso:TR")
    province = toll("1647", "2023-02-07", subject="iso:TR-31")
    earlier_province = toll("1200", "2023-02-06", subject="iso:TR-31")
    _detect_both(country, province, earlier_province)
    assert _found() == []
    # each place is its own figure
    assert Figure.objects.filter(metric="deaths").count() == 2


def test_a_province_larger_than_its_country_at_the_same_time_exceeds_it():
    country = toll("1500", "2023-02-07", subject="iso:TR")
    province = toll("1647", "2023-02-07", subject="iso:TR-31")
    _detect_both(country, province)
    conflict = Conflict.objects.get()
    assert conflict.kind == "part_exceeds_whole"
    assert (conflict.details["part"], conflict.details["whole"]) == (province.id, country.id)


def test_a_toll_of_the_areas_the_opposition_holds_is_no_part_of_its_countrys():
    # the country's toll is its government's, which leaves out the areas the opposition holds
    country = toll("640", "2023-02-07", subject="iso:SY")
    held = toll("655", "2023-02-07", subject="region:northwest-syria")
    _detect_both(country, held)
    assert _found() == []


def test_a_town_larger_than_its_country_reported_later_is_no_conflict_but_earlier_is():
    # a town's 900 on the 10th: the country's 800 of the 9th may have grown since; its 800 of the 12th cannot
    town = toll("900", "2023-09-10", subject="geonames:2542997")
    before = toll("800", "2023-09-09", subject="iso:MA")
    after = toll("800", "2023-09-12", subject="iso:MA")
    _detect_both(town, before, after)
    assert _found() == [("part_exceeds_whole", town.id, after.id)]


def test_a_part_and_its_whole_are_never_a_mismatch_or_a_decrease():
    # a province's count above the country's earlier one, below its later one: no kind at all
    country_early = toll("300", "2023-02-06", subject="iso:TR")
    province = toll("400", "2023-02-08", subject="iso:TR-31")
    country_late = toll("350", "2023-02-09", subject="iso:TR")
    _detect_both(country_early, province, country_late)
    kinds = {kind for kind, *_ in _found()}
    assert "value_mismatch" not in kinds and "decreasing_count" not in kinds
    assert _found() == [("part_exceeds_whole", province.id, country_late.id)]


def test_a_combined_toll_is_its_own_figure_and_the_whole_of_each_country():
    combined = toll("4000", "2023-02-07", subject="iso:SY+iso:TR")
    turkey = toll("4500", "2023-02-07", subject="iso:TR")
    syria = toll("1500", "2023-02-07", subject="iso:SY")
    hatay = toll("4200", "2023-02-07", subject="iso:TR-31")
    _detect_both(combined, turkey, syria, hatay)
    found = set(_found())
    assert ("part_exceeds_whole", combined.id, turkey.id) in found
    assert ("part_exceeds_whole", combined.id, hatay.id) in found
    assert not any(combined.id in pair[1:] and syria.id in pair[1:] for pair in found)
    assert Figure.objects.get(claims=combined).subject == "iso:SY+iso:TR"
    assert Figure.objects.get(claims=turkey) != Figure.objects.get(claims=combined)


def test_places_of_other_countries_are_not_compared():
    toll("100", "2023-02-07", subject="iso:TR")
    other = toll("1647", "2023-02-07", subject="iso:MA-HAO")
    _detect_both(other)
    assert _found() == []


def test_reports_of_one_toll_in_four_languages_share_one_figure():
    claims = [toll("2946", "2023-09-10", subject="iso:MA", language=language) for language in ("fr", "es", "de", "en")]
    _detect_both(*claims)
    assert len({claim.figure_id for claim in type(claims[0]).objects.filter(id__in=[c.id for c in claims])}) == 1
    assert Figure.objects.get().subject == "iso:MA"


def test_a_corrected_part_no_longer_larger_closes_its_part_exceeds_whole():
    rita = reviewer("rita")
    country = toll("1500", "2023-02-07", subject="iso:TR")
    province = toll("1647", "2023-02-07", subject="iso:TR-31")
    _detect_both(country, province)
    conflict = Conflict.objects.get()
    # when the province's reading is corrected and still exceeds, then no longer
    type(province).objects.filter(id=province.id).update(value=1700, lower=1700, upper=1700)
    assert conflicts_reevaluate(claim_ids=[province.id], actor=rita) == {"closed": 0, "kept": 1}
    type(province).objects.filter(id=province.id).update(value=1400, lower=1400, upper=1400)
    assert conflicts_reevaluate(claim_ids=[province.id], actor=rita) == {"closed": 1, "kept": 0}
    conflict.refresh_from_db()
    assert conflict.status == "resolved"


# --- votes: one body, one day ----------------------------------------------------------------

def test_two_votes_of_one_body_on_different_days_never_link_even_with_the_same_tally():
    first = toll("13", "2023-12-08", metric="un_votes_for", subject="body:un-security-council")
    second = toll("13", "2023-12-22", metric="un_votes_for", subject="body:un-security-council")
    other_tally = toll("11", "2023-12-22", metric="un_votes_for", subject="body:un-security-council")
    _detect_both(first, second, other_tally)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.figure_id != second.figure_id
    assert sorted(Figure.objects.filter(metric="un_votes_for").values_list("event_key", flat=True)) == [
        "2023-12-08", "2023-12-22"]
    # the same day, another tally: the one vote disagrees with itself
    assert _found() == [("value_mismatch", second.id, other_tally.id)]


def _month_vote(value, metric, article=None, start=0):
    vote = toll(value, "2022-03-01", metric=metric, subject="body:un-general-assembly", article=article, start=start,
                as_of_precision="month", time_start=date(2022, 3, 1), time_end=date(2022, 3, 31))
    return vote


def test_votes_known_only_to_their_month_are_never_compared_across_articles():
    # given two articles of March naming no day for a vote of one body: there were two votes in
    # that month, or one; their tallies differ and would add up beyond the body's 193 members
    first = _month_vote("35", "un_votes_abstain")
    second = _month_vote("38", "un_votes_abstain")
    for_first = _month_vote("141", "un_votes_for", article=first.article, start=10)
    against_second = _month_vote("60", "un_votes_against", article=second.article, start=10)
    # when
    _detect_both(first, second, for_first, against_second)
    # then no pair is flagged: neither a mismatch nor two sides of different votes added up
    assert _found() == []


def test_a_vote_known_only_to_its_month_is_still_checked_against_its_body_within_its_article():
    article = _month_vote("150", "un_votes_for").article
    against = _month_vote("50", "un_votes_against", article=article, start=10)
    _detect_both(against)
    assert [kind for kind, *_ in _found()] == ["exceeds_body_size"]


def test_a_vote_is_dated_by_its_day_not_by_the_article_that_reports_it():
    article = ArticleFactory(published=date(2023, 12, 23), status=Article.Status.EXTRACTED)
    vote = toll("13", "2023-12-22", article=article, metric="un_votes_for", subject="body:un-security-council")
    article_detect_conflicts(article_id=article.id)
    vote.refresh_from_db()
    assert vote.figure.event_key == "2023-12-22"


def test_votes_beyond_a_body_named_by_its_id_are_flagged():
    sixteen = toll("16", "2023-12-08", metric="un_votes_for", subject="body:un-security-council")
    article_detect_conflicts(article_id=sixteen.article_id)
    assert _found() == [("exceeds_body_size", sixteen.id, None)]


def test_only_an_article_s_first_claims_are_compared(settings):
    # given an article with four different tolls for one town and day, of which 2 may be compared
    settings.TALLY_DETECTION_MAX_CLAIMS = 2
    article = ArticleFactory(published=date(2024, 3, 8), status=Article.Status.EXTRACTED)
    claims = [toll(value, "2024-03-08", article=article, start=10 * n)
              for n, value in enumerate(("10", "20", "30", "40"))]
    # when
    article_detect_conflicts(article_id=article.id)
    # then the first two are compared with every other, the last two not with each other
    pairs = set(Conflict.objects.values_list("claim_a__value", "claim_b__value"))
    assert pairs == {(Decimal(a), Decimal(b)) for a, b in [("10", "20"), ("10", "30"), ("10", "40"), ("20", "30"),
                                                           ("20", "40")]}
    # and all four are in the figure, and the article is done
    assert set(Figure.objects.get().claims.values_list("id", flat=True)) == {claim.id for claim in claims}
    article.refresh_from_db()
    assert article.status == "done"
