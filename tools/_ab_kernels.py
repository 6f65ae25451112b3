"""What the kernel-blocking A/B tools share: candidate kernels generated into a scratch module
and installed in the engine, and interleaved timing as shares of the one-thread matmul peak.

Used by ``tools/ab_direct_rows.py`` and ``tools/ab_direct_blocks.py`` (run from the repository
root; they put it on ``sys.path``).
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
import time

import numpy as np
from threadpoolctl import threadpool_limits

from convkit._engines.direct import _kernels
from convkit._timing import time_interleaved

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEAK_N = 2048   # the dgemm the shares are of: 2 * PEAK_N**3 flops


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def generator():
    """``tools/gen_direct_kernels.py`` as a module (its per-kernel source generators)."""
    return _load("gen_direct_kernels", os.path.join(ROOT, "tools", "gen_direct_kernels.py"))


def install(stem: str, sources: dict[str, str]) -> None:
    """Write the kernels ``{name: source}`` to a scratch file (Numba caches by file), load it and
    put each kernel in ``convkit._engines.direct._kernels`` under its name."""
    path = os.path.join(tempfile.mkdtemp(), f"{stem}.py")
    with open(path, "w") as f:
        f.write("\n\n".join(sources.values()))
    mod = _load(stem, path)
    for name in sources:
        setattr(_kernels, name, getattr(mod, name))


def medians_and_peak(calls: dict, reps: int, dtype=np.float64) -> tuple[dict, float]:
    """Each call's median seconds, and the one-thread matmul rate (flop/s) of ``dtype`` (dgemm,
    sgemm) timed in the same run.

    ``calls`` maps labels to zero-argument callables; they and the matmul run one call per sample,
    in a shuffled order per repetition, in this thread's CPU time.
    """
    a = np.random.default_rng(0).random((PEAK_N, PEAK_N)).astype(dtype)

    def peak():
        with threadpool_limits(1):
            a @ a

    named = {str(label): call for label, call in calls.items()}
    named["peak"] = peak
    times = time_interleaved(named, reps, 0.0, min_repeats=reps, clock=time.thread_time)
    med = {name: float(np.median(v)) for name, v in times.items()}
    return {label: med[str(label)] for label in calls}, 2 * PEAK_N ** 3 / med["peak"]
