"""One Settings dataclass: defaults in code, CLI flags on top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a pipeline run needs to know besides its inputs."""

    # document date for inputs whose metadata carries none (--date)
    default_date: dt.date | None = None
    # user data merged over the packaged gazetteer and lexicon
    actors_file: Path | None = None
    lexicon_file: Path | None = None
    # documents per nlp.pipe batch and per store transaction
    batch_size: int = 32
    # ... and a batch closes early at this many characters: parser memory grows
    # with the text in flight (32 long articles peaked at 1.6 GB RSS)
    batch_chars: int = 200_000
    # events below this confidence are not emitted
    min_confidence: float = 0.0
    # processes that parse and analyse batches (1: in this process); with the
    # dask engine and no scheduler, the workers of the local Dask cluster
    workers: int = 1
    # "local" (this machine: one process or --workers processes) or "dask"
    engine: str = "local"
    # address of a running Dask scheduler (tcp://host:8786) for engine "dask";
    # None starts a local Dask cluster for the run
    scheduler: str | None = None
    # inputs larger than this are skipped (bytes)
    max_bytes: int = 50 * 1024 * 1024
