"""What the browser tests share: the checkers, Chromium, the pages to read."""

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHECKERS = Path(__file__).parent / "browser" / "node_modules"
AXE = CHECKERS / "axe-core" / "axe.min.js"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Every page kind the site makes, at a URL of the sample site.
PAGES = {
    "home": "/",
    "briefing": "/briefings/is-k-attack-reveals-talibans-vulnerability/",
    "translation": "/briefings/the-last-flight-out-of-kabul/fa/",
    "actor": "/actors/isk/",
    "actor-timeline": "/actors/isk/timeline/",
    "network": "/actors/network/",
    "event": "/events/kabul-airport-bombing/",
    "actors": "/actors/",
    "timeline": "/timeline/",
    "judgments": "/judgments/",
    "standards": "/standards/",
    "page": "/about/",
    "pack": "/packs/afghanistan-after-the-withdrawal/",
    "packs": "/packs/",
    "not-found": "/404.html",
}
WIDTHS = {"wide": 1280, "phone": 375}
# As the probe of this machine kind starts it: nothing may reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMELINEJS = CHECKERS / "@knight-lab" / "timelinejs" / "dist"
