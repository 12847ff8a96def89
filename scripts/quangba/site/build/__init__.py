"""`quangba build`'s site: every input checked, built in a staging folder, swapped in.

runner (prepare, make, commit, build_site) → run (one MkDocs run, its log as editors' messages)
and parallel (one process per language, the same result).
"""

from quangba.site.build.run import UNCHANGED, BuildOptions, editor_log
from quangba.site.build.runner import BuildResult, build_site, commit, make, prepare, result_of

__all__ = ["UNCHANGED", "BuildOptions", "BuildResult", "build_site", "commit", "editor_log", "make", "prepare", "result_of"]
