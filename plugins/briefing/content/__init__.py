"""Content in: the analyst's files, read and checked.

YAML with the line of every value (yamlfile), partial dates (dates), the
typed model of notes and actors (model), loading the registry and the notes
into it (loader), the analytic standards of judgments and source grades
(standards), the kinds of relation between actors (relations), reading pack files
(packs), Markdown
and the HTML sanitizer (markup), and the one error type that carries path,
line and hint (errors).

May import: the speed package (markup's quicker inline passes), nothing
else of the plugin. Knows nothing of Pelican's generators.
"""
