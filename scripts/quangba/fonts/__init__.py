"""The project's fonts: its catalog (assets/fonts/fonts.css), cuts of its big faces, print copies.

- catalog: reads fonts.css (faces and each language's font stack), for the site and the leaflets;
- subsetting: a face cut to the characters a page group or a leaflet uses (cached);
- printing: TrueType print copies that every PDF renderer draws;
- generate: `quangba fonts`, which makes the catalog from Debian's Noto fonts (maintainers).
"""

from __future__ import annotations

from quangba.fonts.catalog import Catalog, FontFace, css_family_list, read_catalog
from quangba.fonts.printing import print_slice, space_width_of
from quangba.fonts.ranges import format_ranges, parse_ranges
from quangba.fonts.subsetting import cut

__all__ = ["Catalog", "FontFace", "css_family_list", "cut", "format_ranges", "parse_ranges", "print_slice", "read_catalog", "space_width_of"]
