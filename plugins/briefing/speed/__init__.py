"""Speed machinery: what makes a large build fast, and nothing else.

Each module has a plain equivalent in Pelican or Python-Markdown and must
give the same output (tests build both ways): Markdown converted on every
core and kept between builds (reading, cache), the inline passes made
quicker (inline), the plugin's pages written in a second process
(background), and Pelican's lists kept in step by a preview update
(listings). `BRIEFING_SPEED = False` turns all of it off.

May import: nothing else of the plugin; the packages above call it through
the few functions they import by name.
"""
