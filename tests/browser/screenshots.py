"""`make screenshots`: every page kind at both widths, into output/screenshots/.

Run after `make html`; reviewers open the PNGs. Not part of the build, so a
published site carries them only when someone asked for them.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from browser_support import CHROMIUM, CHROMIUM_ARGS, PAGES, WIDTHS
from playwright.sync_api import sync_playwright


def take_screenshots(output: Path) -> list[Path]:
    folder = output / "screenshots"
    folder.mkdir(exist_ok=True)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(output)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in PAGES.items():
                    page.goto(url + path)
                    target = folder / f"{name}-{label}-{width}.png"
                    page.screenshot(path=target, full_page=True)
                    written.append(target)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return written


if __name__ == "__main__":
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    if not (output / "index.html").is_file():
        sys.exit(f"{output}/ has no site: run `make html` first")
    for path in take_screenshots(output):
        print(path)
