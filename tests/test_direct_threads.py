"""The direct engine's threads are plain Python threads: fork-safe, and results independent of workers."""
import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_FORK_SCRIPT = textwrap.dedent("""
    import multiprocessing as mp
    import numpy as np
    from convkit._engines import direct as D

    def job(workers):
        rng = np.random.default_rng(workers)
        x = rng.standard_normal(200000)
        h = rng.standard_normal(64)
        r = D.convolve(x, h, (0,), (200063,), (0,), workers=workers)
        return float(np.abs(r - np.convolve(x, h)).max())

    if __name__ == "__main__":
        job(2)                      # a threaded call in the parent first
        maps = open("/proc/self/maps").read()
        assert "libgomp" not in maps and "libtbb" not in maps and "libiomp" not in maps, "an OpenMP/TBB runtime loaded"
        ctx = mp.get_context("fork")
        with ctx.Pool(2) as pool:
            errs = pool.map(job, [1, 2, 2, 1])
        assert max(errs) < 1e-9, errs
        job(2)                      # and the parent still threads afterwards
        print("ok")
""")


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method and /proc/self/maps")
def test_fork_pool_after_threaded_call(tmp_path):
    script = tmp_path / "fork_after_threads.py"
    script.write_text(_FORK_SCRIPT)
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    try:
        res = subprocess.run([sys.executable, str(script)], check=False, env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail("a fork pool after a threaded direct call hung")
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip().endswith("ok")


def test_worker_errors_propagate(monkeypatch):
    from convkit._engines.direct import _threads

    def fail(i0, i1):
        if i0 > 0:
            raise ValueError("chunk failed")

    with pytest.raises(ValueError, match="chunk failed"):
        _threads.run_chunks(fail, [0, 1, 2, 3], 2)


def test_chunks_each_run_once():
    import threading

    from convkit._engines.direct import _threads
    seen = []
    lock = threading.Lock()

    def record(i0, i1):
        with lock:
            seen.append((i0, i1))

    bounds = [0, 3, 3, 7, 20, 21]
    _threads.run_chunks(record, bounds, 3)
    assert sorted(seen) == [(0, 3), (3, 7), (7, 20), (20, 21)]
