"""Where pocketfft beats FFTW on short one-axis convolutions (``_tuning.FFT_POCKET_MAX_LEN``).

Times ``_spectral.convolve_whole`` ('full', one axis) with every one-axis problem sent to
pocketfft and with every one sent to FFTW, interleaved in shuffled rounds, thread CPU time;
prints the medians and their ratio (pocketfft / FFTW) per transform length. The FFTW plans are
made before timing (this measures steady calls, not planning).

Usage::

    python benchmarks/scripts/fft_pocket_cross.py [--rounds 9]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402

from convkit import _tuning  # noqa: E402
from convkit._engines import _spectral  # noqa: E402
from convkit._engines._fft_sizes import fft_lengths  # noqa: E402

CASES = ([(dt, (n,), (n // 8,)) for dt in ("float64", "complex128")
          for n in (100, 220, 450, 700, 900, 1000, 1150, 1300, 1800, 3600)]
         + [("float32", (n,), (n // 8,)) for n in (900, 1800)]
         + [("float64", rows, (1, rows[1] // 8)) for rows in ((4, 220), (8, 220), (4, 450), (16, 100),
                                                                (8, 900), (32, 900))])


def _data(rng, shape, dt):
    x = rng.standard_normal(shape)
    if dt.startswith("complex"):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


def _run(a, b, pocket):
    _tuning.FFT_POCKET_MAX_LEN = {"real": 1 << 40, "complex": 1 << 40} if pocket else {"real": 0, "complex": 0}
    _tuning.FFT_POCKET_MAX_POINTS = 1 << 40
    ax = a.ndim - 1
    shape = a.shape[:-1] + (a.shape[-1] + b.shape[-1] - 1,)
    return _spectral.convolve_whole(a, b, (ax,), shape, (0,) * a.ndim)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    data = {c: (_data(rng, c[1], c[0]), _data(rng, c[2], c[0])) for c in CASES}
    for c in CASES:                  # plans made, results agree
        tol = 1e-4 if c[0] == "float32" else 1e-9
        assert np.allclose(_run(*data[c], False), _run(*data[c], True), atol=tol * np.abs(data[c][0]).sum())
    times = {(c, p): [] for c in CASES for p in (False, True)}
    for _ in range(args.rounds):
        jobs = list(times)
        random.shuffle(jobs)
        for c, pocket in jobs:
            reps = max(3, int(1e5 / np.prod(c[1])))
            t = time.thread_time()
            for _ in range(reps):
                _run(*data[c], pocket)
            times[(c, pocket)].append((time.thread_time() - t) / reps)
    for c in CASES:
        dt, a_shape, b_shape = c
        full = a_shape[:-1] + (a_shape[-1] + b_shape[-1] - 1,)
        L = fft_lengths(a_shape, b_shape, (len(a_shape) - 1,), full, (0,) * len(full), dt != "complex128")[0]
        f, p = statistics.median(times[(c, False)]), statistics.median(times[(c, True)])
        print(f"{dt:10s} {str(a_shape):12s} x {str(b_shape):10s} L={L:5d} points={int(np.prod(a_shape[:-1])) * L:6d}: "
              f"FFTW {f * 1e6:7.1f} us, pocketfft {p * 1e6:7.1f} us, ratio {p / f:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
