"""The portal: the MkDocs plugin (plugin.py, a dispatcher), its features (features/, one module
per concern), the safe build around MkDocs (build/) and the commands `quangba build` and `serve`
(cli.py)."""

from quangba.site.build import build_site

__all__ = ["build_site"]
