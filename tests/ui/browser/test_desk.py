"""The reviewer's desk in a real browser: the whole flow from the queue to a published verdict,
the keyboard, htmx and no-JavaScript paths, hostile article text, refusals, and screenshots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from claims.models import Claim, Conflict, Review
from claims.services.conflicts import article_detect_conflicts
from tests.ui.conftest import PASSWORD, make_user, toll

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("header .who span")).to_have_text(username)


@pytest.fixture
def samples(roles):  # type: ignore[no-untyped-def]
    """The 19 sample articles, extracted and compared as `make run` does (tasks run in-process)."""
    call_command("ingest", str(SAMPLES), verbosity=0)
    assert Conflict.objects.filter(status="open").count() > 0


def test_a_reviewer_resolves_the_next_conflict_and_an_editor_publishes_the_verdict(
        live_server, page: Page, browser, samples, screenshots):
    make_user("rita", "reviewer")
    make_user("edna", "editor")
    base = live_server.url

    # given: a reviewer on the queue
    log_in(page, base, "rita")
    expect(page.locator("h1")).to_contain_text("Queue")
    waiting = Conflict.objects.filter(status="open").count()
    expect(page.locator("table.queue tbody tr")).to_have_count(waiting)
    page.screenshot(path=str(screenshots / "queue.png"), full_page=True)

    # when: she takes the next conflict
    page.click("#take-next button")
    expect(page).to_have_url(re.compile(r"/conflicts/\d+/$"))
    conflict = Conflict.objects.select_related("claim_a", "claim_b").get(pk=int(page.url.rstrip("/").split("/")[-1]))
    assert (conflict.status, conflict.assignee.username) == ("in_review", "rita")

    # then: both sentences show, in their language, each with its own number marked
    for letter, claim in (("a", conflict.claim_a), ("b", conflict.claim_b)):
        card = page.locator(f"#claim-{letter}")
        expect(card.locator("blockquote.sentence mark")).to_have_text(claim.quote)
        expect(card.locator("blockquote.sentence")).to_have_attribute("lang", claim.language)
    expect(page.locator("svg.chart .band.focus")).to_have_count(2)
    page.screenshot(path=str(screenshots / "conflict.png"), full_page=True)

    # when: she resolves it with a verdict on claim A
    page.check("input[name=resolution][value=claim_a_holds]")
    page.select_option("select[name=a_rating]", "accurate")
    page.fill("textarea[name=a_rationale]", "The later report corrects the earlier one.")
    page.fill("textarea[name=a_evidence]", "https://example.org/report")
    page.click("#resolve-form button[type=submit]")

    # then: the conflict is resolved and the verdict waits for an editor
    expect(page.locator(".messages")).to_contain_text(f"Conflict {conflict.pk} resolved: Claim A holds.")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution) == ("resolved", "claim_a_holds")
    review = Review.objects.get()
    assert (review.claim_id, review.rating, review.status) == (conflict.claim_a_id, "accurate", "submitted")

    # when: an editor approves it (htmx swaps the list in place)
    editor = browser.new_context(viewport={"width": 1360, "height": 900})
    editor_page = editor.new_page()
    log_in(editor_page, base, "edna")
    editor_page.goto(f"{base}/approvals/")
    expect(editor_page.locator(f"#review-{review.pk} blockquote mark")).to_have_text(conflict.claim_a.quote)
    editor_page.click(f"#review-{review.pk} button.primary")
    expect(editor_page.locator("#approvals .messages")).to_contain_text(f"Verdict {review.pk} published.")
    expect(editor_page.locator(f"#review-{review.pk}")).to_have_count(0)

    # then: it is published: in the database, on the published page and in the API
    review.refresh_from_db()
    assert (review.status, review.approved_by.username) == ("published", "edna")
    assert Claim.objects.get(pk=conflict.claim_a_id).review_status == "published"
    editor_page.goto(f"{base}/published/")
    expect(editor_page.locator(f"#published-{review.pk}")).to_contain_text("Accurate")
    api = editor_page.request.get(f"{base}/api/v1/claimreviews/")
    assert api.status == 200
    items = api.json()["results"]
    assert [item["claimReviewed"] for item in items] == [conflict.claim_a.sentence or conflict.claim_a.quote]
    assert items[0]["reviewRating"]["alternateName"] == "Accurate"
    editor.close()


def test_the_timeline_draws_every_source_as_a_band_with_months_as_spans(live_server, page: Page, samples,
                                                                         screenshots):
    make_user("rita", "reviewer")
    # The figure with the most claims: the Valmora death toll across four languages.
    figure_id = max(Claim.objects.exclude(figure=None).values_list("figure_id", flat=True),
                    key=lambda f: Claim.objects.filter(figure_id=f).count())
    conflict = Conflict.objects.filter(figure_id=figure_id).order_by("-severity", "id").first()
    drawn = Claim.objects.filter(figure_id=figure_id).exclude(review_status="not_a_claim")
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    chart = page.locator(f"#timeline-{figure_id} svg.chart")
    expect(chart.locator("g.band")).to_have_count(drawn.filter(time_start__isnull=False).count())
    expect(chart.locator("line.conflict.focus")).to_have_count(1 if conflict.claim_b_id else 0)
    month_claims = drawn.filter(as_of_precision="month")
    for claim in month_claims:
        band = chart.locator(f'g.band[data-claim="{claim.pk}"]')
        expect(band).to_have_attribute("data-days", str((claim.time_end - claim.time_start).days + 1))
    page.locator(f"#timeline-{figure_id} figure").screenshot(path=str(screenshots / "timeline.png"))


def test_a_month_precision_claim_spans_its_month_and_an_open_bound_is_a_short_stub_with_an_arrow(
        live_server, page: Page, roles, screenshots):
    make_user("rita", "reviewer")
    from datetime import date

    december = toll("18000", day="2023-12-01", as_of_precision="month", time_end=date(2023, 12, 31),
                    subject="gaza", upper=None, qualifier="more_than")
    january = toll("17000", day="2024-01-05", subject="gaza")
    article_detect_conflicts(article_id=december.article_id)
    article_detect_conflicts(article_id=january.article_id)
    conflict = Conflict.objects.get(claim_a=december, claim_b=january)
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    expect(page.locator("#claim-a")).to_contain_text("December 2023")
    month = page.locator(f'g.band[data-claim="{december.pk}"]')
    day = page.locator(f'g.band[data-claim="{january.pk}"]')
    expect(month).to_have_attribute("data-open", "above")
    expect(month.locator("polyline.arrow")).to_have_count(1)
    month_box, day_box = month.locator("rect").bounding_box(), day.locator("rect").bounding_box()
    # 31 days against the 6-pixel minimum of a single day; the open band is a stub over its lower
    # bound, far from filling the plot up to its top edge.
    assert month_box["width"] > 4 * day_box["width"]
    grid = page.locator("svg.chart .grid line.axis").bounding_box()
    plot_top = min(line.bounding_box()["y"] for line in page.locator("svg.chart .grid line:not(.v)").all())
    assert month_box["y"] > plot_top + 1 and month_box["height"] < (grid["y"] - plot_top) / 4
    page.locator("section.timeline figure").screenshot(path=str(screenshots / "timeline-open-month.png"))


def test_a_hostile_article_body_shows_as_text_and_never_runs(live_server, page: Page, roles):
    make_user("rita", "reviewer")
    hostile = ('<script>window.pwned = true</script> At least 47 people died '
               '<img src=x onerror="window.pwned = true">.')
    one, two = toll("47", body=hostile), toll("62")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    conflict = Conflict.objects.get(claim_a=one, claim_b=two)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server.url, "rita")
    for url in (f"/conflicts/{conflict.pk}/", f"/claims/{one.pk}/"):
        page.goto(f"{live_server.url}{url}")
        expect(page.locator("blockquote.sentence").first).to_contain_text("<script>window.pwned = true</script>")
        assert page.evaluate("window.pwned") is None
        assert page.locator("blockquote.sentence script, blockquote.sentence img").count() == 0
    assert dialogs == []


def test_the_keyboard_takes_the_next_conflict_and_dismisses_it(live_server, page: Page, roles):
    make_user("rita", "reviewer")
    one, two = toll("47"), toll("62")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    conflict = Conflict.objects.get()
    log_in(page, live_server.url, "rita")
    expect(page.locator("aside.shortcuts")).to_contain_text("take the next conflict")
    page.keyboard.press("n")
    expect(page).to_have_url(f"{live_server.url}/conflicts/{conflict.pk}/")
    page.keyboard.press("r")
    expect(page.locator("#resolve-form input[name=resolution]").first).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("d")
    expect(page.locator("#id_dismiss_note")).to_be_focused()
    page.keyboard.type("Two different floods.")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".messages")).to_contain_text(f"Conflict {conflict.pk} dismissed.")
    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolution_note) == ("dismissed", "")


def test_without_javascript_a_conflict_is_still_taken_and_resolved(live_server, browser, roles):
    make_user("rita", "reviewer")
    one, two = toll("47"), toll("62")
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "rita")
    page.click("#take-next button")
    page.check("input[name=resolution][value=different_dates]")
    page.fill("textarea[name=note]", "Counted on different days.")
    page.click("#resolve-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("resolved: Both stand: different dates")
    conflict = Conflict.objects.get()
    assert (conflict.status, conflict.resolution, conflict.resolution_note) == (
        "resolved", "different_dates", "Counted on different days.")
    context.close()


def test_the_queue_filters_swap_the_results_in_place(live_server, page: Page, roles):
    make_user("rita", "reviewer")
    for value, metric in (("47", "deaths"), ("62", "deaths"), ("30", "injured"), ("90", "injured")):
        claim = toll(value, metric=metric)
        article_detect_conflicts(article_id=claim.article_id)
    log_in(page, live_server.url, "rita")
    expect(page.locator("table.queue tbody tr")).to_have_count(2)
    page.evaluate("document.body.dataset.marker = 'same page'")
    page.select_option("select[name=metric]", "injured")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    expect(page.locator("table.queue tbody tr")).to_contain_text("Injured")
    expect(page).to_have_url(re.compile(r"metric=injured"))
    # The page was not reloaded: htmx swapped only the results.
    assert page.evaluate("document.body.dataset.marker") == "same page"


def test_refusals_are_clear_pages(live_server, page: Page, roles):
    make_user("rita", "reviewer")
    make_user("visitor", None)
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/approvals/")
    expect(page.locator("h1")).to_have_text("Not allowed")
    expect(page.locator("main")).to_contain_text("This page is for editors.")
    page.click("header button.link")
    log_in(page, live_server.url, "visitor")
    expect(page.locator("main")).to_contain_text("This page is for reviewers.")
