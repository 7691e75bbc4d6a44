"""The web UI in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

The server is uvicorn on 127.0.0.1 in a thread, over a store filled from
examples/. Screenshots go to tests/artifacts/ for a person to look at.
Skipped when /usr/bin/chromium is absent (CI installs it: apt-get install chromium).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHRONICLE_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).parent / "artifacts"
ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn
    from typer.testing import CliRunner

    from chronicle.cli import app as cli
    from chronicle.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "examples.db"
    result = CliRunner().invoke(cli, ["ingest", str(ROOT / "examples"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    # offline: the page must not reach for any other host (no CDN)
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
               else (errors.append(f"external request: {route.request.url}"), route.abort()))
    yield page
    context.close()
    assert errors == []


def test_timeline_loads_and_filters_by_actor(page) -> None:
    page.goto("/")
    bars = page.locator("svg#timeline a.bar")
    assert bars.count() > 3
    assert page.locator("svg#timeline rect.cooperative").count() > 0
    assert page.locator("svg#timeline rect.conflictual").count() > 0
    all_events = int(page.locator("h2#listing").inner_text().split()[0])
    page.screenshot(path=ARTIFACTS / "timeline.png", full_page=False)

    page.fill("input#actor", "Lukashenko")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/?actor=Lukashenko**")
    filtered = int(page.locator("h2#listing").inner_text().split()[0])
    assert 0 < filtered < all_events
    rows = page.locator("table.events tbody tr")
    assert rows.count() == filtered
    for i in range(rows.count()):
        assert "Lukashenko" in rows.nth(i).inner_text() or "Lukashenko" in page.content()
    page.screenshot(path=ARTIFACTS / "timeline-lukashenko.png", full_page=False)

    page.select_option("select#type", "ACCUSE")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**type=ACCUSE**")
    types = page.locator("table.events tbody td span.type").all_inner_texts()
    assert types and set(types) == {"ACCUSE"}


def test_timeline_bar_zooms_in(page) -> None:
    page.goto("/?granularity=year")
    page.locator("svg#timeline a.bar[data-period='2020']").click()
    page.wait_for_url("**since=2020**")
    assert "by month" in page.locator(".chart-head").inner_text()
    page.screenshot(path=ARTIFACTS / "timeline-2020.png", full_page=False)
    page.click("a#zoom-out")
    page.wait_for_load_state()
    assert "since=2020" not in page.url


def test_event_page_highlights_the_evidence(page) -> None:
    page.goto("/?actor=Lukashenko")
    page.locator("table.events tbody td.sentence a").first.click()
    page.wait_for_url("**/events/*")
    mark = page.locator("mark#evidence")
    assert mark.count() == 1
    event_id = page.url.rsplit("/", 1)[-1]
    data = page.request.get(f"/api/events/{event_id}").json()
    text, start, end = data["document"]["text"], data["event"]["start"], data["event"]["end"]
    assert mark.inner_text().strip() == text[start:end].strip() == data["event"]["sentence"].strip()
    assert mark.is_visible()
    assert "Other reports" in page.content()
    page.screenshot(path=ARTIFACTS / "event.png", full_page=False)


def test_network_draws_actors_and_edges(page) -> None:
    page.goto("/network")
    page.wait_for_selector("svg#network[data-ready='1']", timeout=10_000)
    assert page.locator("svg#network circle").count() >= 5
    assert page.locator("svg#network line").count() >= 3
    page.screenshot(path=ARTIFACTS / "network.png", full_page=False)
    page.locator("svg#network g.node circle").first.click()
    page.wait_for_url("**/?actor=**")


def test_search_finds_words_of_the_evidence(page) -> None:
    page.goto("/")
    page.fill("header form.search input[name=q]", "paratroopers")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/events?q=paratroopers**")
    links = page.locator("table.events tbody td.sentence a")
    sentences = [links.nth(i).get_attribute("title") or "" for i in range(links.count())]
    assert sentences and all("paratroopers" in s.lower() for s in sentences)
    page.screenshot(path=ARTIFACTS / "search.png", full_page=False)
