"""The desk as readers anywhere get it, in Chromium: on a 390 px phone, in Arabic (right to left),
with badges that say what is true, a timeline of a dozen outlets told apart, and the API docs with
every other host unreachable. Each leaves a screenshot in var/screenshots/."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from claims.models import Conflict
from claims.services.conflicts import article_detect_conflicts
from claims.services.review import claim_review_submit, review_approve, review_reject
from tests.ui.browser.test_desk import log_in
from tests.ui.conftest import conflict_between, make_user, toll

PHONE = {"width": 390, "height": 844}
LONG = ("At least {value} people were killed when the river burst its banks across the northern districts "
        "of Valmora overnight, the regional civil protection office said in a statement on Friday.")


def dozen_outlets() -> Conflict:
    """Twelve outlets' tolls of one figure over twelve days, one of them open-ended ("more than")."""
    first = date(2024, 3, 1)
    claims = []
    for n in range(12):
        value = str(95 - 5 * n)  # a toll that falls: each later report conflicts with the earlier ones
        extra = {"upper": None, "qualifier": "more_than"} if n == 5 else {}
        claims.append(toll(value, (first + timedelta(days=n)).isoformat(), body=LONG.format(value=value), **extra))
    for claim in claims:
        article_detect_conflicts(article_id=claim.article_id)
    return Conflict.objects.order_by("-severity", "id").first()


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px screen"


def test_the_queue_and_a_conflict_fit_a_phone(live_server, browser, roles, screenshots):  # type: ignore[no-untyped-def]
    make_user("rita", "reviewer")
    conflict = dozen_outlets()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, live_server.url, "rita")
    expect(page.locator("table.queue tbody tr").first).to_be_visible()
    no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / "queue-390.png"))

    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    expect(page.locator("#claim-a blockquote mark")).to_be_visible()
    no_sideways_scroll(page)
    # The chart is the table on a phone: every claim of the figure as a readable row.
    table = page.locator(f"#timeline-{conflict.figure_id} details.timeline-table")
    expect(table).to_have_attribute("open", "")
    expect(table.locator("tbody tr")).to_have_count(12)
    page.screenshot(path=str(screenshots / "conflict-390.png"))
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "conflict-390-timeline-table.png"))
    context.close()


def test_an_arabic_reader_gets_the_desk_right_to_left_and_keeps_it(live_server, page: Page, roles, screenshots):  # type: ignore[no-untyped-def]
    make_user("rita", "reviewer")
    conflict = conflict_between("47", "62")
    log_in(page, live_server.url, "rita")
    page.select_option("form.language select", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_contain_text("قائمة الانتظار")
    # Right to left: the brand sits at the right edge of the header.
    box = page.locator("header .brand").bounding_box()
    assert box["x"] > page.viewport_size["width"] / 2
    page.screenshot(path=str(screenshots / "arabic-queue.png"))
    # The choice is remembered on the next page.
    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#claim-a")).to_contain_text("القتلى")
    page.screenshot(path=str(screenshots / "arabic-conflict.png"), full_page=True)


def test_badges_say_what_is_true(live_server, page: Page, roles, screenshots):  # type: ignore[no-untyped-def]
    rita, edna = make_user("rita", "reviewer"), make_user("edna", "editor")
    published, proposed, sent_back = toll("47"), toll("52"), toll("58")
    review_approve(review_id=claim_review_submit(claim_id=published.pk, reviewer=rita, rating="inaccurate",
                                                 rationale="The ministry counts fewer.").pk, editor=edna)
    claim_review_submit(claim_id=proposed.pk, reviewer=rita, rating="accurate", rationale="Matches the ministry.")
    review_reject(review_id=claim_review_submit(claim_id=sent_back.pk, reviewer=rita, rating="misleading",
                                                rationale="Counts one town.").pk, editor=edna, note="Cite it.")
    log_in(page, live_server.url, "edna")
    for claim, badge in ((published, "Published: Inaccurate"), (proposed, "Verdict proposed: Accurate"),
                         (sent_back, "Sent back")):
        page.goto(f"{live_server.url}/claims/{claim.pk}/")
        expect(page.locator("p.summary .status")).to_have_text(badge)
    page.goto(f"{live_server.url}/claims/{published.pk}/")
    page.locator("p.summary").screenshot(path=str(screenshots / "badge-published.png"))
    page.goto(f"{live_server.url}/approvals/")
    expect(page.locator("article.approval h2 .status")).to_have_text("Verdict proposed: Accurate")
    page.goto(f"{live_server.url}/published/")
    expect(page.locator("table.published .status")).to_have_text("Published: Inaccurate")
    page.screenshot(path=str(screenshots / "badges.png"), full_page=True)


def test_a_dozen_outlets_are_told_apart_on_the_timeline(live_server, page: Page, roles, screenshots):  # type: ignore[no-untyped-def]
    make_user("rita", "reviewer")
    conflict = dozen_outlets()
    log_in(page, live_server.url, "rita")
    page.goto(f"{live_server.url}/conflicts/{conflict.pk}/")
    figure = page.locator(f"#timeline-{conflict.figure_id} figure")
    legend = figure.locator("ul.legend li[data-marker]")
    expect(legend).to_have_count(12)
    looks = {(item.get_attribute("data-marker"), item.locator("path").get_attribute("fill")) for item in legend.all()}
    assert len(looks) == 12
    expect(legend.first).to_contain_text("Outlet")
    # The open-ended toll is a short stub, not a wall up to the top of the plot.
    stub = figure.locator('g.band[data-open="above"] rect')
    expect(stub).to_have_count(1)
    assert Decimal(stub.get_attribute("height")) <= 36
    figure.screenshot(path=str(screenshots / "timeline-dozen-outlets.png"))


def test_the_api_docs_load_with_every_other_host_unreachable(live_server, page: Page, screenshots):  # type: ignore[no-untyped-def]
    own = urlsplit(live_server.url).netloc
    refused: list[tuple[str, str]] = []

    def only_our_own(route):  # type: ignore[no-untyped-def]
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            refused.append((route.request.resource_type, route.request.url))
            route.abort()

    page.route("**/*", only_our_own)
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Tally API", timeout=15000)
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.screenshot(path=str(screenshots / "api-docs-offline.png"))
    assert refused == []
    page.goto(f"{live_server.url}/api/v1/redoc/")
    expect(page.locator("h1").first).to_contain_text("Tally API", timeout=15000)
    expect(page.locator("[role=menuitem]").first).to_be_visible()
    page.screenshot(path=str(screenshots / "api-redoc-offline.png"))
    # ReDoc's bundle asks for its own "powered by" logo from its CDN: a decorative image, refused
    # here as on a machine without internet, and nothing else.
    assert all(kind == "image" for kind, _ in refused), refused


def test_a_public_verdict_reads_right_to_left_in_arabic(live_server, browser, roles, screenshots):  # type: ignore[no-untyped-def]
    # given: a published verdict, read by someone with no account whose browser asks for Arabic
    rita, edna = make_user("rita", "reviewer"), make_user("edna", "editor")
    claim = toll("2400", day="2024-02-11", body="At least 2400 families lost their homes in Ostrava Nova, the agency said.")
    review = claim_review_submit(claim_id=claim.pk, reviewer=rita, rating="misleading",
                                 rationale="The agency counts homes, not families.")
    review_approve(review_id=review.pk, editor=edna)
    context = browser.new_context(locale="ar", extra_http_headers={"Accept-Language": "ar"})
    page = context.new_page()
    # when: they open its public page
    page.goto(f"{live_server.url}/verdicts/{review.pk}/")
    # then: the page is Arabic, right to left, its rating and headings in Arabic, the quote kept as written
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_contain_text("تدقيق")
    expect(page.locator("h1")).to_contain_text("مضلل")
    expect(page.locator("#verdict")).to_contain_text("أين ظهر")
    expect(page.locator("blockquote.sentence")).to_contain_text("2400 families")
    heading, quote = page.locator("h1").bounding_box(), page.locator("blockquote.sentence").bounding_box()
    width = page.viewport_size["width"]
    assert heading["x"] + heading["width"] > width / 2  # the heading starts at the right
    assert quote["x"] + quote["width"] > width / 2
    # the ClaimReview embedded in the page stays the same document, in English
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["reviewRating"]["alternateName"] == "Misleading"
    page.screenshot(path=str(screenshots / "verdict-public-arabic.png"), full_page=True)
    context.close()


def test_the_claims_browse_page_fits_a_phone_as_cards(live_server, browser, roles, screenshots):  # type: ignore[no-untyped-def]
    # given: a dozen claims of outlets, one published
    make_user("rita", "reviewer")
    edna = make_user("edna", "editor")
    conflict = dozen_outlets()
    review = claim_review_submit(claim_id=conflict.claim_a_id, reviewer=make_user("rob", "reviewer"),
                                 rating="inaccurate", rationale="A later count is lower.")
    review_approve(review_id=review.pk, editor=edna)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, live_server.url, "rita")
    # when: a reviewer opens the claims on a 390 px phone
    page.goto(f"{live_server.url}/claims/")
    rows = page.locator("table.browse tbody tr")
    expect(rows.first).to_be_visible()
    # then: nothing scrolls sideways, each row is a card whose cells say what they are, and the
    # published claim's badge says its rating
    no_sideways_scroll(page)
    expect(page.locator("table.browse thead")).to_be_hidden()
    cell = rows.first.locator("td[data-label]").nth(1)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == "Sentence"
    expect(page.locator(f"#claim-{conflict.claim_a_id}")).to_contain_text("Published: Inaccurate")
    page.screenshot(path=str(screenshots / "browse-claims-390.png"), full_page=True)
    context.close()
