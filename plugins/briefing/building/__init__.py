"""Building: running Pelican so that a failure never touches the last good
site (staging), one build at a time (lock), our pages written ahead on a
large site (ahead), the search index (search), the preview that
rewrites only what an edit changed (preview), and the email digest of a
window of days (digest).

May import: site, content, speed.
"""
