"""A reading pack's PDF, made by WeasyPrint from the pack's own HTML page.

The page is rendered as if it stood at its public address (`SITEURL`), so
every link that leaves the pack points at the published site; the files it
needs (the theme's stylesheet, images) are read from the output folder and
the theme, and nothing is fetched from the network. A PDF is kept in the
build cache by the text it was made from, and made again only when that
changed. WeasyPrint is imported here only, when a site has packs.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..speed.cache import FileCache, cache_path, digest, fingerprint, versions

logger = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
PANGO_HINT = (
    "make html installs what it needs when missing; by hand: apt-get install "
    "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
)


class PdfUnavailable(Exception):
    """WeasyPrint cannot run here (not installed, or Pango missing)."""


def paper_size(settings: dict) -> str:
    """The CSS page size for BRIEFING_PACK_PAPER ("A4" or "Letter")."""
    chosen = str(settings["BRIEFING_PACK_PAPER"]).strip().lower()
    if chosen not in PAPER_SIZES:
        raise ValueError(
            f"BRIEFING_PACK_PAPER is {settings['BRIEFING_PACK_PAPER']!r}: "
            "it takes 'A4' or 'Letter'"
        )
    return PAPER_SIZES[chosen]


class PdfMaker:
    """Makes the PDFs of one build, keeping each in the cache."""

    def __init__(self, settings: dict, output_path: str):
        self.settings = settings
        self.output = Path(output_path)
        self.paper = paper_size(settings)
        path = cache_path(settings, "packs")
        self.cache = (
            FileCache(path, fingerprint(self.paper, versions("weasyprint")))
            if path
            else None
        )
        self.made = 0  # PDFs rendered in this build, not taken from the cache
        # What every pack looks like, read once: the theme's stylesheets.
        theme_static = Path(settings["THEME"]) / "static"
        self.styles = "\0".join(
            css.read_text("utf-8") for css in sorted(theme_static.rglob("*.css"))
        )

    def pdf_of(self, save_as: str, html: str) -> bytes:
        """The PDF of the page written at `save_as`, whose text is `html`."""
        text_digest = digest(f"{html}\0{self.styles}")
        if self.cache is not None:
            kept = self.cache.get(save_as, text_digest)
            if kept is not None:
                return kept
        pdf = self._render(save_as, html)
        self.made += 1
        if self.cache is not None:
            self.cache.put(save_as, text_digest, pdf)
        return pdf

    def save(self) -> None:
        if self.cache is not None:
            self.cache.save()

    def _render(self, save_as: str, html: str) -> bytes:
        try:
            import weasyprint  # noqa: PLC0415 (a site without packs never imports it)
        except (ImportError, OSError) as missing:  # OSError: no Pango library
            raise PdfUnavailable(str(missing).splitlines()[0]) from None

        site = self.settings["SITEURL"].rstrip("/") + "/"
        page_url = site + str(PurePosixPath(save_as).parent) + "/"
        fetcher = site_fetcher(site, self.output, self.settings)
        document = weasyprint.HTML(
            string=html, base_url=page_url, url_fetcher=fetcher, media_type="print"
        )
        paper = weasyprint.CSS(string=f"@page {{ size: {self.paper}; }}")
        # WeasyPrint tells of every CSS feature it does not know (the
        # screen-only rules of the theme): not the analyst's concern.
        with _quiet("weasyprint"):
            return document.write_pdf(
                stylesheets=[paper],
                pdf_variant="pdf/ua-1",
                pdf_tags=True,
                pdf_identifier=digest(html),
            )


@contextlib.contextmanager
def _quiet(name: str):
    chatty = logging.getLogger(name)
    level = chatty.level
    chatty.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        chatty.setLevel(level)


def local_file_of(url: str, site: str, output: Path, settings: dict) -> Path | None:
    """The file behind a URL of the site: in the output folder, or, for the
    theme's files (copied there after the packs are made), in the theme."""
    if not url.startswith(site):
        return None
    relative = PurePosixPath(unquote(urlsplit(url).path[len(urlsplit(site).path) :]))
    if ".." in relative.parts:
        return None
    static_dir = PurePosixPath(settings["THEME_STATIC_DIR"])
    if relative.is_relative_to(static_dir):
        inside = relative.relative_to(static_dir)
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            candidate = Path(settings["THEME"]) / folder / inside
            if candidate.is_file():
                return candidate
    candidate = output / relative
    return candidate if candidate.is_file() else None


def site_fetcher(site: str, output: Path, settings: dict):
    """A WeasyPrint fetcher that reads the site's own files only (made here,
    so that importing this module does not import WeasyPrint)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class SiteFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            found = local_file_of(url, site, output, settings)
            if found is None:
                logger.warning(
                    "a reading pack's PDF leaves out %s: it reads only "
                    "the site's own files",
                    url,
                )
                raise ValueError(f"not one of the site's files: {url}")
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=found.read_bytes(), headers={"Content-Type": kind}
            )

    return SiteFetcher()
