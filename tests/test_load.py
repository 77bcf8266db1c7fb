"""Load on the real server: 100 connections for 15 seconds over a mix of pages and
assets (benchmarks/soak.py). Every answer must come back, none a 5xx, and memory
must stay flat once the first 10,000 answers are in."""

from __future__ import annotations

from benchmarks.soak import WARM_UP, soak, table
from tests.servers import GuideServer, journey_locales

SECONDS = 15
CONNECTIONS = 100


def test_a_long_busy_spell_gets_every_answer_with_flat_memory() -> None:
    server = GuideServer(locales_dir=journey_locales())
    server.deploy()
    try:
        assert server.process is not None
        # Enough answers that "the first" and "the last" 10,000 do not overlap, even
        # when the other test process keeps the machine busy.
        result = soak(server.url, server.process.pid, SECONDS, CONNECTIONS, 2 * WARM_UP)
        assert server.process.poll() is None, "the server died under load"
    finally:
        server.stop()
    print("\n" + table(result, CONNECTIONS))  # the figures for the README (pytest -s)
    assert result.errors == []
    assert result.server_errors == 0
    assert set(result.statuses) <= {200, 301, 302, 404}
    assert result.requests >= 2 * WARM_UP
    assert result.memory_growth < 0.10, (
        result.memory_after_warm_up_mb,
        result.memory_at_end_mb,
    )
