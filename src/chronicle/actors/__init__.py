"""Actors: find who is named in a parsed Doc and resolve them to codes.

An actor code is an ISO 3166 alpha-3 country plus a sector (``SECTORS``),
in the spirit of CAMEO/PLOVER/POLECAT actor coding.

Modules:

``gazetteer``  sector codes, the packaged and user data, lookup by name;
``resolver``   ``ActorResolver``: the resolution rules (listed there), dates;
``phrases``    token and span analysis the rules share (sector phrases, names);
``places``     place qualifiers, cities the gazetteer lacks, territories;
``people``     titles, ranks and names several people share;
``homes``      where an ethnic group or a titled unknown person belongs;
``coref``      pronouns and definite descriptions to earlier actors;
``cities``     city -> country from geonames, for places the gazetteer lacks;
``spans``      the records passed between the rules.

Usage::

    resolver = ActorResolver(Gazetteer.load())
    mentions = resolver.mentions(doc, doc_id, on=datetime.date(2021, 5, 23))
    actor = resolver.actor_for_span(span)
"""

from __future__ import annotations

from .gazetteer import SECTORS, Entry, Gazetteer, Office, SectorLexicon
from .resolver import ActorResolver

__all__ = ["SECTORS", "Office", "Entry", "SectorLexicon", "Gazetteer", "ActorResolver"]
