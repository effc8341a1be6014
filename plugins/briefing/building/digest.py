"""The email digest: `make digest SINCE=YYYY-MM-DD [UNTIL=YYYY-MM-DD]`.

The briefings published or updated in a window of days, newest first, each
with its dek, summary, key judgments (and how they moved in the window),
what its updates said, and a link. Written as `digests/<until>/index.html`
and `digests/<until>/digest.eml`: a standard multipart/alternative message
whose plain-text part reads on its own and whose HTML part has its
stylesheet inlined (css-inline) and every link absolute to `SITEURL`.
Sending it is the desk's mail system's job (`sendmail -t < digest.eml`).

The briefings are read as a build reads them (Pelican's ArticlesGenerator,
with our notes attached), but nothing else of the site is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import css_inline
from markupsafe import Markup
from pelican import Pelican
from pelican.generators import ArticlesGenerator

WIDTH = 72


@dataclass
class DigestItem:
    """One briefing of the digest."""

    article: object
    url: str  # absolute
    updated: bool  # published before the window, updated in it
    judgments: list = field(default_factory=list)  # (judgment, moves in window)
    updates: list = field(default_factory=list)  # its updates in the window


def _day(when) -> dt.date | None:
    if when is None:
        return None
    return when.date() if isinstance(when, dt.datetime) else when


def _in(day, since: dt.date, until: dt.date) -> bool:
    return day is not None and since <= day <= until


def _partial_in(date, since: dt.date, until: dt.date) -> bool:
    """Whether a notes date (to the day, month or year) falls in the window:
    a date known only to its month or year counts if that period meets it."""
    if date is None:
        return False
    first = dt.date(date.year, date.month or 1, date.day or 1)
    if date.day:
        last = first
    elif date.month:
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        last -= dt.timedelta(days=1)
    else:
        last = dt.date(date.year, 12, 31)
    return first <= until and last >= since


def select(articles, site_url: str, since: dt.date, until: dt.date) -> list:
    """The briefings published or updated from `since` to `until` (both
    included), the most recent change first."""
    items = []
    for article in articles:
        published = _day(article.date)
        modified = _day(getattr(article, "modified", None))
        if not (_in(published, since, until) or _in(modified, since, until)):
            continue
        notes = getattr(article, "briefing", None)
        judgments = []
        for item in getattr(article, "key_judgments", None) or ():
            moved = [
                m for m in item.judgment.moves if _partial_in(m.date, since, until)
            ]
            judgments.append((item.judgment, moved))
        updates = [
            update
            for update in (notes.updates if notes else ())
            if _partial_in(update.date, since, until)
        ]
        items.append(
            DigestItem(
                article,
                f"{site_url}/{article.url}",
                updated=not _in(published, since, until),
                judgments=judgments,
                updates=updates,
            )
        )

    def latest(item):
        days = [_day(item.article.date), _day(getattr(item.article, "modified", None))]
        return max(day for day in days if day is not None and day <= until)

    items.sort(key=lambda item: (latest(item), item.article.title), reverse=True)
    return items


def _text(html) -> str:
    """Plain text of a piece of HTML: tags gone, entities read, spaces one."""
    return Markup(str(html)).striptags()


def _wrapped(text: str, indent: str = "", hanging: str | None = None) -> list[str]:
    """`text` in lines of WIDTH, indented; `hanging` for lines after the first."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
    ) or [indent.rstrip()]


def window_label(since: dt.date, until: dt.date) -> str:
    def label(day):
        return f"{day.day} {day:%B %Y}"

    return label(since) if since == until else f"{label(since)} to {label(until)}"


def plain_text(items: list, site_name: str, site_url: str, window: str) -> str:
    """The plain-text part: reads well on its own, at 72 columns."""
    lines = [f"{site_name}: briefings from {window}", ""]
    for item in items:
        article = item.article
        lines.append(article.title)
        lines.append("=" * min(len(article.title), WIDTH))
        status = "Updated" if item.updated else "Published"
        lines.append(f"{status}, {article.locale_date}")
        if getattr(article, "subtitle", None):
            lines += ["", *_wrapped(article.subtitle)]
        notes = getattr(article, "briefing", None)
        if notes is not None and notes.summary:
            lines += ["", *_wrapped(_text(notes.summary))]
        if item.judgments:
            lines += ["", "Key judgments:"]
            for judgment, moved in item.judgments:
                lines += _wrapped(f"- {_text(judgment.text)}", "", "  ")
                standing = judgment.likelihood.capitalize()
                lines += _wrapped(
                    f"{standing}, {judgment.confidence} confidence.", "  "
                )
                for move in moved:
                    when = f" on {move.date.label}" if move.date else ""
                    lines += _wrapped(f"{move.wording.capitalize()}{when}.", "  ")
        if item.updates:
            lines += ["", "What changed:"]
            for update in item.updates:
                lines += _wrapped(
                    f"- {update.date.label}: {_text(update.text)}", "", "  "
                )
        lines += ["", f"Read it: {item.url}", "", ""]
    lines.append(f"-- \n{site_name}, {site_url}/")
    return "\n".join(lines) + "\n"


def message(
    text: str,
    html: str,
    *,
    subject: str,
    sender: str,
    to: str,
    until: dt.date,
    host: str,
) -> EmailMessage:
    """The digest as a multipart/alternative message, dated and identified
    by its window so that the same digest is the same message."""
    mail = EmailMessage()
    mail["Subject"] = subject
    mail["From"] = sender
    if to:
        mail["To"] = to
    mail["Date"] = format_datetime(
        dt.datetime(until.year, until.month, until.day, tzinfo=dt.UTC)
    )
    mail["Message-ID"] = f"<digest-{until.isoformat()}@{host}>"
    mail.set_content(text, cte="quoted-printable")
    mail.add_alternative(html, subtype="html", cte="quoted-printable")
    # Python draws a random boundary; one made of the parts keeps the same
    # digest byte for byte the same.
    mail.set_boundary(
        "digest-" + hashlib.blake2b((text + html).encode(), digest_size=12).hexdigest()
    )
    return mail


def render_html(generator, items: list, window: str, settings: dict) -> str:
    """The HTML part, its stylesheet inlined, every link absolute."""
    template = generator.env.get_template("briefing/digest.html")
    html = template.render(
        {
            **generator.context,
            "SITEURL": settings["SITEURL"],
            "items": items,
            "window": window,
        }
    )
    return css_inline.inline(html, load_remote_stylesheets=False)


def write_digest(
    generator, since: dt.date, until: dt.date, output: Path
) -> Path | None:
    """Write `digests/<until>/` for the window; None, writing nothing, if
    no briefing was published or updated in it."""
    settings = generator.settings
    site_url = settings["SITEURL"].rstrip("/")
    items = select(generator.articles, site_url, since, until)
    if not items:
        return None
    window = window_label(since, until)
    html = render_html(generator, items, window, settings).rstrip("\n") + "\n"
    text = plain_text(items, settings["SITENAME"], site_url, window)
    host = urlsplit(site_url).hostname or "localhost"
    sender = (
        settings["BRIEFING_DIGEST_FROM"] or f"{settings['SITENAME']} <digest@{host}>"
    )
    count = f"{len(items)} briefing{'s' if len(items) != 1 else ''}"
    mail = message(
        text,
        html,
        subject=f"{settings['SITENAME']}: {count}, {window}",
        sender=sender,
        to=settings["BRIEFING_DIGEST_TO"],
        until=until,
        host=host,
    )
    folder = output / settings["BRIEFING_DIGEST_PATH"] / until.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(html, encoding="utf-8")
    (folder / "digest.eml").write_bytes(mail.as_bytes())
    return folder


def read_briefings(settings: dict, output: Path):
    """Pelican's ArticlesGenerator with every briefing read and its notes
    attached, as a build has them before it writes anything."""
    pelican = Pelican(settings)
    context = {
        **pelican.settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": pelican.settings["SITEURL"],
    }
    generator = ArticlesGenerator(
        context=context,
        settings=pelican.settings,
        path=pelican.path,
        theme=pelican.theme,
        output_path=str(output),
    )
    generator.generate_context()
    return generator
