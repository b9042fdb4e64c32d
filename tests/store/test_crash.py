"""A writer killed with SIGKILL in the middle of its work: every committed batch survives, no partial one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bilingual.store import Store

ROOT = Path(__file__).resolve().parents[2]
ROWS_PER_BATCH = 300
ROUNDS = 8

# The child: batch after batch, each one transaction of ROWS_PER_BATCH reviews plus its marker row.
CHILD = r"""
import sys
from bilingual.store import Store
path, first, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = Store(path)
batch = first
while True:
    print(f"begin {batch}", flush=True)
    with s.transaction() as c:
        for i in range(rows):
            c.execute(
                "INSERT INTO reviews(profile_id, card_id, kind, correct, rating, answer, reviewed_at) "
                "VALUES (1, ?, 'key-fact', 1, 3, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                (f"b{batch}-{i}", "إجابة " * 10),
            )
        c.execute("INSERT INTO crash_batches(id, rows) VALUES (?, ?)", (batch, rows))
    print(f"commit {batch}", flush=True)
    batch += 1
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills a process with SIGKILL, a POSIX signal Windows does not have")


def _run_and_kill(path: Path, first: int, rng: random.Random) -> tuple[set[int], int | None]:
    """Start a writer, SIGKILL it after a few commits; returns (batches it reported committed, batch in flight)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(first), str(ROWS_PER_BATCH)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    lines: list[str] = []
    enough = threading.Event()
    target = rng.randint(3, 12)

    def read() -> None:
        for line in child.stdout:
            lines.append(line.split())
            if sum(1 for words in lines if words[0] == "commit") >= target:
                enough.set()
        enough.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert enough.wait(60), "the writer never got going"
    time.sleep(rng.uniform(0, 0.02))  # land anywhere: inside a transaction, in a commit, between batches
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    committed = {int(b) for kind, b in lines if kind == "commit"}
    in_flight = int(lines[-1][1]) if lines and lines[-1][0] == "begin" else None
    return committed, in_flight


def test_sigkill_mid_batch_loses_no_commit_and_leaves_no_partial_batch(data_dir):
    path = data_dir / "bilingual.sqlite3"
    s = Store(path)
    with s.transaction() as c:
        c.execute("INSERT INTO profiles(id, name) VALUES (1, 'default')")
        c.execute("CREATE TABLE crash_batches (id INTEGER PRIMARY KEY, rows INTEGER NOT NULL)")
    s.close()

    rng = random.Random(8)
    reported: set[int] = set()
    kills_mid_batch = 0  # the batch in flight was rolled back: the kill landed inside its transaction
    first = 1
    for _ in range(ROUNDS):
        committed, in_flight = _run_and_kill(path, first, rng)
        reported |= committed

        after = Store(path)  # recovery happens here
        assert after.report.ok, after.report.reason
        assert after.check() == "ok"
        markers = {r[0]: r[1] for r in after.query("SELECT id, rows FROM crash_batches")}
        assert reported <= set(markers), "a batch the writer saw committed is missing"
        per_batch = {
            int(r[0]): r[1]
            for r in after.query("SELECT substr(card_id, 2, instr(card_id, '-') - 2), count(*) FROM reviews GROUP BY 1")
        }
        assert per_batch == dict.fromkeys(markers, ROWS_PER_BATCH), "a partial or unmarked batch is in the database"
        kills_mid_batch += in_flight is not None and in_flight not in markers
        first = max(markers) + 1
        after.close()

    total = Store(path).query("SELECT count(*) FROM reviews")[0][0]
    print(f"{ROUNDS} SIGKILLs ({kills_mid_batch} inside a transaction, rolled back): {len(markers)} batches / {total} rows kept ({len(reported)} seen committed by the writer), integrity ok")
    assert total == ROWS_PER_BATCH * len(markers) >= ROWS_PER_BATCH * len(reported)
    assert kills_mid_batch >= 1  # the kills did land inside transactions, not only between them
