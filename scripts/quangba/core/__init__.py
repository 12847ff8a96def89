"""Shared primitives every capability of quangba uses; imports no feature and not MkDocs' build."""
