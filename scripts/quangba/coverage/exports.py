"""The project's own record of each XLIFF export, which `coverage import` trusts instead of the file.

A returned XLIFF file comes from outside: its `original`, `target-language`, skeleton, front matter
and inline codes can all have been edited. So every export also writes, in the project,
`.quangba/exports/<export-id>.json`: the page, the language, the source text as exported and each
unit's source and inline codes. The XLIFF carries only the export-id; import takes the page, the
language, the page's structure and the codes' Markdown from this record, and from the file nothing
but the translated text.

The folder is meant to be committed with the project (like the pages): an import made on another
checkout needs the record of the export, and a deleted record makes its XLIFF file unusable.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quangba.core.errors import QuangbaError
from quangba.core.files import write_text

FORMAT = "quangba-export/1"
FOLDER = Path(".quangba") / "exports"  # under the project root (the folder of mkdocs.yml), not .cache
EXPORT_ID = re.compile(r"[0-9a-f]{32}")  # what new_id() makes; anything else never becomes a path


@dataclass(frozen=True)
class Unit:
    id: str
    kind: str  # title, heading, paragraph ... (segments.Segment.kind)
    source: str  # the source Markdown of the unit
    codes: dict[tuple[str, str], str] = field(default_factory=dict)  # (tag, id) -> Markdown of the inline code


@dataclass(frozen=True)
class Record:
    id: str
    page: str  # the source page: tourism/index.md
    lang: str  # the language translated into
    source_hash: str
    source_text: str  # the whole source page as exported
    units: list[Unit]
    exported_at: str  # UTC, ISO 8601
    xliff: str  # the XLIFF file as written (relative to the project root when inside it)
    format: str = FORMAT


def new_id() -> str:
    return secrets.token_hex(16)


def exported_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def path_of(root: Path, export_id: str) -> Path:
    return root / FOLDER / f"{export_id}.json"


def shown_path(export_id: str) -> str:
    """The record's path as messages show it (relative to the project root)."""
    return (FOLDER / f"{export_id}.json").as_posix()


def write(root: Path, record: Record) -> Path:
    """Write the record atomically; returns its path."""
    path = path_of(root, record.id)
    write_text(path, json.dumps(to_json(record), ensure_ascii=False, indent=2) + "\n")
    return path


def read(root: Path, export_id: str) -> Record | None:
    """The record of an export, None when there is none; QuangbaError when it is damaged."""
    if not EXPORT_ID.fullmatch(export_id):
        return None
    path = path_of(root, export_id)
    if not path.is_file():
        return None
    try:
        record = from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise QuangbaError([f"{shown_path(export_id)} is damaged ({type(error).__name__}: {error})"]) from None
    if record.format != FORMAT or record.id != export_id:
        raise QuangbaError([f"{shown_path(export_id)} is not a {FORMAT} record of export {export_id}"])
    return record


def to_json(record: Record) -> dict[str, Any]:
    return {
        "format": record.format,
        "id": record.id,
        "page": record.page,
        "lang": record.lang,
        "source_hash": record.source_hash,
        "exported_at": record.exported_at,
        "xliff": record.xliff,
        "units": [
            {
                "id": unit.id,
                "kind": unit.kind,
                "source": unit.source,
                "codes": [{"tag": tag, "id": code_id, "markdown": text} for (tag, code_id), text in unit.codes.items()],
            }
            for unit in record.units
        ],
        "source_text": record.source_text,
    }


def from_json(data: dict[str, Any]) -> Record:
    units = [
        Unit(str(unit["id"]), str(unit["kind"]), str(unit["source"]), {(str(code["tag"]), str(code["id"])): str(code["markdown"]) for code in unit["codes"]})
        for unit in data["units"]
    ]
    return Record(
        id=str(data["id"]),
        page=str(data["page"]),
        lang=str(data["lang"]),
        source_hash=str(data["source_hash"]),
        source_text=str(data["source_text"]),
        units=units,
        exported_at=str(data["exported_at"]),
        xliff=str(data["xliff"]),
        format=str(data["format"]),
    )
