"""quangba: the province's four-language promotional site and print publications, from Markdown."""

__version__ = "0.1.0"
