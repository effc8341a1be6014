"""The sample site, served on 127.0.0.1, and Debian's Chromium to read it."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import AXE, CHECKERS, CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import sync_playwright
from support import build, make_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Served:
    url: str
    output: Path


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """Build the sample site for this server's address, then serve it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    root = tmp_path_factory.mktemp("served")
    previous = os.environ.get("SITEURL")
    os.environ["SITEURL"] = url  # feeds link to where the site is served
    try:
        # Search in parts, as on a large site: the seed briefing is in the
        # third of three bundles, which the search page must merge.
        result = build(
            make_site(root, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
        )
    finally:
        if previous is None:
            os.environ.pop("SITEURL")
        else:
            os.environ["SITEURL"] = previous
    assert result.code == 0, result.stderr
    server.RequestHandlerClass = functools.partial(
        _QuietHandler, directory=str(result.output)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(url, result.output)
    server.shutdown()
    server.server_close()


def _chromium_or_skip():
    if Path(CHROMIUM).exists() and AXE.exists():
        return
    message = (
        f"BROWSER TESTS NOT RUN: Chromium ({CHROMIUM}) or the checkers in "
        f"{CHECKERS} are missing; `make test` installs them"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, served):
    """open_page(path, width, media=None, color_scheme="light")
    -> (page, problems seen loading it)."""
    contexts = []

    def open_(path, width=1280, media=None, color_scheme="light"):
        # axe is injected as a script: the pages' own policy forbids any.
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            bypass_csp=True,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        problems = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and problems.append(f"console: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: problems.append(f"failed: {request.url}"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and problems.append(f"{response.status}: {response.url}")
            ),
        )
        page.on(
            "request",
            lambda request: (
                not request.url.startswith((served.url, "data:"))
                and problems.append(f"other host: {request.url}")
            ),
        )
        if media:
            page.emulate_media(media=media)
        page.goto(served.url + path, wait_until="load")
        return page, problems

    yield open_
    for context in contexts:
        context.close()
