"""Figures the site and the leaflets state: the facts file (model), their Babel formatting in each
language (formatting), and the {{ fact.KEY }} / {{ facts A, B }} syntax (markdown)."""

from quangba.facts.formatting import date, locale_for
from quangba.facts.markdown import FactContext, expand
from quangba.facts.model import Fact, load_facts

__all__ = ["Fact", "FactContext", "date", "expand", "load_facts", "locale_for"]
