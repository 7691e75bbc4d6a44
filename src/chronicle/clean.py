"""Clean raw articles into documents: main text without boilerplate, plus metadata.

HTML goes through trafilatura (``favor_precision=True``, no comments,
tables kept: F1 0.964 on the scrapinghub benchmark against 0.957 without
tables and 0.953 with trafilatura's defaults; see ``bench/extraction.py``).
Plain text, and the text trafilatura returns, then goes through
``strip_boilerplate``, which removes what extractors and feeds leave behind:
share/subscribe lines, blocks of recirculated headlines after a "Read more"
style marker, and bylines or author bios (returned as the author).

The boilerplate rules are general ones (line shape, capitalisation, word
overlap with the article), not lists of one site's strings, so they carry
over to sites and languages nobody wrote a rule for.
"""

from __future__ import annotations

import email.utils
import logging
import re
from datetime import date, datetime
from typing import Any

from chronicle.errors import InputError
from chronicle.records import Document, RawArticle, doc_id_for

log = logging.getLogger(__name__)

# trafilatura's date search: metadata and markup only. The "extensive" search
# guesses from any date in the page text, which on news pages is often the
# date of an event or of a related link, not of publication.
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}

# The shortest page body in the scrapinghub benchmark has 66 words; under 10 is a menu.
_MIN_PAGE_WORDS = 10
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = (".", "!", "?", "…", '."', ".”", ".’", "!”", "?”", ".)", "。", "！", "？")
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december".split()
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪►>|]+|\d{1,2}[.)])\s+")
_MARKUP = re.compile(r"^[*_#>\s]+|[*_\s]+$")


def clean(raw: RawArticle) -> Document:
    """Return the Document for a raw article: boilerplate-free text plus metadata.

    Metadata given with the article (JSONL fields, feed item fields) wins
    over metadata found in its HTML, which wins over a byline found in the
    text. Raises ``InputError`` when no usable text remains.
    """
    meta: dict[str, Any] = {}
    if raw.html is not None:
        text, meta = _extract_html(raw)
    elif raw.text is not None:
        text = raw.text
    else:
        raise InputError(raw.origin, "has neither text nor html")
    body, author_in_text = strip_boilerplate(text)
    title = _tidy(raw.title) or _tidy(meta.get("title"))
    body = _drop_leading_title(body, title)
    if not _LETTERS.search(body):
        raise InputError(raw.origin, "no article text left after removing boilerplate")
    published = normalise_date(raw.published)
    if raw.published and not published:
        log.warning("%s: cannot parse published date %r; looking in the page", raw.origin, raw.published)
    return Document(
        id=doc_id_for(body),
        source_id=raw.source_id,
        url=raw.url or meta.get("url"),
        title=title,
        author=_tidy(raw.author) or _tidy(meta.get("author")) or author_in_text,
        outlet=_tidy(raw.outlet) or _tidy(meta.get("sitename")),
        published=published or normalise_date(meta.get("date")),
        published_inferred=False,
        text=body,
    )


def _drop_leading_title(body: str, title: str | None) -> str:
    """Return ``body`` without a first paragraph that repeats the title (extractors keep the <h1>)."""
    first, _, rest = body.partition("\n\n")
    if title and rest and first.casefold() == title.casefold():
        return rest
    return body


def _extract_html(raw: RawArticle) -> tuple[str, dict[str, Any]]:
    """Return the main text of an HTML article and the metadata trafilatura found."""
    import trafilatura  # imported here: ~0.5 s, and only HTML inputs need it

    assert raw.html is not None
    result = trafilatura.bare_extraction(
        raw.html,
        url=raw.url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    meta: dict[str, Any] = {}
    text = ""
    if result is not None:
        meta = {key: getattr(result, key, None) for key in ("title", "author", "date", "sitename", "url")}
        text = result.text or ""
    if not text.strip() and _is_fragment(raw.html):
        # Feed items carry short HTML fragments, below trafilatura's 250-character
        # floor for a page; their markup is the article, so take all of its text.
        text = _fragment_text(raw.html)
    elif len(_LETTERS.findall(text)) < _MIN_PAGE_WORDS and not _is_fragment(raw.html):
        # trafilatura falls back to all the page's text; a few words are menus, not an article.
        text = ""
    if not text.strip():
        raise InputError(raw.origin, "no main text found in the HTML (only navigation or boilerplate)")
    # trafilatura puts one paragraph per line; Documents separate paragraphs by a blank line.
    return "\n\n".join(line for line in text.split("\n") if line.strip()), meta


def _is_fragment(html: str) -> bool:
    return re.search(r"<(?:html|body)\b", html[:4096], re.IGNORECASE) is None


def _fragment_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//br"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


def _tidy(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# -- dates -----------------------------------------------------------------------------

_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y", "%Y%m%d")


def normalise_date(value: str | None) -> str | None:
    """Return a date string as ISO: "YYYY-MM-DD", or a full ISO datetime; None if unparseable.

    Accepts ISO 8601 dates and datetimes (with or without offset, ``T`` or
    space), RFC 822 dates as in RSS (``Fri, 21 Aug 2026 16:00:54 -0400``) and
    a few common written forms. A datetime keeps its time and offset, so no
    time zone is guessed; a date stays a date. Never raises.
    """
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    parsed: date | datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            parsed = parsed.date()
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.isoformat()


# -- boilerplate -----------------------------------------------------------------------

# Words that say "do something with this page or with us": the shape of share,
# subscribe and follow lines in any site (a few languages included).
_CTA_VERBS = frozenset("""
share subscribe follow sign join download get like tweet email e-mail print click tap
register receive listen watch install comment save send support donate
partager abonnez abonnez-vous suivez suivez-nous inscrivez-vous téléchargez
compartir comparte suscríbete suscribete síguenos siguenos descarga regístrate
teilen abonnieren folgen folgt registrieren herunterladen
condividi iscriviti seguici scarica
partilhar partilhe compartilhe assine siga
поделиться подписаться подпишитесь подписывайтесь следите скачайте
""".split())
_CTA_OBJECTS = frozenset("""
facebook twitter x instagram linkedin whatsapp telegram youtube tiktok reddit pinterest
threads bluesky mastodon snapchat messenger flipboard google rss email e-mail mail
newsletter newsletters inbox updates alerts alert notifications app podcast podcasts
briefing digest channel feed page article story link comments comment post
free daily weekly latest breaking news now today here
us our your you this the a an on to for in up and or with via by at of
nous notre votre sur le la les de du pour et ou cet cette article lettre
nos nuestro nuestra nuestras nuestros el los las en para y o este esta artículo boletín
uns unser unseren unserem unsere den die das auf für und oder diesen artikel
ci il lo sui su per e questo articolo
nos nosso nossa no na o um uma
нас наш нашу наши на в и или эту статью канал
""".split())
_PLATFORMS = frozenset(
    "facebook twitter x instagram linkedin whatsapp telegram youtube tiktok reddit pinterest "
    "threads bluesky mastodon snapchat messenger flipboard email e-mail print copy link rss".split()
)
# Nouns that make "<Name> is a ..." an author bio rather than a sentence of the story.
_BIO_ROLES = frozenset("""
researcher research fellow correspondent professor reporter editor journalist writer analyst
columnist contributor lecturer scholar economist author student candidate producer
director associate chief head founder co-founder member partner consultant adviser advisor
expert commentator photographer freelance freelancer blogger historian scientist teacher
""".split())
_BIO_VERB = re.compile(r"^(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’-]+)\s+(?:is|was|has been|serves as)\s+(?P<rest>.+)$", re.DOTALL)
_BYLINE = re.compile(
    r"^(?:by|par|por|von|di|door|от|автор:?)\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*|de|van|von|der|da|al|bin|la|le|del))*$")
_NOT_NAMES = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december the this that then early late
""".split())
_STOPWORDS = frozenset("""
a about after again against all also an and any are as at be because been before being between
both but by can could did do does during each few for from further had has have having he her here
hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our out over own said same says she should so some such than that the their them
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your new year years
""".split())


def strip_boilerplate(text: str) -> tuple[str, str | None]:
    """Return (body, author or None): ``text`` without share lines, related headlines and bylines.

    * share/subscribe/follow lines (short, a call-to-action verb first, the
      rest platform or newsletter words) are dropped wherever they are;
    * after a short marker-like line ("Read more", "Related", "Lire aussi",
      ...), a run of headline-like lines (short, no final full stop) whose
      words and names do not continue the article's is dropped with its
      marker; a paragraph that continues the story stays;
    * a byline "By Jane Doe" at the top and a bio "Jane Doe is a researcher
      at ..." at the start or end are removed and give the author's name.

    Paragraphs are separated by one blank line; hard-wrapped paragraphs are
    joined into one line each.
    """
    lines = _normalise_lines(text)
    lines = [line for line in lines if line is None or not _is_call_to_action(line)]
    # a bio may close the page after the related block, or close the body before it
    lines, author = _take_author(lines)
    lines = _drop_recirculation(lines)
    if author is None:
        lines, author = _take_author(lines)
    return _assemble(lines), author


def _normalise_lines(text: str) -> list[str | None]:
    """Return the lines of ``text``, stripped, hard wraps joined; None stands for a paragraph break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    out: list[str | None] = []
    paragraph: list[str] = []
    for raw_line in [*text.split("\n"), ""]:
        line = " ".join(raw_line.split())
        if line:
            paragraph.append(line)
            continue
        if paragraph:
            out.extend(_unwrap(paragraph))
            out.append(None)
            paragraph = []
    while out and out[-1] is None:
        out.pop()
    return out


def _assemble(lines: list[str | None]) -> str:
    """Return the body text: lines of a paragraph joined by newlines, paragraphs by a blank line."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line is None:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _unwrap(lines: list[str]) -> list[str]:
    """Return a paragraph's lines, joined into one if they are hard-wrapped prose.

    Hard wrapping shows as lines of near-equal length (70-ish characters)
    where most breaks fall mid-sentence; lists and verse keep their lines.
    """
    if len(lines) < 2 or any(_BULLET.match(line) for line in lines):
        return lines
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    # A break is mid-sentence when the line does not end a sentence and the next starts lowercase.
    mid_sentence = sum(
        1 for line, following in zip(lines, lines[1:])
        if not line.endswith(_SENTENCE_END) and following[:1].islower()
    )
    if 40 <= widest <= 120 and min(widths) >= 0.6 * widest and mid_sentence * 2 >= len(widths):
        return [" ".join(lines)]
    return lines


def _words(line: str) -> list[str]:
    return [w.lower() for w in _LETTERS.findall(line)]


def _is_call_to_action(line: str) -> bool:
    """Return True for a share/subscribe/follow line: an imperative verb then platform words."""
    words = _words(line)
    if len(words) < 2 or len(words) > 14 or line[:1].islower():
        return False
    if re.search(r"[.!?]\s+\w", line):  # two sentences: prose (or a transcript), not a button
        return False
    # A row of share buttons: nothing but platform names.
    if all(w in _PLATFORMS or w == "share" for w in words) and len(words) >= 2:
        return True
    if words[0] not in _CTA_VERBS:
        return False
    if line.rstrip().endswith((".", "!")) and len(words) > 8:
        return False
    known = sum(1 for w in words if w in _CTA_VERBS or w in _CTA_OBJECTS)
    return known / len(words) >= 0.7


def _content_stems(text: str) -> set[str]:
    """Return the article's content words cut to five letters, a cheap stemmer for overlap."""
    return {w[:5] for w in _words(text) if len(w) >= 3 and w not in _STOPWORDS}


def _is_marker(line: str) -> bool:
    """Return True for a short line that could introduce a block (few words, no full stop)."""
    words = _words(line)
    if not 1 <= len(words) <= 6 or "@" in line or "http" in line or "www." in line:
        return False
    stripped = _MARKUP.sub("", line)
    if ": " in stripped:  # "Weddings: banned" is a list entry, "Read more:" a marker
        return False
    return stripped.endswith(":") or not stripped.endswith(_SENTENCE_END)


def _is_headline(line: str) -> bool:
    """Return True for a headline-shaped line: 4-20 words, capitalised, no final full stop."""
    # Table rows, links and long lines (CJK sentences have no spaces) are content.
    if line.startswith("|") or "http" in line or "www." in line or len(line) > 160:
        return False
    stripped = _MARKUP.sub("", _BULLET.sub("", line))
    words = _words(stripped)
    # Under 4 words is a name, a label or a section title more often than a headline.
    if not 4 <= len(words) <= 20 or not stripped:
        return False
    if stripped.endswith((".", ";", ",", "。")) and not stripped.endswith(("...", "…")):
        return False
    if stripped.count(",") >= 2:  # "Venue, Suburb, 23 July": an entry of a list
        return False
    first = stripped.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


def _drop_recirculation(lines: list[str | None]) -> list[str | None]:
    """Return ``lines`` without a trailing marker line and the unrelated headlines after it.

    Each short marker-like line is a candidate; the first one followed only
    by headline-like lines (or further markers) up to the end of the text,
    whose words do not continue the article, is cut with all that follows.
    Lists and tables inside the article are never cut: the run must reach the end.
    """
    real = [k for k, line in enumerate(lines) if line is not None]
    for pos, i in enumerate(real[1:], start=1):
        marker = lines[i]
        assert marker is not None
        # The article's prose ends just before a real marker; a short line after
        # another short line is a list entry or a subheading inside the article.
        if not _is_marker(marker) or not _ends_sentence(lines[real[pos - 1]] or ""):
            continue
        block = real[pos + 1:]
        texts = [lines[k] or "" for k in block]
        if not block or not all(_is_headline(t) or _is_marker(t) for t in texts):
            continue
        # Section markers may sit among the headlines ("Most read"), but most lines are headlines.
        if sum(1 for t in texts if _is_headline(t)) * 3 < len(texts) * 2:
            continue
        # A "marker" shaped like the lines after it is an entry of a list, not a marker.
        before = [lines[k] or "" for k in real[max(pos - 2, 0):pos]]
        if _is_data_list(texts) or _is_data_list([*before, marker, *texts[:2]]):
            continue
        if not _is_lead_in(lines, i) and _unrelated(lines, i, block):
            log.debug("dropping %d recirculated headlines after %r", len(block), marker)
            return _drop_empty(lines[:i])
    return lines


def _ends_sentence(line: str) -> bool:
    """Return True when ``line`` ends like a sentence (full stop, ! or ?, maybe inside quotes)."""
    tail = line.rstrip("\"'”’»)]*_ ")
    return tail.endswith((".", "!", "?", "…", "。", "！", "？"))


def _is_data_list(block: list[str]) -> bool:
    """Return True for a structured list (tour dates, rankings): most lines share one shape.

    Headlines vary in shape; entries of a list written for the article
    mostly start the same way (a number, a month) or share punctuation
    ("June 9 – City, ST @ Venue").
    """
    if len(block) < 3:
        return False
    starts: dict[str, int] = {}
    skeletons: dict[str, int] = {}
    for line in block:
        first = line.split()[0].lower().strip(".,:)") if line.split() else ""
        kind = "number" if first[:1].isdigit() else "month" if first in _MONTHS else ""
        if _BULLET.match(line):
            kind = "bullet"
        if kind:
            starts[kind] = starts.get(kind, 0) + 1
        skeleton = "".join(c for c in line if not c.isalnum() and not c.isspace() and c not in "'\"‘’“”")
        if skeleton:
            skeletons[skeleton] = skeletons.get(skeleton, 0) + 1
    common = max([*starts.values(), *skeletons.values(), 0])
    return common >= 0.6 * len(block)


def _is_lead_in(lines: list[str | None], marker: int) -> bool:
    """Return True when the marker line speaks the article's words ("The leaders who took part:").

    Recirculation markers ("Read more", "Related articles", "Lire aussi")
    are about the site, so their content words are not the article's.
    """
    stems = _content_stems(lines[marker] or "")
    if len(stems) < 2:
        return False
    body = _content_stems(" ".join(l for l in lines[:marker] if l))
    return len(stems & body) * 2 >= len(stems)


def _unrelated(lines: list[str | None], marker: int, block: list[int]) -> bool:
    """Return True when the headlines in ``block`` do not continue the article around them.

    The article is every line outside the marker and block. Overlap is the
    share of the block's content words (5-letter stems) and capitalised
    names that also occur in the article; a list that continues the story
    ("The sanctions target:" then names from the story) overlaps heavily.
    """
    outside = " ".join(l for k, l in enumerate(lines) if l and k != marker and k not in block)
    body_stems = _content_stems(outside)
    if not body_stems:
        return False
    block_text = [lines[k] or "" for k in block]
    stems = _content_stems(" ".join(block_text))
    if len(stems) < 3:  # too few words to judge: keep them
        return False
    overlap = len(stems & body_stems) / len(stems)
    # One headline alone is weaker evidence than a list of them: ask for less overlap.
    limit = 0.35 if len(block) == 1 else 0.5
    return overlap < limit


def _drop_empty(lines: list[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for line in lines:
        if line == "":
            continue
        if line is None and (not out or out[-1] is None):
            continue
        out.append(line)
    while out and out[-1] is None:
        out.pop()
    return out


def _take_author(lines: list[str | None]) -> tuple[list[str | None], str | None]:
    """Return ``lines`` without a top byline or a start/end bio, and the author's name."""
    author: str | None = None
    real = [k for k, l in enumerate(lines) if l is not None]
    if not real:
        return lines, None
    # A byline among the first lines (after the headline, a dateline or a date).
    for k in real[:3]:
        name = _byline_name(lines[k] or "")
        if name:
            author = name
            lines[k] = ""
            break
    lines = _drop_empty(lines)
    paragraphs = _paragraph_spans(lines)
    if len(paragraphs) >= 2:
        for span in (paragraphs[-1], paragraphs[0]):
            text = " ".join(lines[k] or "" for k in span)
            rest = " ".join(l for k, l in enumerate(lines) if l and k not in span)
            name = _bio_name(text, rest)
            if name:
                author = author or name
                for k in span:
                    lines[k] = ""
                break
    return _drop_empty(lines), author


def _paragraph_spans(lines: list[str | None]) -> list[list[int]]:
    spans: list[list[int]] = [[]]
    for k, line in enumerate(lines):
        if line is None:
            if spans[-1]:
                spans.append([])
        else:
            spans[-1].append(k)
    return [s for s in spans if s]


def _byline_name(line: str) -> str | None:
    """Return the names in a byline such as "By Jane Doe and John Roe, Reuters", else None."""
    match = _BYLINE.match(_MARKUP.sub("", line))
    if not match:
        return None
    names = match.group("names")
    # Cut an affiliation or date after the names: "Jane Doe, Reuters" / "Jane Doe | 3 May".
    head = re.split(r"\s*[,|•·–—]\s*|\s+(?:for|in)\s+", names, maxsplit=1)
    candidate, tail = head[0], head[1] if len(head) > 1 else ""
    if len(_words(tail)) > 5 or tail.rstrip().endswith((".", "!", "?")) and len(_words(tail)) > 3:
        return None
    people = [p.strip() for p in re.split(r"\s+(?:and|und|et|y|e|и)\s+|\s*&\s*", candidate)]
    for person in people:
        words = person.split()
        if not 2 <= len(words) <= 4 or not _NAME.match(person):
            return None
        if any(w.lower().strip(".") in _NOT_NAMES for w in words):
            return None
    return " and ".join(people)


def _bio_name(paragraph: str, rest: str) -> str | None:
    """Return the name a bio paragraph is about ("Jane Doe is a researcher at ..."), else None.

    It is a bio, not a sentence of the story, when it is short, a role noun
    follows "is" within a few words, and the person is not named anywhere
    else in the article (the author is rarely a subject of the story).
    """
    text = _MARKUP.sub("", paragraph)
    words = _words(text)
    if not 4 <= len(words) <= 70:
        return None
    match = _BIO_VERB.match(text)
    if not match:
        return None
    name = match.group("name").strip()
    if any(w.lower() in _NOT_NAMES for w in name.split()) or len(name.split()) < 2:
        return None
    role_words = _words(match.group("rest"))[:8]
    if not any(w in _BIO_ROLES or w.rstrip("s") in _BIO_ROLES for w in role_words):
        return None
    surname = name.split()[-1]
    if re.search(rf"\b{re.escape(surname)}\b", rest):
        return None
    return name


__all__ = ["clean", "strip_boilerplate", "normalise_date"]
