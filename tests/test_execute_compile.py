"""CONVKIT_COMPILE: by default a call waits for its direct kernels (reproducible); with 'background' it runs on an
FFT engine while a separate process compiles them, and says so. Which engine ran is checked, not how long it took."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import sys, time
    import numpy as np, scipy.signal as ss
    import convkit
    from convkit import _dispatch as dispatch, _engines as engines
    from convkit._problem import normalize_convolve
    rng = np.random.default_rng(0)
    x, h = rng.standard_normal((300, 310)), rng.standard_normal((5, 5))
    x[7, 9] = np.nan                       # direct's finiteness must hold on the stand-in engine too
    choice = convkit.choose_method(x, h, "same")
    out = convkit.convolve(x, h, "same")
    ref = ss.convolve(x, h, "same", method="direct")
    assert np.array_equal(np.isnan(out), np.isnan(ref)), "NaN pattern differs"
    ok = np.isfinite(ref)
    assert np.allclose(out[ok], ref[ok], rtol=1e-10, atol=1e-10)
    print("first", choice.method, "compiling" in choice.reason)
    g = dispatch.geometry(normalize_convolve(x, h, "same", "auto", correlate=False, workers=None))
    deadline = time.time() + 600
    while not engines.get("direct").compiled(g):
        assert time.time() < deadline, "background compile never finished"
        time.sleep(0.5)
    later = convkit.choose_method(x, h, "same")
    print("later", later.method, "compiling" in later.reason)
""")


def _run(tmp_path, mode):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"), PYTHONPATH=str(ROOT))
    env.pop("CONVKIT_COMPILE", None)
    if mode:
        env["CONVKIT_COMPILE"] = mode
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=900,
                          cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.split("\n")


def test_background_compile_runs_elsewhere_then_direct(tmp_path):
    first, later = _run(tmp_path, "background")[:2]
    assert first in ("first fft True", "first oa True"), first
    assert later == "later direct False", later


def test_default_waits_for_the_compile_and_runs_direct(tmp_path):
    first, later = _run(tmp_path, None)[:2]
    assert first == "first direct False", first
    assert later == "later direct False", later


def test_malformed_mode_names_the_variable(monkeypatch):
    from convkit import _execute_compile

    monkeypatch.setenv("CONVKIT_COMPILE", "sometimes")
    with pytest.raises(ValueError, match="CONVKIT_COMPILE"):
        _execute_compile.background()
