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
    i, j = rng.integers(-1000, 1000, 100000), rng.integers(-1000, 1000, 64)
    CALLS = [("2-D float64", convkit.convolve, (x, h, "same")),
             ("1-D complex64", convkit.correlate, (c.astype(np.complex64), k.astype(np.complex64), "full")),
             ("1-D int32", convkit.convolve, (i.astype(np.int32), j.astype(np.int32), "valid"))]

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
    assert [r[0] for r in rows] == ["2-D float64", "1-D complex64", "1-D int32"]
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
