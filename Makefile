# Briefing site: the usual Pelican targets, plus a self-installing .venv.
# `make html` and `make test` work on a fresh clone with only Python 3.11 and make.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETTINGS := pelican.conf.py
OUTPUTDIR := output
HOST ?= 127.0.0.1
PORT ?= 8000

# Our plugin package is importable as `briefing` (as Pelican loads it through
# PLUGIN_PATHS), so the build command and the tests see the same module.
RUN := PYTHONPATH=plugins $(BIN)/python

# Pelican's own flags can be passed through, e.g. `make html PELICANOPTS=-v`.
PELICANOPTS ?=

# The browser tests need Debian's Chromium, Java (for vnu.jar) and npm (for
# the pinned checkers); they are installed when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL = { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
CHECKERS := tests/browser/node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help html check import briefing clean regenerate serve devserver test lint format \
	browser-deps screenshots bench docs graphviz pdf-deps publish rsync_upload github digest \
	translations

help:
	@echo 'Usage:'
	@echo '  make html        build the site into $(OUTPUTDIR)/ (sets up .venv on first use)'
	@echo '  make test        lint and run the whole test suite'
	@echo '  make check       validate notes and registry without building'
	@echo '  make import CLIP=file.txt [DATE=YYYY-MM-DD] [SLUG=...]  start a briefing from a clipping'
	@echo '  make briefing TITLE="..." [SLUG=...]  start an empty briefing'
	@echo '  make publish SITEURL=https://...  build for the public address (publishconf.py)'
	@echo '  make rsync_upload / make github  publish, then upload by rsync or to GitHub Pages'
	@echo '  make digest SINCE=YYYY-MM-DD [UNTIL=YYYY-MM-DD]  the email digest of those days'
	@echo '  make serve       serve $(OUTPUTDIR)/ at http://$(HOST):$(PORT)'
	@echo '  make devserver   rebuild on every change and serve at http://$(HOST):$(PORT)'
	@echo '  make regenerate  rebuild on every change, without serving'
	@echo '  make clean       remove $(OUTPUTDIR)/ and caches'
	@echo '  make screenshots every page kind at 1280 and 375 px, into $(OUTPUTDIR)/screenshots/'
	@echo '  make bench       time our build against stock Pelican (SIZES=1000,10000)'
	@echo '  make docs        write the settings table of docs/settings.md from the code'
	@echo '  make translations [LANGS="de tr"]  extract the interface strings, update every catalog'
	@echo '  make lint        check the code with ruff'
	@echo '  make format      format the code with ruff'

# Install the pinned requirements only when a requirements file changed.
$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed-runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Graphviz draws the relation diagrams. Installed when missing; where it
# cannot be (no apt, no root), the site is built with relation tables only.
graphviz:
	@command -v dot >/dev/null || $(APT_INSTALL) graphviz >/dev/null; } \
		|| echo 'graphviz could not be installed: relation diagrams are left out' >&2

# WeasyPrint makes the reading packs' PDFs with Pango and a font; installed
# when missing (Debian's packages), as Graphviz is.
pdf-deps:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -q . \
		|| $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig >/dev/null; } \
		|| echo 'Pango could not be installed: reading packs cannot be made into PDF' >&2

html: $(VENV)/.installed-runtime graphviz pdf-deps
	$(RUN) -m briefing build -s $(SETTINGS) -o $(OUTPUTDIR) $(PELICANOPTS)

check: $(VENV)/.installed-runtime
	$(RUN) -m briefing check -s $(SETTINGS)

import: $(VENV)/.installed-runtime
	@test -n "$(CLIP)" || { echo 'usage: make import CLIP=path/to/clipping.txt [DATE=YYYY-MM-DD] [SLUG=...] [TYPE=opinion] [FORCE=1]' >&2; exit 2; }
	$(RUN) -m briefing import -s $(SETTINGS) "$(CLIP)" $(if $(DATE),--date "$(DATE)") $(if $(SLUG),--slug "$(SLUG)") $(if $(TYPE),--type "$(TYPE)") $(if $(FORCE),--force)

briefing: $(VENV)/.installed-runtime
	@test -n "$(TITLE)" || { echo 'usage: make briefing TITLE="..." [SLUG=...] [DATE=YYYY-MM-DD] [FORCE=1]' >&2; exit 2; }
	$(RUN) -m briefing new -s $(SETTINGS) --title "$(TITLE)" $(if $(SLUG),--slug "$(SLUG)") $(if $(DATE),--date "$(DATE)") $(if $(FORCE),--force)

# Previews build once, then rewrite only what each edit changes; they skip
# the search index, which `make html` builds for publishing.
regenerate: $(VENV)/.installed-runtime graphviz pdf-deps
	$(RUN) -m briefing preview -s $(SETTINGS) -o $(OUTPUTDIR)

serve: $(VENV)/.installed-runtime
	$(RUN) -m pelican -l content -s $(SETTINGS) -o $(OUTPUTDIR) -b $(HOST) -p $(PORT)

devserver: $(VENV)/.installed-runtime graphviz pdf-deps
	$(RUN) -m briefing preview --serve -s $(SETTINGS) -o $(OUTPUTDIR) -b $(HOST) -p $(PORT)

# Publishing, as Pelican's quickstart has it: publishconf.py on top of
# pelican.conf.py (the public address, absolute links, the sitemap), into
# output/; uploading is a separate step, and only it uses the network.
PUBLISHCONF := publishconf.py
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= $(USER)
SSH_TARGET_DIR ?= /var/www/briefings
GITHUB_PAGES_BRANCH ?= gh-pages

publish: $(VENV)/.installed-runtime graphviz pdf-deps
	@test -n "$(SITEURL)" || { echo 'usage: make publish SITEURL=https://briefings.example.org' >&2; exit 2; }
	SITEURL="$(SITEURL)" $(RUN) -m briefing build -s $(PUBLISHCONF) -o $(OUTPUTDIR) $(PELICANOPTS)

rsync_upload: publish
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --delete "$(OUTPUTDIR)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)" --cvs-exclude

github: publish
	$(BIN)/ghp-import -m "Publish the briefing site" -b $(GITHUB_PAGES_BRANCH) --no-jekyll "$(OUTPUTDIR)"
	git push origin $(GITHUB_PAGES_BRANCH)

# The email digest of a window of days: output/digests/<until>/.
digest: $(VENV)/.installed-runtime
	@test -n "$(SINCE)" || { echo 'usage: make digest SINCE=YYYY-MM-DD [UNTIL=YYYY-MM-DD]' >&2; exit 2; }
	$(RUN) -m briefing digest -s $(SETTINGS) -o $(OUTPUTDIR) --since "$(SINCE)" $(if $(UNTIL),--until "$(UNTIL)")

# The interface's strings: messages.pot and every catalog brought up to date
# (translations/ of the plugin and of the theme); LANGS starts new ones.
translations: $(VENV)/.installed-runtime
	$(RUN) -m briefing translations -s $(SETTINGS) $(foreach lang,$(LANGS),--lang $(lang))

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).building-* .$(OUTPUTDIR).old-* .$(OUTPUTDIR).lock __pycache__ .pytest_cache .ruff_cache cache

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

browser-deps: graphviz pdf-deps
	@command -v dot >/dev/null || { echo 'the tests need Graphviz (dot)' >&2; exit 1; }
	@command -v chromium >/dev/null || $(APT_INSTALL) chromium fonts-dejavu-core >/dev/null; }
	@command -v java >/dev/null || $(APT_INSTALL) default-jre-headless >/dev/null; }
	@command -v npm >/dev/null || $(APT_INSTALL) npm >/dev/null; }

$(CHECKERS): tests/browser/package.json tests/browser/package-lock.json | browser-deps
	cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

test: lint browser-deps $(CHECKERS)
	$(RUN) -m pytest

bench: $(VENV)/.installed-dev graphviz pdf-deps
	PYTHONPATH=plugins $(BIN)/python bench/run.py $(if $(SIZES),--sizes $(SIZES)) \
		$(if $(LARGE_ROUNDS),--large-rounds $(LARGE_ROUNDS))

docs: $(VENV)/.installed-runtime
	$(RUN) -c "from briefing.settings import update_reference; update_reference('docs/settings.md')"

screenshots: html browser-deps $(VENV)/.installed-dev
	PYTHONPATH=plugins:tests $(BIN)/python tests/browser/screenshots.py $(OUTPUTDIR)
