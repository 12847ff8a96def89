"""The editors' commands: `quangba new` (a page and its translation stubs) and `quangba check`."""
