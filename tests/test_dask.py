"""ingest --engine dask on a LocalCluster of two worker processes: the store equals the local engine's.

Loads the spaCy model in each worker. Skipped when Dask (chronicle[dask]) is not installed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")

from distributed import Client, LocalCluster  # noqa: E402 - only when Dask is installed

from chronicle import cli  # noqa: E402
from chronicle import distributed as engine  # noqa: E402
from chronicle.errors import ClusterError, ExtraMissingError, UsageError  # noqa: E402

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, as `dask worker --nthreads 1 --nworkers 2` starts them."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    """The test's own client of the cluster: worker pids, what each worker holds."""
    with Client(cluster, set_as_default=False) as c:
        yield c


def invoke(*args: str):
    result = CliRunner().invoke(cli.app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def chronicle(*args: str) -> subprocess.CompletedProcess:
    """Run the real command in a child process (exit code, stderr)."""
    return subprocess.run([sys.executable, "-m", "chronicle", *args], capture_output=True, text=True, cwd=ROOT)


def corpus(folder: Path, n: int) -> Path:
    """Write n distinct short articles as one JSONL file."""
    towns = ["Minsk", "Grodno", "Brest", "Gomel", "Vitebsk", "Mogilev"]
    path = folder / "many.jsonl"
    with path.open("w") as f:
        for i in range(n):
            text = (f"Police detained {i + 3} protesters in {towns[i % len(towns)]} on Sunday, according to Viasna. "
                    f"The opposition accused the government of brutality in report number {i}.")
            f.write(json.dumps({"id": f"a{i}", "published": "2021-03-01", "text": text}) + "\n")
    return path


def local_store(source: Path, db: Path) -> Path:
    result = invoke("ingest", str(source), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_ingest_on_a_dask_cluster_stores_what_the_local_engine_does(cluster, tmp_path, store_content):
    local = local_store(FIXTURES, tmp_path / "local.db")
    proc = chronicle("ingest", str(FIXTURES), "--db", str(tmp_path / "dask.db"), "--batch-size", "1",
                     "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert proc.returncode == 0, proc.stderr
    assert "4 new, 0 already present, 0 failed" in proc.stdout
    assert proc.stderr == "", "dask's own logging stays quiet"
    assert store_content(tmp_path / "dask.db") == store_content(local)


def test_engine_dask_without_a_scheduler_runs_a_local_cluster_for_the_run(tmp_path, store_content):
    local = local_store(FIXTURES, tmp_path / "local.db")
    proc = chronicle("ingest", str(FIXTURES), "--db", str(tmp_path / "dask.db"), "--batch-size", "2",
                     "--engine", "dask", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert store_content(tmp_path / "dask.db") == store_content(local)


def _inject_failures(mode: str) -> Callable[[], None]:
    """Return a function that makes a worker's batches fail: the first run of each ("once"), or every run."""

    def patch() -> None:
        from chronicle import distributed, pipeline

        failed: list[str] = []

        def analyse(batch, settings):  # noqa: ANN001, ANN202
            first = batch[0][1]
            if mode == "always" or first not in failed:
                failed.append(first)
                raise RuntimeError(f"injected failure on {first}")
            return pipeline._analyse_list(batch, settings)

        distributed._analyse_list = analyse
        distributed.injected = failed

    return patch


def _restorer() -> Callable[[], int]:
    """Return a function that undoes ``_inject_failures`` on a worker and says how many runs it failed."""

    def restore() -> int:
        from chronicle import distributed, pipeline

        distributed._analyse_list = pipeline._analyse_list
        return len(getattr(distributed, "injected", ()))

    return restore


def test_a_batch_that_fails_is_run_again(cluster, client, tmp_path, store_content):
    local = local_store(FIXTURES, tmp_path / "local.db")
    client.run(_inject_failures("once"))
    try:
        result = invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "dask.db"), "--batch-size", "1",
                        "--engine", "dask", "--scheduler", cluster.scheduler_address)
    finally:
        failures = sum(client.run(_restorer()).values())
    assert result.exit_code == 0, result.output
    assert failures >= 4, "each of the 4 batches failed at least once"
    assert store_content(tmp_path / "dask.db") == store_content(local)


def test_a_batch_that_always_fails_stops_the_ingest_with_one_error(cluster, client, tmp_path):
    client.run(_inject_failures("always"))
    try:
        with pytest.raises(ClusterError, match=r"failed on the cluster 4 times \(RuntimeError: injected failure"):
            invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "dask.db"), "--batch-size", "1",
                   "--engine", "dask", "--scheduler", cluster.scheduler_address)
    finally:
        client.run(_restorer())


def test_an_unreachable_scheduler_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 0.5)
    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 within 0\.5 s"):
        invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "c.db"), "--engine", "dask",
               "--scheduler", "tcp://127.0.0.1:9")
    with pytest.raises(UsageError, match="write it as tcp://HOST:8786"):
        invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "c.db"), "--engine", "dask", "--scheduler", "nowhere")
    with pytest.raises(UsageError, match="--scheduler needs --engine dask"):
        invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "c.db"), "--scheduler", "tcp://127.0.0.1:9")


def test_without_dask_installed_the_error_says_which_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` raises ImportError
    with pytest.raises(ExtraMissingError, match=r"install chronicle\[dask\], i\.e\. `pip install '\.\[dask\]'`"):
        invoke("ingest", str(FIXTURES), "--db", str(tmp_path / "c.db"), "--engine", "dask")


# Last in the module: the killed worker is restarted by its nanny, and a test
# after this one could find the cluster with one worker while that happens.


def _kill_a_busy_worker(client: Client) -> int:
    """SIGKILL a worker process that is running a batch or holds a result not yet fetched; return its pid."""
    processing, holding = client.processing(), client.has_what()
    busy = [w for w in processing if processing[w]] or [w for w in holding if holding[w]]
    assert busy, "batches are in flight"
    pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
    os.kill(pid, signal.SIGKILL)
    return pid


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, client, tmp_path, monkeypatch, store_content):
    n = 120
    source = corpus(tmp_path, n)
    local = local_store(source, tmp_path / "local.db")
    killed: list[int] = []
    read = cli._inputs

    def inputs(paths: list[str], settings) -> Iterator:  # noqa: ANN001
        for i, item in enumerate(read(paths, settings)):
            if i == n // 3:  # 20 batches submitted, the last few still on the workers
                killed.append(_kill_a_busy_worker(client))
            yield item

    monkeypatch.setattr(cli, "_inputs", inputs)
    result = invoke("ingest", str(source), "--db", str(tmp_path / "dask.db"), "--batch-size", "2",
                    "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert killed and killed[0] not in client.run(os.getpid).values(), "the worker died mid-run"
    assert f"documents: {n} new, 0 already present, 0 failed" in result.stdout, "no batch written twice"
    stored = store_content(tmp_path / "dask.db")
    assert sorted(row[1] for row in stored["documents"]) == sorted(f"a{i}" for i in range(n)), "each document once"
    assert stored == store_content(local)
