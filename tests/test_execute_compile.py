"""CONVKIT_COMPILE: by default (background) a call whose direct kernels are not compiled yet runs on the
direct engine's plain loop while a separate process compiles them, and says so; with 'foreground' (or 'wait')
it waits for them. Every call gives the same bits either way, in one process and across processes. Which loop
ran is checked (what this process compiled), not how long it took."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import hashlib, time
    import numpy as np, scipy.signal as ss
    import convkit
    from convkit import _execute_compile
    from convkit._engines.direct import _drivers, _engine
    rng = np.random.default_rng(0)
    x, h = rng.standard_normal((300, 310)), rng.standard_normal((5, 5))
    x[7, 9] = np.nan                       # direct's finiteness holds on the plain loop too
    c, k = rng.standard_normal(100000) + 1j * rng.standard_normal(100000), rng.standard_normal(64) + 0j
    # (2-D: 1-D integer calls run the small-call path's int-shift route, not the engine)
    i, j = rng.integers(-1000, 1000, (400, 2000)), rng.integers(-1000, 1000, (1, 64))
    CALLS = [("2-D float64", convkit.convolve, (x, h, "same")),
             ("1-D complex64", convkit.correlate, (c.astype(np.complex64), k.astype(np.complex64), "full")),
             ("2-D int32", convkit.convolve, (i.astype(np.int32), j.astype(np.int32), "valid"))]

    ran = []   # which of the engine's runners a call used: the tiled drivers or the plain loop
    for runner in ("run", "run_plain"):
        setattr(_engine, runner, lambda *a, f=getattr(_engine, runner), n=runner: (ran.append(n), f(*a))[1])

    def call(f, args):
        ran.clear()
        out = f(*args)
        return out, {"run": "tiled", "run_plain": "plain"}[ran[0]] if len(set(ran)) == 1 else str(ran)

    def words(choice):
        return choice.method + (" plain" if "plain loop" in choice.reason else "")

    def drivers():   # tiled drivers compiled or loaded in this process
        return sum(len(getattr(_drivers, n).signatures) for n in ("tiles", "blocks", "columns"))

    for name, f, args in CALLS:
        said = words(convkit.choose_method(*args))
        before = drivers()
        first, how = call(f, args)
        line = [name, said, how, hashlib.sha1(first.tobytes()).hexdigest()[:12], str(drivers() - before)]
        deadline = time.time() + 600
        while "plain" in words(convkit.choose_method(*args)):
            assert time.time() < deadline, "background compile never finished"
            _execute_compile.wait(60)
        later, how = call(f, args)
        line += [words(convkit.choose_method(*args)), how, hashlib.sha1(later.tobytes()).hexdigest()[:12]]
        print(" | ".join(line))
    ref = ss.convolve(x, h, "same", method="direct")
    out = convkit.convolve(x, h, "same")
    assert np.array_equal(np.isnan(out), np.isnan(ref)), "NaN pattern differs"
    assert np.allclose(out[~np.isnan(ref)], ref[~np.isnan(ref)], rtol=1e-10, atol=1e-10)
""")


def _run(tmp_path, mode):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / f"numba-{mode}"), PYTHONPATH=str(ROOT))
    env.pop("CONVKIT_COMPILE", None)
    if mode:
        env["CONVKIT_COMPILE"] = mode
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=1200,
                          cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [line.split(" | ") for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def waited(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("wait"), "wait")


def test_background_is_the_default_runs_the_plain_loop_then_the_tiled_one_same_bits(tmp_path, waited):
    rows = _run(tmp_path, None)
    assert [r[0] for r in rows] == ["2-D float64", "1-D complex64", "2-D int32"]
    for (name, said, ran, bits, drivers, later_said, later_ran, later_bits), other in zip(rows, waited):
        # first: explain says the plain loop, the plain loop ran, this process compiled no tiled driver
        assert (said, ran, drivers) == ("direct plain", "plain", "0"), name
        # once the background process filled the cache: explain says direct, the tiled drivers run
        assert (later_said, later_ran) == ("direct", "tiled"), name
        # the same bits before and after the kernels were ready, and as a process that waited for them
        assert bits == later_bits == other[3], name


def test_foreground_waits_for_the_compile_and_runs_the_tiled_loops(waited):
    for name, said, ran, bits, drivers, later_said, later_ran, later_bits in waited:
        assert (said, ran, later_said, later_ran) == ("direct", "tiled", "direct", "tiled"), name
        assert drivers != "0" and bits == later_bits, name   # compiled here, in the call


def test_modes_parse_strictly(monkeypatch):
    from convkit import _execute_compile

    monkeypatch.delenv("CONVKIT_COMPILE", raising=False)
    assert _execute_compile.background()
    for mode, expected in (("background", True), ("Foreground", False), ("wait", False)):
        monkeypatch.setenv("CONVKIT_COMPILE", mode)
        assert _execute_compile.background() is expected
    monkeypatch.setenv("CONVKIT_COMPILE", "sometimes")
    with pytest.raises(ValueError, match="CONVKIT_COMPILE"):
        _execute_compile.background()


class _Geometry(NamedTuple):
    name: str
    dtype: str


G, HUGE = _Geometry("g", "float64"), _Geometry("huge", "complex128")


class _Proc:
    """A background compile process that runs until ``done``."""

    def __init__(self):
        self.done = False

    def poll(self):
        return 0 if self.done else None


class _Engine:
    """What ready_or_start asks the direct engine, for a shape with a rank-one variant."""

    def __init__(self):
        self.compiled_keys = set()
        self.asked = 0

    def needs(self, g, b=None):
        self.asked += 1
        return ("rank one" if b is not None and b == "rank one" else "plain", g)

    def variants(self, g):
        return (("plain", g), ("rank one", g))

    def slow_to_compile(self, key):
        return True

    def cost(self, g):
        from convkit._engines import Cost
        return Cost(2e9 if g.name == "huge" else 1e6, 0.0)

    def compiled(self, g, b=None):
        return self.needs(g, b) in self.compiled_keys


@pytest.fixture
def stub(monkeypatch):
    from convkit import _execute_compile as ec

    eng, procs = _Engine(), []
    monkeypatch.setattr(ec._engines, "get", lambda name: eng)
    monkeypatch.setattr(ec, "_spawn", lambda key: procs.append((key, _Proc())) or procs[-1][1])
    for name in ("_ready", "_ready_geometries", "_ready_kernels", "_started"):
        monkeypatch.setattr(ec, name, type(getattr(ec, name))())
    monkeypatch.setattr(ec, "_running", [])
    return ec, eng, procs


def test_one_background_compile_at_a_time_and_each_variant_checked_until_all_are_ready(stub):
    ec, eng, procs = stub
    assert not ec.ready_or_start(G, "other")          # nothing compiled: a process starts
    assert not ec.ready_or_start(G, "rank one")       # another is running: no second process
    assert [key for key, _ in procs] == [("plain", G)]
    eng.compiled_keys.add(("plain", G))
    procs[0][1].done = True
    assert ec.ready_or_start(G, "other")              # the process filled the cache
    # the rank-one passes are not compiled: a call with a rank-one kernel must not run the tiled path
    assert not ec.ready_or_start(G, "rank one")
    assert [key for key, _ in procs] == [("plain", G), ("rank one", G)]
    eng.compiled_keys.add(("rank one", G))
    procs[1][1].done = True
    assert ec.ready_or_start(G, "rank one")
    asked = eng.asked
    assert ec.ready_or_start(G, "other") and ec.ready_or_start(G, "rank one")
    assert eng.asked == asked                           # every variant ready: no per-call look-up


def test_a_compile_that_ends_without_filling_the_cache_lets_the_call_compile(stub):
    ec, eng, procs = stub
    assert not ec.ready_or_start(G)
    procs[0][1].done = True                             # ended, cache still empty (not writable)
    assert ec.ready_or_start(G)
    assert len(procs) == 1


def test_a_call_too_large_for_the_plain_loop_compiles_its_kernels_itself(stub):
    ec, eng, procs = stub
    assert ec.ready_or_start(HUGE) and not procs       # waits: the plain loop would take longer
    assert not ec.ready_or_start(G) and len(procs) == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_starts_its_own_compile(stub):
    ec, eng, procs = stub
    assert not ec.ready_or_start(G) and len(procs) == 1   # the parent's compile runs
    pid = os.fork()
    if pid == 0:   # the child: the parent's process is not its own, so it starts one
        ok = not ec.ready_or_start(G) and len(procs) == 2
        os._exit(0 if ok else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert not ec.ready_or_start(G) and len(procs) == 1   # the parent still waits on its own
