"""Event coding: predicates in the dependency parse -> PLOVER events with their evidence.

An event needs a trigger from the lexicon (``data/lexicon/plover.yaml``) and
at least one actor among its grammatical arguments; there is no default or
fallback code, so a sentence that reports nothing happening yields nothing.
Source and target come from grammatical roles (subject, object, by-agent,
to/against/with phrases, possessor of a nominalisation), then go through the
actors stage. Each event carries negation, modality and attribution read
from the trigger's clause and the clauses above it.

Modules: ``lexicon`` (entries and the YAML loader), ``coder`` (``Coder``: the
run over a document), ``triggers`` (which words code), ``arguments`` (source
and target), ``modality`` (negation, modality, attribution), ``places``,
``constructions`` (what is an event of its own), ``retyping`` (what changes an
entry's type), ``syntax`` (parse-tree helpers they all use).
"""

from __future__ import annotations

from .coder import Coder
from .lexicon import Entry, Lexicon, default_lexicon

__all__ = ["Coder", "Entry", "Lexicon", "default_lexicon"]
