"""The ESTIMATE plan memo kept between processes (``CONVKIT_FFTW_PLAN_MEMO``).

Each case runs in fresh interpreters: the memo is read by a process's first
plan and written at its exit. A plan read from the memo must give the bits
that planning from nothing gives, whatever order the sizes come in.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyfftw")

ROOT = Path(__file__).resolve().parents[1]

# Small (separate buffers) and large (in place) 1-D, 2-D, complex, batched and overlap-save calls.
_SCRIPT = r"""
import hashlib, json, sys
import numpy as np
import convkit
from convkit._engines import _fft_plans
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
print(json.dumps({"digests": [digests[i] for i in range(len(cases))], "loaded": _fft_plans._memo["loaded"],
                  "saved_now": _fft_plans.save_memo()}))
"""


def _run(tmp_path, order="forward", **env):
    full = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **env)
    full.pop("CONVKIT_FFTW_PLAN_MEMO_FILE", None)
    proc = subprocess.run([sys.executable, "-c", _SCRIPT, order], capture_output=True, text=True,
                          env=full, timeout=300, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    import json
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _memo_file(tmp_path):
    return tmp_path / "cache" / "convkit" / "fftw_plan_memo.pickle"


def test_plans_from_the_memo_give_the_same_bits(tmp_path):
    plain = _run(tmp_path, CONVKIT_FFTW_PLAN_MEMO="0")
    assert not _memo_file(tmp_path).exists()                    # off: nothing written
    first = _run(tmp_path, "reversed")                           # plans from nothing, writes the memo
    assert first["saved_now"] is True and _memo_file(tmp_path).exists()
    again = _run(tmp_path)                                       # every plan found in the memo
    assert again["saved_now"] is False                           # nothing new was planned
    assert plain["digests"] == first["digests"] == again["digests"]


def test_a_foreign_or_damaged_memo_is_ignored_and_replaced(tmp_path):
    plain = _run(tmp_path, CONVKIT_FFTW_PLAN_MEMO="0")
    path = _memo_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert _run(tmp_path)["digests"] == plain["digests"]
    data = pickle.loads(path.read_bytes())                       # replaced by a valid memo
    data["signature"] = ("another CPU",)
    path.write_bytes(pickle.dumps(data))
    out = _run(tmp_path)
    assert out["digests"] == plain["digests"] and out["saved_now"] is True
    assert pickle.loads(path.read_bytes())["signature"] != ("another CPU",)


def test_memo_file_variable_and_malformed_switch(tmp_path, monkeypatch):
    from convkit._engines import _fft_plans

    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO_FILE", str(tmp_path / "m.pickle"))
    assert _fft_plans.memo_path() == str(tmp_path / "m.pickle")
    monkeypatch.setenv("CONVKIT_FFTW_PLAN_MEMO", "sometimes")
    with pytest.raises(ValueError, match="CONVKIT_FFTW_PLAN_MEMO='sometimes'"):
        _fft_plans.memo_enabled()
