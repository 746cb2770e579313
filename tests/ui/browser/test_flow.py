"""The desk's provenance, take-next prompt, notifications and refused forms in a real browser, with
screenshots under var/screenshots/."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from articles.models import Source
from claims.models import Conflict
from claims.services.conflicts import article_detect_conflicts
from claims.services.review import claim_review_submit, conflict_assign, review_reject
from tests.articles.factories import SourceFactory
from tests.ui.browser.test_desk import log_in
from tests.ui.conftest import make_user, toll


def _conflict(subject: str = "valmora", first: str = "47", second: str = "62") -> Conflict:
    one, two = toll(first, subject=subject), toll(second, subject=subject)
    article_detect_conflicts(article_id=one.article_id)
    article_detect_conflicts(article_id=two.article_id)
    return Conflict.objects.get(claim_a=one, claim_b=two)


def test_a_conflict_shows_where_each_claim_comes_from_and_opens_its_article(
        live_server, page: Page, roles, screenshots):
    make_user("rita", "reviewer")
    conflict = _conflict()
    named = conflict.claim_a.article
    named.source = SourceFactory(name="Valmora Courier", kind=Source.Kind.NEWSPAPER)
    named.url, named.language = "https://courier.example/floods/1", "en"
    named.save()
    bare = conflict.claim_b.article
    bare.source, bare.url = None, "https://www.lusk-herald.example/a/2"
    bare.save()
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    card_a, card_b = page.locator("#claim-a .provenance"), page.locator("#claim-b .provenance")
    expect(card_a.locator(".outlet")).to_contain_text("Valmora Courier")
    expect(card_a.locator(".address a")).to_have_attribute("href", "https://courier.example/floods/1")
    expect(card_a.locator(".language")).to_have_text("English")
    expect(card_b.locator(".outlet")).to_contain_text("lusk-herald.example")
    expect(page.locator("#claim-b h2")).to_contain_text("lusk-herald.example")
    page.screenshot(path=str(screenshots / "conflict-provenance.png"), full_page=True)
    # when: the whole article is opened from claim A
    card_a.locator("a.in-context").click()
    # then: the claim is marked in its article, in view
    mark = page.locator("mark#claim-in-context")
    expect(mark).to_have_text(conflict.claim_a.quote)
    expect(mark).to_be_in_viewport()
    page.screenshot(path=str(screenshots / "claim-in-context.png"), full_page=True)


def test_take_next_while_holding_asks_first(live_server, page: Page, roles, screenshots):
    make_user("rita", "reviewer")
    _conflict("valmora", "47", "90")
    _conflict("lusk", "47", "49")
    log_in(page, live_server.url, "rita")
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(r"/conflicts/\d+/$"))
    held = Conflict.objects.get(assignee__username="rita")
    # when: she presses n again on the conflict she holds
    page.keyboard.press("n")
    # then: she is asked, with the way back focused
    expect(page).to_have_url(f"{live_server.url}/take-next/held/")
    expect(page.locator("h1")).to_have_text(f"You are holding conflict {held.pk}")
    expect(page.locator("#back-to-held")).to_be_focused()
    page.screenshot(path=str(screenshots / "take-next-prompt.png"), full_page=True)
    assert Conflict.objects.filter(assignee__username="rita").count() == 1
    # when: she releases it and takes the next
    page.click("#release-and-take button")
    expect(page).to_have_url(re.compile(r"/conflicts/\d+/$"))
    now = Conflict.objects.get(assignee__username="rita")
    assert now.pk != held.pk
    assert Conflict.objects.get(pk=held.pk).status == "open"


def test_notifications_reach_the_queue_and_their_list(live_server, page: Page, roles, screenshots):
    rita, edna = make_user("rita", "reviewer"), make_user("edna", "editor")
    assigned = _conflict("valmora")
    other = _conflict("lusk", "30", "45")
    conflict_assign(conflict_id=assigned.pk, assignee=rita, actor=edna, note="You covered the floods.")
    review = claim_review_submit(claim_id=other.claim_a_id, reviewer=rita, rating="accurate", rationale="Bulletin.")
    review_reject(review_id=review.pk, editor=edna, note="Cite the bulletin's date.")
    log_in(page, live_server.url, "rita")
    expect(page.locator("#nav-notifications .badge")).to_have_text("2")
    expect(page.locator(".notices")).to_contain_text("You covered the floods.")
    page.click("#nav-notifications")
    rows = page.locator("ul.notifications li")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Verdict sent back")
    expect(rows.first).to_contain_text("Cite the bulletin's date.")
    page.screenshot(path=str(screenshots / "notifications.png"), full_page=True)
    # when: she opens the assignment
    rows.nth(1).locator("button").click()
    expect(page).to_have_url(f"{live_server.url}/conflicts/{assigned.pk}/")
    expect(page.locator("#nav-notifications .badge")).to_have_text("1")


def test_a_refused_form_shows_its_errors_on_top_focused_and_a_reload_posts_nothing(
        live_server, page: Page, roles, screenshots):
    make_user("rita", "reviewer")
    conflict = _conflict()
    claim = conflict.claim_a
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    page.check("#verdict-form input[name=rating][value=accurate]")
    page.fill("#verdict-form textarea[name=rationale]", "   ")  # passes the browser's check, not the form's
    page.click("#verdict-form button[type=submit]")
    summary = page.locator("#verdict-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Rationale")
    expect(page).to_have_url(f"{live_server.url}/claims/{claim.pk}/")
    page.screenshot(path=str(screenshots / "form-errors.png"), full_page=True)
    requests = []
    page.on("request", lambda request: requests.append(request.method))
    page.reload()
    assert requests and set(requests) == {"GET"}
    expect(page.locator("#verdict-errors")).to_have_count(0)
    assert claim.reviews.count() == 0
