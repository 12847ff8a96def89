"""Print-ready leaflets from Markdown: `quangba leaflets`.

formats (sheet sizes, panels, photo places) → source (one Markdown file per leaflet and
language, split into panels) → render (HTML + CSS paged media, print or screen colours) →
pdf (WeasyPrint, overflow and glyph checks, PDF/X-4) → preflight (the print file read back) →
previews (PNG pages, folded tri-fold) → build (cache, parallel jobs, atomic outputs, manifest).
"""

from quangba.leaflets.build import commit, discard, read_manifest, staged
from quangba.leaflets.source import MARKER as PANEL_MARKER

__all__ = ["PANEL_MARKER", "commit", "discard", "read_manifest", "staged"]
