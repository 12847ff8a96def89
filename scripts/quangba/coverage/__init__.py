"""Translation coverage: which pages are translated, missing, stale or broken, per language.

`quangba coverage` (see cli.py) and the editors' status page of the built site (site.py) both
start from report.build_report(). Nothing here loads MkDocs' full configuration or builds the
site: the check reads mkdocs.yml and the Markdown files directly, so it stays fast.
"""

from quangba.coverage.project import load_project
from quangba.coverage.report import build_report
from quangba.coverage.site import write_status_page

__all__ = ["build_report", "load_project", "write_status_page"]
