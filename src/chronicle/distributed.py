"""The Dask engine: the same pipeline functions, batches analysed on a cluster.

``run_dask`` is ``pipeline._run_parallel`` with a Dask client in place of a
process pool. Cleaning, the store lookups and writing stay in this process;
each batch of cleaned documents goes to a worker as one task running
``pipeline._analyse_list``. A worker process keeps the model and the stages
it loaded (``nlp.load``, ``pipeline._stages`` are cached per process), so it
loads them once however many batches it runs.

What comes back is what the local engine yields, in the same order, and the
caller stays the one writer:

- a batch whose task raises is run again, up to ``RETRIES`` more times;
- a batch on a worker that dies is given to another worker by the scheduler
  (up to ``distributed.scheduler.allowed-failures`` deaths, 3 by default);
- each batch's result is taken from its future exactly once, so nothing is
  lost and nothing is yielded twice.

At most two batches per worker thread are in flight, so memory stays bounded.
Dask is an optional extra: ``pip install '.[dask]'`` in Chronicle's folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .errors import ChronicleError, ClusterError, ExtraMissingError, UsageError
from .pipeline import Result, _analyse_list, _batches
from .records import Document, RawArticle, Skip
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger(__name__)

# a task that raises is run this many more times before the ingest stops
RETRIES = 3
# seconds to wait for the scheduler before giving up (dask's own default is 30)
CONNECT_TIMEOUT = 10.0
# batches in flight per worker thread: one running, one waiting to start
IN_FLIGHT_PER_THREAD = 2

_AGAIN = "the batches already stored are committed: run the same command again to finish"

# spaCy's pipeline is not safe to run from two threads at once: a worker
# started with --nthreads > 1 runs its batches one at a time
_ANALYSE_LOCK = threading.Lock()


def run_dask(
    items: Iterable[RawArticle | Skip], settings: Settings, known: Callable[[str], bool] | None
) -> Iterator[Result]:
    """Yield one result per input, as ``pipeline.run`` does, analysing batches on a Dask cluster.

    With ``settings.scheduler`` (``tcp://host:8786``) it connects to that
    scheduler; without, it starts a cluster of ``settings.workers`` local
    processes (one thread each) and closes it at the end.
    """
    # workers on other machines resolve relative paths against their own directory
    settings = dataclasses.replace(
        settings,
        actors_file=settings.actors_file.resolve() if settings.actors_file else None,
        lexicon_file=settings.lexicon_file.resolve() if settings.lexicon_file else None,
    )
    where = f"the Dask scheduler at {settings.scheduler}" if settings.scheduler else "the local Dask cluster"
    with _client(settings) as client:
        _check_versions(client)
        pending: deque[tuple[Future, str]] = deque()  # each batch's future, and words naming the batch
        for part in _batches(items, settings, known):
            if not isinstance(part, list):
                yield part
                continue
            future = client.submit(_analyse_on_worker, part, settings, pure=False, retries=RETRIES)
            pending.append((future, f"the batch of {len(part)} document(s) starting with {part[0][1]}"))
            if len(pending) >= IN_FLIGHT_PER_THREAD:  # ask the scheduler only when it may matter
                slots = IN_FLIGHT_PER_THREAD * _threads(client, where)
                while len(pending) >= slots:
                    yield from _result(*pending.popleft(), where)
        while pending:
            yield from _result(*pending.popleft(), where)


def _analyse_on_worker(batch: list[tuple[Document, str]], settings: Settings) -> list[Result]:
    """Return ``pipeline._analyse_list(batch, settings)`` (runs on a Dask worker)."""
    with _ANALYSE_LOCK:
        return _analyse_list(batch, settings)


def _threads(client: Client, where: str) -> int:
    """Return the number of worker threads of the cluster now (at least 1: batches wait for a worker)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except OSError as exc:  # distributed's CommClosedError is one
        raise ClusterError(f"lost the connection to {where}; {_AGAIN}") from exc


def _result(future: Future, what: str, where: str) -> list[Result]:
    """Return a batch's results, or raise ClusterError naming the batch when it failed for good."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    try:
        return future.result()
    except ChronicleError:
        raise  # raised by the pipeline itself (a bad --actors/--lexicon file): same on every worker
    except KilledWorker as exc:
        raise ClusterError(
            f"{what} was running on workers that died each time; the workers' logs say why "
            f"(often memory: each worker process needs about 0.5 GB); {_AGAIN}"
        ) from exc
    except CancelledError as exc:  # the scheduler went away, or cancelled the task
        raise ClusterError(f"lost {what} with the connection to {where}; {_AGAIN}") from exc
    except Exception as exc:  # noqa: BLE001 - any failure of a task, after its retries, stops the ingest
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise ClusterError(f"{what} failed on the cluster {RETRIES + 1} times ({reason}); {_AGAIN}") from exc


@contextlib.contextmanager
def _client(settings: Settings) -> Iterator[Client]:
    """Yield a client of the scheduler at ``settings.scheduler``, or of a local cluster started for this run."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ExtraMissingError(
            f"--engine dask needs Dask, which is not installed ({exc}): install chronicle[dask], "
            "i.e. `pip install '.[dask]'` in Chronicle's folder"
        ) from exc
    quiet = logging.getLogger().getEffectiveLevel() > logging.DEBUG
    if quiet:
        _silence_dask()
    with contextlib.ExitStack() as stack:
        if settings.scheduler is None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=settings.workers, threads_per_worker=1, processes=True,
                silence_logs=logging.CRITICAL if quiet else False,
                # no dashboard, and its HTTP server on a free port, not 8787 (maybe taken)
                dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
            ))
            client = stack.enter_context(Client(cluster, set_as_default=False))
        else:
            _check_address(settings.scheduler)
            try:
                client = Client(settings.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except OSError as exc:  # refused or timed out
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {settings.scheduler} within {CONNECT_TIMEOUT:g} s "
                    f"({type(exc).__name__}: {exc}); start one with `dask scheduler` and give its "
                    "address as --scheduler tcp://HOST:8786 (docs/distributed.md)"
                ) from exc
            stack.enter_context(client)
            log.info("connected to the Dask scheduler at %s", settings.scheduler)
        yield client


def _silence_dask() -> None:
    """Set dask's loggers to CRITICAL, for the rest of the process.

    Dask logs at INFO to stderr: workers starting and stopping, lost
    connections, tracebacks of retried tasks. What matters reaches the user as
    Chronicle's own one-line error, and ``chronicle --debug`` (the root logger
    at DEBUG) leaves dask's logging as it is. Not restored after the run: the
    client's event-loop thread still logs after the client is closed.
    """
    for name, logger in list(logging.root.manager.loggerDict.items()):
        # dask gives "distributed.client" and a few others levels of their own
        if isinstance(logger, logging.Logger) and (name == "distributed" or name.startswith("distributed.")):
            if name == "distributed" or logger.level != logging.NOTSET:
                logger.setLevel(logging.CRITICAL)


def _check_address(address: str) -> None:
    """Raise UsageError unless ``address`` is a scheduler address such as ``tcp://host:8786``."""
    from distributed.comm.addressing import get_address_host_port

    try:
        get_address_host_port(address)
    except ValueError as exc:
        raise UsageError(f"--scheduler {address!r}: {exc}; write it as tcp://HOST:8786") from exc


def _check_versions(client: Client) -> None:
    """Raise ClusterError when a connected worker lacks chronicle or runs another version of it."""
    mine = _version()
    try:
        theirs: dict[str, Any] = client.run(_version)
    except Exception as exc:  # noqa: BLE001 - typically: chronicle is not importable on a worker
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise ClusterError(
            f"a Dask worker cannot run Chronicle ({reason}); install the same Chronicle, with its "
            "[dask] extra, on every worker machine (docs/distributed.md)"
        ) from exc
    if not theirs:
        log.warning("the Dask cluster has no workers yet: batches wait until one connects")
    other = {worker: version for worker, version in theirs.items() if version != mine}
    if other:
        listed = ", ".join(f"{worker} has {version}" for worker, version in sorted(other.items()))
        raise ClusterError(
            f"every Dask worker needs chronicle {mine}, the version of this machine: {listed}"
        )


def _version() -> str | None:
    """Return the installed chronicle version, or None when it runs from a source tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chronicle")
    except PackageNotFoundError:
        return None
