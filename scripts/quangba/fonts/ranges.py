"""CSS unicode-range values: 'U+0041-005A,U+00E9' <-> a set of code points."""

from __future__ import annotations

from collections.abc import Iterable


def parse_ranges(text: str) -> set[int]:
    """'U+0041-005A,U+00E9' -> {0x41, ..., 0x5A, 0xE9}."""
    points: set[int] = set()
    for part in text.split(","):
        part = part.strip().removeprefix("U+")
        first, _, last = part.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def format_ranges(points: Iterable[int]) -> str:
    """{0x41, ..., 0x5A, 0xE9} -> 'U+41-5A, U+E9' (the CSS unicode-range syntax)."""
    ordered = sorted(points)
    parts: list[str] = []
    start = prev = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == prev + 1:
            prev = point
            continue
        parts.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        start = prev = point
    return ", ".join(parts)
