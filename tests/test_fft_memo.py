"""The ESTIMATE plan memo (``CONVKIT_FFTW_PLAN_MEMO``): one record per plan bundle.

Each case runs in fresh interpreters. A plan rebuilt from its record must give
the bits that planning from nothing gives, whatever order the sizes come in.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyfftw")

ROOT = Path(__file__).resolve().parents[1]

# Small (separate buffers) and large (in place) 1-D, 2-D, complex, batched and overlap-save calls,
# then a stream; each process reports its digests and which records it read from disk.
_SCRIPT = r"""
import hashlib, json, sys
import numpy as np
import convkit
from convkit._engines import _fft_plans
found = []
_read = _fft_plans._memo_read


def read(key):
    wis = _read(key)
    found.append(wis is not None)        # whether the record existed when asked for
    return wis


_fft_plans._memo_read = read
rng = np.random.default_rng(7)
cases = [((1000,), (100,), "fft", "d"), ((90_000,), (3_001,), "fft", "d"), ((120, 96), (15, 9), "fft", "d"),
         ((3000,), (200,), "fft", "D"), ((16, 2048), (1, 65), "fft", "f"), ((60_000,), (501,), "oa", "d")]
data = [(rng.standard_normal(a).astype(dt) + (1j * rng.standard_normal(a) if dt == "D" else 0),
         rng.standard_normal(b).astype(dt), m) for a, b, m, dt in cases]
order = list(range(len(cases)))
if sys.argv[1] == "reversed":
    order.reverse()
digests = {}
for i in order:
    x, h, m = data[i]
    digests[i] = hashlib.sha256(np.ascontiguousarray(convkit.convolve(x, h, method=m)).tobytes()).hexdigest()
sc = convkit.StreamConvolver(rng.standard_normal(3000), block_size=64)
s = np.concatenate([sc.feed(rng.standard_normal(5000)), sc.flush()])
print(json.dumps({"digests": [digests[i] for i in range(len(cases))] + [hashlib.sha256(s.tobytes()).hexdigest()],
                  "asked": len(found), "hits": sum(found)}))
"""


def _run(tmp_path, order="forward", **env):
    full = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **env)
    full.pop("CONVKIT_FFTW_PLAN_MEMO_DIR", None)
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, order], capture_output=True, text=True,
                          env=full, timeout=300, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _records(tmp_path):
    base = tmp_path / "cache" / "convkit" / "fftw_plans"
    return sorted(base.rglob("*.pickle")) if base.exists() else []


def test_plans_from_the_memo_give_the_same_bits(tmp_path):
    plain = _run(tmp_path, CONVKIT_FFTW_PLAN_MEMO="0")
    assert plain["asked"] == 0 and not _records(tmp_path)        # off: nothing read or written
    first = _run(tmp_path, "reversed")                            # plans from nothing, records them
    assert first["asked"] > 0 and first["hits"] == 0
    recorded = len(_records(tmp_path))        # all but the bundles that plan faster than a record costs
    assert 0 < recorded <= first["asked"]
    again = _run(tmp_path)                                        # every recorded plan rebuilt from it
    assert again["asked"] == first["asked"] and again["hits"] == recorded
    assert plain["digests"] == first["digests"] == again["digests"]


def test_a_damaged_record_is_ignored_and_replaced(tmp_path):
    plain = _run(tmp_path, CONVKIT_FFTW_PLAN_MEMO="0")
    _run(tmp_path)
    records = _records(tmp_path)
    for path in records:
        path.write_bytes(b"not a pickle")
    out = _run(tmp_path)
    assert out["digests"] == plain["digests"] and out["hits"] == 0
    assert all(path.read_bytes() != b"not a pickle" for path in records)


def test_lengths_planned_ahead_serve_later_processes(tmp_path):
    """plan_real_lengths records the 1-D convolution plans of every real length; a later
    process's 1-D float calls of any size with those lengths then read them."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    code = ("from convkit import _tuning; _tuning.FFTW_RECORD_MIN_S = 0.0; "   # record however fast it plans
            "from convkit._engines import _spectral, _fft_sizes as s; "
            "print(_spectral.plan_real_lengths([s.fast_fft_len(n, True) for n in (2999, 52999, 90000)]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "3", proc.stderr
    check = r"""
import json, numpy as np, convkit
from convkit._engines import _fft_plans
found = []
_read = _fft_plans._memo_read
_fft_plans._memo_read = lambda key: found.append(_read(key) is not None) or _read(key)
for n, k in ((2000, 1000), (50000, 3000), (89000, 1001)):
    convkit.fftconvolve(np.ones(n), np.ones(k, np.float32).astype(np.float64))
    convkit.fftconvolve(np.ones(n, np.float32), np.ones(k, np.float32))
print(json.dumps(found))
"""
    proc = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [True, True, True]


def test_memo_folder_variable_and_malformed_switch(tmp_path, monkeypatch):
    from convkit._engines import _fft_plans

    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO_DIR", str(tmp_path / "m"))
    assert Path(_fft_plans.memo_path()).parent == tmp_path / "m"
    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO", "sometimes")
    with pytest.raises(ValueError, match="CONVKIT_FFTW_PLAN_MEMO='sometimes'"):
        _fft_plans.memo_enabled()


def test_bundles_that_plan_quickly_are_not_recorded(monkeypatch, tmp_path):
    """A bundle that plans from nothing faster than FFTW_RECORD_MIN_S (exporting a record costs
    more: short complex transforms) is not recorded and is planned from nothing every time, with
    the same bits; a slower one is recorded. The limit is set here, so no timing decides."""
    import numpy as np

    from convkit import _tuning
    from convkit._engines import _fft_plans, fft

    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO_DIR", str(tmp_path / "memo"))
    _fft_plans._known.clear()
    _fft_plans.clear_plans()
    written = []
    real_write = _fft_plans._memo_write
    monkeypatch.setattr(_fft_plans, "_memo_write", lambda key, wis: written.append(key) or real_write(key, wis))
    rng = np.random.default_rng(3)
    z = rng.standard_normal(3000) + 1j * rng.standard_normal(3000)
    monkeypatch.setattr(_tuning, "FFTW_RECORD_MIN_S", 60.0)       # every plan counts as quick
    first = fft.convolve(z, z[:200], (0,), (3199,), (0,))
    assert written == [] and _fft_plans._known
    _fft_plans.clear_plans()                                      # planned again, from nothing
    assert np.array_equal(fft.convolve(z, z[:200], (0,), (3199,), (0,)), first)
    assert written == []
    monkeypatch.setattr(_tuning, "FFTW_RECORD_MIN_S", 0.0)        # every plan counts as slow
    fft.convolve(z, z[:301], (0,), (3300,), (0,))                 # another length
    assert len(written) == 1 and len(list((tmp_path / "memo").rglob("*.pickle"))) == 1
