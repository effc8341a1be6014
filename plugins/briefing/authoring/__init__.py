"""Authoring tools: the command line behind `make` (cli), and starting a
briefing from a press clipping or from nothing (importer, clipping).

May import: build, site, content, speed. Nothing imports it but
`briefing.__main__`.
"""
