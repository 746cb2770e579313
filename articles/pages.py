"""Reading an article out of a web page: the main text by trafilatura, the title, date and
language from the page's own metadata where it has them.

Pure functions: no database, no network.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import lxml.html
import trafilatura

from articles.parsing import ArticleInput, IngestError, parse_date, url_host

_LANGUAGE_TAG = re.compile(r"^\s*([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)*\s*$")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Fewer words than this is a login wall, an index or an error page, not an article: the shortest
# wire briefs run to a few dozen words.
MIN_BODY_WORDS = 15

# Only the dates the page states (meta tags, JSON-LD, time elements, the URL): a date guessed from
# the text ("7 October") or today's date would invent a publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _page_language(tree: lxml.html.HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath("//meta[translate(@http-equiv,'CONTENTLANGUAGE','contentlanguage')"
                             "='content-language']/@content")
    candidates += tree.xpath("//meta[@property='og:locale']/@content")
    for value in candidates:
        match = _LANGUAGE_TAG.match(value or "")
        if match:
            return match.group(1).lower()
    return None


def _canonical(tree: lxml.html.HtmlElement, fetched_url: str | None) -> str | None:
    """The page's rel=canonical when it names the same host; otherwise the URL it was fetched from.

    A syndicated copy often declares the original as canonical: taking that would merge two
    outlets' pages into one row and lose the copy's outlet.
    """
    links = tree.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    if links and fetched_url and url_host(links[0]) == url_host(fetched_url):
        return links[0].strip()
    return fetched_url


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_html(data: bytes, content_type: str = "") -> str:
    """The page's text: the charset of the HTTP header, else of a <meta> tag, else UTF-8, else
    Windows-1252 (what browsers assume for an unlabelled Western page)."""
    candidates = []
    header = _HEADER_CHARSET.search(content_type)
    if header:
        candidates.append(header.group(1))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for encoding in [*candidates, "utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def parse_html(
    data: bytes | str, *, url: str | None = None, source: str | None = None, origin: str = "",
    path: str | None = None, content_type: str = "",
) -> ArticleInput:
    """The article in an HTML page, or an IngestError when the page has no article text.

    `url` is where the page was fetched (None for a file on disk); its host stands in for a
    missing `source`.
    """
    where = path or url or "<html>"
    text = decode_html(data, content_type) if isinstance(data, bytes) else data
    # lxml refuses a str that declares its encoding (<?xml ... encoding=...?>): drop the declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        tree = lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError) as error:
        raise IngestError(f"HTML that does not parse: {error}", path=where) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        document = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    if document is None or not (document.text or "").strip():
        raise IngestError("no article text found in the page", path=where)
    title = (document.title or "").strip()
    lines = [line.strip() for line in document.text.splitlines() if line.strip()]
    # trafilatura keeps the headline as the text's first line when the page repeats it in <h1>.
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if not title and lines:
        title, lines = lines[0], lines[1:]
    body = "\n\n".join(lines)
    if len(body.split()) < MIN_BODY_WORDS:
        raise IngestError("no article text found in the page", path=where)
    published, precision = None, ""
    if document.date:
        try:
            published, precision = parse_date(document.date)
        except ValueError:
            pass
    return ArticleInput(
        title=title, body=body, url=_canonical(tree, url), source=source, language=_page_language(tree),
        published=published, published_precision=precision, origin=origin or where, path=path,
    )


def read_html_file(path: Path, *, source: str | None = None, max_bytes: int) -> ArticleInput:
    """An HTML file on disk, read as a fetched page would be (it has no URL)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"file is {size:,} bytes, over the cap of {max_bytes:,} bytes", path=str(path))
    return parse_html(path.read_bytes(), source=source, origin=str(path), path=str(path))
