"""The PLOVER lexicon: entries keyed by verb and noun, loaded from ``data/lexicon/plover.yaml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..records import PLOVER_TYPES

# what an entry may require of its verb: an object, an actor or a non-actor as
# object, no object, a verb complement ("refused to pay"), or a filled target
# slot (for nouns too: "strikes on Gaza" is an attack, "the strike" a walkout)
REQUIREMENTS = (None, "dobj", "actor-dobj", "nonactor-dobj", "no-dobj", "xcomp", "target")


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One lexicon entry: what a predicate codes as, and where its target is."""

    type: str
    mode: str | None = None
    target: tuple[str, ...] = ("dobj",)
    requires: str | None = None  # one of REQUIREMENTS
    theme: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()  # dependency labels that rule the entry out


@dataclass(frozen=True, kw_only=True)
class Lexicon:
    """Verb and noun predicates keyed by lemma, each with its entries in order.

    Keys may be several words: a verb with its particle, preposition or bare
    object ("call on", "open fire", "go on strike"), a noun with its compound
    modifier or of-phrase ("air strike", "state of emergency"). A key with
    several entries codes as the first whose requirements the sentence meets
    ("sent troops" is MOBILIZE, "sent weapons" is AID).
    """

    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    version: str = "1"

    @classmethod
    def load(cls, extra: Path | None = None) -> Lexicon:
        """Return the packaged lexicon, with a user's YAML file merged over it."""
        packaged = resources.files("chronicle") / "data" / "lexicon" / "plover.yaml"
        verbs, nouns, version = _parse_lexicon(packaged.read_text(encoding="utf-8"), "plover.yaml")
        if extra is not None:
            try:
                text = Path(extra).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DataFileError(f"{extra}: cannot read lexicon ({exc})") from exc
            more_verbs, more_nouns, _ = _parse_lexicon(text, str(extra))
            verbs, nouns = {**verbs, **more_verbs}, {**nouns, **more_nouns}
        return cls(verbs=verbs, nouns=nouns, version=version)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping, which plain
    YAML resolves by silently keeping the last entry."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in first:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first given on line {first[key]})", key_node.start_mark)
            first[key] = line
        return super().construct_mapping(node, deep=deep)


def _parse_lexicon(
    text: str, name: str
) -> tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[Entry, ...]], str]:
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader) or {}  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DataFileError(f"{name}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: expected a mapping with 'verbs' and/or 'nouns'")
    out: list[dict[str, tuple[Entry, ...]]] = []
    for section in ("verbs", "nouns"):
        entries: dict[str, tuple[Entry, ...]] = {}
        for lemma, spec in (data.get(section) or {}).items():
            where = f"{name}: {section}.{lemma}"
            specs = spec if isinstance(spec, list) else [spec]
            entries[" ".join(str(lemma).lower().split())] = tuple(
                _entry(one, f"{where}[{n}]" if len(specs) > 1 else where) for n, one in enumerate(specs))
        out.append(entries)
    return out[0], out[1], str(data.get("version", "1"))


def _entry(spec: Any, where: str) -> Entry:
    if not isinstance(spec, dict) or "type" not in spec:
        raise DataFileError(f"{where}: each entry needs at least 'type' (one of {', '.join(PLOVER_TYPES)})")
    type_ = str(spec["type"]).upper()
    if type_ not in PLOVER_TYPES:
        raise DataFileError(f"{where}: unknown PLOVER type {spec['type']!r}; use one of {', '.join(PLOVER_TYPES)}")
    requires = spec.get("requires")
    if requires not in REQUIREMENTS:
        raise DataFileError(f"{where}: 'requires' must be one of {', '.join(map(str, REQUIREMENTS[1:]))}, not {requires!r}")
    return Entry(
        type=type_,
        mode=spec.get("mode"),
        target=tuple(spec.get("target") or ("dobj",)),
        requires=requires,
        theme=frozenset(str(w).lower() for w in spec.get("theme") or ()),
        unless=frozenset(str(d) for d in spec.get("unless") or ()),
    )


@functools.lru_cache(maxsize=4)
def default_lexicon(extra: str | None = None) -> Lexicon:
    """Return the lexicon for this process (cached; ``extra`` is a user file path)."""
    return Lexicon.load(Path(extra) if extra else None)


# verbs that undo what their object names ("end the curfew", "remove restrictions")
REVERSING = {
    "end", "lift", "remove", "scrap", "abolish", "ease", "relax", "cancel", "revoke", "rescind", "repeal",
    "drop", "loosen", "overturn", "annul", "withdraw", "shorten", "dismantle", "unfreeze", "reverse",
}
EASING = Entry(type="RETREAT", mode="ease", target=("prep:on", "prep:against", "prep:in", "prep:to"))
