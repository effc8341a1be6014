"""The site across briefings: what connects one briefing to the others.

Notes attached to Pelican's articles (articles), actors and events indexed
across briefings (linking), the first mention of each actor linked
(mentions), key judgments resolved and checked across briefings
(judgments), the relation diagrams drawn by Graphviz (diagrams), the
pages of actors, events, the timeline and the data (pages, feeds,
exports), reading packs as pages and PDFs (packs, pdf), the sitemap
(sitemap), and the plugin's Jinja templates (templates).

May import: content, speed. Talks to Pelican through its signals,
generators and writer.
"""
