"""What quangba tells editors, in their language: Vietnamese by default, English on request.

Every message an editor sees (errors, warnings, summaries, tables, progress, the help of the
editors' commands) is written in the code in English inside ``t("…")`` (or ``tn()`` for a count),
and translated from gettext catalogs: ``core/locales/<lang>/*.po``, one file per capability so
that each is small and translators can work on them side by side. ``quangba i18n editors`` adds
new messages to the catalogs; a test checks that every message has its Vietnamese translation.

The language: ``quangba --lang en`` (which sets QUANGBA_LANG), else QUANGBA_LANG, else the usual
locale variables (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) when they name a language quangba speaks,
else Vietnamese (a C or POSIX locale says nothing about the reader).

Values go in as named fields, so that a translation may put them in its own order:
``t("{path}: unknown fact '{name}'", path=..., name=...)``. The reader interface of the site
(menus, buttons) has its own catalogs in quangba.interface; those use ``_()`` and never ``t()``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent / "locales"
SOURCE = "en"  # the language the messages are written in, in the code
DEFAULT = "vi"
ENV = "QUANGBA_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def spoken() -> tuple[str, ...]:
    """The languages quangba speaks to editors: English and every language with a catalog."""
    return tuple(sorted({SOURCE, *(p.name for p in CATALOGS.iterdir() if p.is_dir())}))


def language() -> str:
    """The editors' language for this run (see the module's docstring for the order)."""
    languages = spoken()
    explicit = os.environ.get(ENV, "").strip().lower()
    if explicit in languages:
        return explicit
    for variable in LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may list several: "vi:en"
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in languages:
                return code
        if variable != "LANGUAGE":  # the first locale variable that is set decides
            break
    return DEFAULT


def use(lang: str) -> None:
    """Speak lang from now on (quangba --lang), also in the processes this one starts."""
    os.environ[ENV] = lang


@cache
def catalog(lang: str) -> dict[str, str | tuple[str, ...]]:
    """msgid -> translation (a tuple of forms for plural messages) from every .po of lang;
    fuzzy and empty entries are left out, so that such a message shows in English."""
    entries: dict[str, str | tuple[str, ...]] = {}
    for path in sorted((CATALOGS / lang).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if not message.id or message.fuzzy or not message.string:
                    continue
                if not isinstance(message.id, str):
                    forms = tuple(message.string)
                    if all(forms):
                        entries[str(message.id[0])] = forms
                elif isinstance(message.string, str):
                    entries[message.id] = message.string
    return entries


def later(message: str) -> str:
    """Marks a message translated when it is shown, not when the module loads (the root
    command's help exists before `--lang` is read)."""
    return message


def t(message: str, **values: object) -> str:
    """message in the editors' language, with its {fields} filled in."""
    translated = message if language() == SOURCE else catalog(language()).get(message, message)
    text = translated if isinstance(translated, str) else translated[0]
    return text.format(**values) if values else text


def tn(singular: str, plural: str, count: int, **values: object) -> str:
    """The form for count (English: "1 problem", "2 problems"; Vietnamese has one form);
    {count} is filled in with the others."""
    forms = catalog(language()).get(singular) if language() != SOURCE else None
    if isinstance(forms, tuple) and forms:
        text = forms[0] if len(forms) == 1 or count == 1 else forms[min(1, len(forms) - 1)]
    elif isinstance(forms, str):
        text = forms
    else:
        text = singular if count == 1 else plural
    return text.format(count=count, **values)
