"""Translation coverage: which pages are translated, missing, stale or broken, per language.

`quangba coverage` (see cli.py) and the editors' status page of the built site (site.py) both
start from report.build_report(). Nothing here loads MkDocs' full configuration or builds the
site: the check reads mkdocs.yml and the Markdown files directly, so it stays fast.
"""
