"""Building: running Pelican so that a failure never touches the last good
site (staging), one build at a time (lock), our pages written ahead on a
large site (ahead), the search index (search), and the preview that
rewrites only what an edit changed (preview).

May import: site, content, speed.
"""
