"""Settings for publishing the site at its public address:
`make publish SITEURL=https://briefings.example.org`.

Everything in pelican.conf.py, and what differs in production: absolute
links (feeds, canonical links, the sitemap need the public address), a
sitemap and a robots.txt pointing at it, and an output folder emptied
before the build so nothing left from a preview is uploaded.
"""

import os
import runpy
from pathlib import Path

_base = runpy.run_path(str(Path(__file__).with_name("pelican.conf.py")))
globals().update({name: value for name, value in _base.items() if name.isupper()})

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: SITEURL must be the site's public address, "
        "e.g. make publish SITEURL=https://briefings.example.org"
    )
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

BRIEFING_SITEMAP_SAVE_AS = "sitemap.xml"
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "robots"]  # noqa: F821 (from pelican.conf.py)
ROBOTS_SAVE_AS = "robots.txt"
