"""Share cards: the 1200×630 picture a link preview (Open Graph, Twitter) shows for each page.

- draw: one card (the page's photo covering it, a gradient, the logo and the site's name, the
  title in 1–3 lines broken by words, or by characters in Chinese);
- fonts: the site's own font files (quangba.fonts' catalog) that draw each character, as a
  browser picks them from the language's stack;
- maker: cards named by the hash of what they show, kept in a cache every build shares.
"""

from __future__ import annotations

from quangba.sharecards.draw import HEIGHT, WIDTH, Card, normalized
from quangba.sharecards.maker import LAYOUT_VERSION, CardMaker, Made

__all__ = ["HEIGHT", "LAYOUT_VERSION", "WIDTH", "Card", "CardMaker", "Made", "normalized"]
