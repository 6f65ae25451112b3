"""Bitwise reproducibility of the FFT engines across processes and histories (issue 16 item 1).

Two fresh processes run the same calls with different histories: different call
orders and repeat counts, different ``workers``, and in one of them FFTW_MEASURE
wisdom for exactly these sizes (made by ``fft.warmup(measure=True)`` and saved
to a wisdom file). Under the default planning policy every result must have
the same bits.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("pyfftw")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r"""
import hashlib, json, sys
import numpy as np
import convkit
from convkit._engines import fft, overlap

order, workers, repeats, wisdom = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"

def data(seed, shape, dt):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if np.dtype(dt).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)

CASES = {
    "fft-1d-f64": lambda w: fft.convolve(data(1, 5000, "f8"), data(2, 700, "f8"), (0,), (5699,), (0,), workers=w),
    "fft-1d-long-f64": lambda w: fft.convolve(data(3, 200_000, "f8"), data(4, 30_000, "f8"), (0,), (200_000,), (0, 14_999), workers=w),
    "fft-2d-c128": lambda w: fft.convolve(data(5, (60, 70), "c16"), data(6, (9, 12), "c16"), (0, 1), (68, 81), (0, 0), workers=w),
    "fft-batch-f32": lambda w: fft.convolve(data(7, (8, 3000), "f4"), data(8, (1, 99), "f4"), (1,), (8, 3098), (0, 0), workers=w),
    "oa-1d-f32": lambda w: overlap.convolve(data(9, 30011, "f4"), data(10, 300, "f4"), (0,), (30310,), (0,), workers=w),
    "oa-batch-f64": lambda w: overlap.convolve(data(11, (4, 20000), "f8"), data(12, (1, 257), "f8"), (1,), (4, 20000), (0, 128), workers=w),
    "oa-1d-c64": lambda w: overlap.convolve(data(13, 50000, "c8"), data(14, 1000, "c8"), (0,), (49001,), (999,), workers=w),
    "api-fft": lambda w: convkit.convolve(data(15, 4000, "f8"), data(16, 1500, "f8"), mode="same", method="fft"),
    "api-oa": lambda w: convkit.oaconvolve(data(17, 40000, "f4"), data(18, 500, "f4"), mode="valid"),
    # short one-axis transforms: pocketfft, no FFTW plan
    "pocket-1d-f64": lambda w: fft.convolve(data(19, 1000, "f8"), data(20, 100, "f8"), (0,), (1099,), (0,), workers=w),
    "pocket-1d-c64": lambda w: fft.convolve(data(21, 700, "c8"), data(22, 90, "c8"), (0,), (700,), (45,), workers=w),
    "pocket-batch-f32": lambda w: fft.convolve(data(23, (6, 300), "f4"), data(24, (1, 41), "f4"), (1,), (6, 340), (0, 0), workers=w),
    "api-pocket": lambda w: convkit.fftconvolve(data(25, 900, "f8"), data(26, 64, "f8"), mode="same"),
}
if wisdom:
    # FFTW_MEASURE wisdom for these very sizes, saved to and re-read from the wisdom file
    fft.set_wisdom_persistence(True)
    fft.warmup([((5000,), (700,), (0,), (5699,), (0,), "float64"),
                ((8, 3000), (1, 99), (1,), (8, 3098), (0, 0), "float32")], measure=True)
    fft.clear_plans()
    import pyfftw
    pyfftw.forget_wisdom()
    assert fft.load_wisdom(force=True)
names = sorted(CASES)
if order == "reverse":
    names = names[::-1]
out = {}
for name in names:
    for r in range(repeats):
        h = hashlib.sha256(np.ascontiguousarray(CASES[name](workers)).tobytes()).hexdigest()
        assert out.setdefault(name, h) == h, f"{name}: call {r + 1} differs from call 1"
print(json.dumps(out))
"""


def _run(tmp_path, tag, *args, **variables):
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / tag)
    for name in ("CONVKIT_FFTW_PLANNER", "CONVKIT_FFTW_WISDOM", "CONVKIT_FFTW_WISDOM_FILE",
                 "CONVKIT_FFTW_THREADS", "CONVKIT_FFTW_PLAN_MEMO", "CONVKIT_FFTW_PLAN_MEMO_DIR"):
        env.pop(name, None)
    env.update(variables)
    res = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, args)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_same_bits_in_two_processes_with_different_histories(tmp_path):
    first = _run(tmp_path, "a", "forward", 1, 1, 0)
    second = _run(tmp_path, "b", "reverse", 2, 4, 1)
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"results differ between the processes: {differ}"


def test_same_bits_with_the_plan_memo_empty_warm_and_off(tmp_path):
    """The ESTIMATE plan memo only saves planning time: a process that records it, one that
    reads it back and one without it give the same bits (pocketfft's short transforms too)."""
    empty = _run(tmp_path, "memo", "forward", 1, 1, 0)
    warm = _run(tmp_path, "memo", "reverse", 1, 1, 0)
    off = _run(tmp_path, "off", "forward", 2, 1, 0, CONVKIT_FFTW_PLAN_MEMO="0")
    assert empty == warm == off
