"""First call of every public convolution function, for every dtype, in a fresh environment (issue 12.2).

Each cell runs one call in a fresh Python process, imports included: convkit
with an empty Numba cache (``NUMBA_CACHE_DIR`` a new empty folder, so every
kernel the call needs compiles), then the same call with ``scipy.signal`` in
its own fresh process. Reported per cell: the child process's CPU time
(user + system, robust to a machine shared with other jobs) and wall time,
from its start to the return of the call, and convkit over scipy. The target
is convkit ≤ 2× scipy.

By default (``CONVKIT_COMPILE=background``) a convkit call whose direct
kernels are not compiled runs the plain loop while a separate process compiles
them: the child then waits for that process before it exits (so that it does
not share the cores with the next cell) and reports its CPU time apart
("bg CPU"). ``--compile foreground`` makes the call wait for the compile instead.

Usage::

    python benchmarks/scripts/first_calls.py [--functions convolve correlate ...] [--dtypes float64 ...]
                                             [--compile background|foreground] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# cell -> (function, in1 shape, in2 shape): sizes where convkit's auto picks its own engines
# (the direct engine for the 1-D and 2-D direct functions), not numpy's short-call path; the
# "convolve-fft" cell is an auto call that picks the fft engine (whose result auto checks for NaN)
CALLS = {
    "convolve": ("convolve", (100_000,), (64,)),
    "correlate": ("correlate", (100_000,), (64,)),
    "convolve-fft": ("convolve", (5865,), (5861,)),
    "fftconvolve": ("fftconvolve", (100_000,), (64,)),
    "oaconvolve": ("oaconvolve", (100_000,), (64,)),
    "convolve2d": ("convolve2d", (512, 512), (7, 7)),
    "correlate2d": ("correlate2d", (512, 512), (7, 7)),
}
DTYPES = ("float32", "float64", "complex64", "complex128", "int32")

_SCRIPT = """
import numpy as np
{imp}
rng = np.random.default_rng(0)
def draw(shape):
    x = rng.standard_normal(shape) * 100
    if np.dtype("{dtype}").kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype("{dtype}")
f(draw({s1}), draw({s2}))
import resource, sys, time
cpu, end = time.process_time(), time.time()
if "convkit._execute_compile" in sys.modules:   # the background compile, if one started
    sys.modules["convkit._execute_compile"].wait(900)
bg = resource.getrusage(resource.RUSAGE_CHILDREN)
print(cpu, end, bg.ru_utime + bg.ru_stime)
"""


def _child(lib: str, cell: str, dtype: str, cache: str, compile_mode: str = "") -> tuple[float, float, float]:
    """(CPU seconds, wall seconds) of a fresh process up to the return of its one call, and the CPU
    seconds of the background compile it started."""
    func, s1, s2 = CALLS[cell]
    imp = f"import convkit; f = convkit.{func}" if lib == "convkit" else f"import scipy.signal; f = scipy.signal.{func}"
    code = _SCRIPT.format(imp=imp, dtype=dtype, s1=s1, s2=s2)
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p))
    env.pop("CONVKIT_COMPILE", None)
    if compile_mode:
        env["CONVKIT_COMPILE"] = compile_mode
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"{lib} {func} {dtype} failed: {proc.stderr}")
    cpu, end, bg = (float(v) for v in proc.stdout.split()[-3:])
    return cpu, end - t0, bg


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", nargs="+", default=list(CALLS), choices=list(CALLS))
    parser.add_argument("--dtypes", nargs="+", default=list(DTYPES))
    parser.add_argument("--compile", default="", choices=["", "background", "foreground"],
                        help="CONVKIT_COMPILE for the convkit calls (default: unset, convkit's default)")
    parser.add_argument("--json", default=None, help="write the rows here")
    args = parser.parse_args(argv)
    rows = []
    print(f"{'function':12s} {'dtype':10s} {'convkit cold CPU/wall':>22s} {'scipy CPU/wall':>16s} "
          f"{'CPU ratio':>9s} {'wall ratio':>10s} {'bg CPU s':>9s}", flush=True)
    for func in args.functions:
        for dtype in args.dtypes:
            with tempfile.TemporaryDirectory(prefix="convkit-numba-") as cache:
                ck = _child("convkit", func, dtype, cache, args.compile)
            sp = _child("scipy", func, dtype, tempfile.gettempdir())
            rows.append({"function": func, "dtype": dtype, "shapes": CALLS[func][1:], "convkit_cpu_s": ck[0],
                         "convkit_wall_s": ck[1], "background_cpu_s": ck[2], "scipy_cpu_s": sp[0],
                         "scipy_wall_s": sp[1]})
            print(f"{func:12s} {dtype:10s} {ck[0]:10.2f} / {ck[1]:5.2f} s {sp[0]:7.2f} / {sp[1]:5.2f} s "
                  f"{ck[0] / sp[0]:9.2f} {ck[1] / sp[1]:10.2f} {ck[2]:9.2f}", flush=True)
    cpu = [r["convkit_cpu_s"] / r["scipy_cpu_s"] for r in rows]
    print(f"convkit/scipy CPU: median {statistics.median(cpu):.2f}, worst {max(cpu):.2f}; "
          f"{sum(c <= 2 for c in cpu)}/{len(cpu)} cells within 2x")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
