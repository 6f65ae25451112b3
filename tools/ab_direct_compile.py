"""Where a cold first direct call spends its time: every Numba compile it runs, timed.

    python tools/ab_direct_compile.py [CASE ...]     (1d64, 1d32, 2d; default all three)

Each case runs in a fresh Python process with an empty ``NUMBA_CACHE_DIR``
(a temporary folder), calls ``convkit.convolve(..., mode="full", method="direct")``
once and prints the CPU seconds of each driver compile (``_drivers``) and each
generated kernel (``_compiled``), then the first call's CPU and wall time and the
whole process's CPU time (imports included). Cases: 1-D 1e5 x 64 float64 and
float32, 2-D 512^2 x 7x7 float64 (a random kernel, not rank one).
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = r'''
import sys, time
c0 = time.process_time()
import numpy as np
import convkit
from convkit._engines.direct import _compiled, _ready
compile_kernel, driver_ready, log = _compiled._compile, _ready._driver_ready, []

def kernel(kind, n, dtype, *rest):
    key = (kind, n, np.dtype(dtype))
    known = any(k[:3] == key for k in _compiled._cfuncs)
    t = time.process_time()
    fn = compile_kernel(kind, n, dtype, *rest)
    if not known:
        log.append((f"kernel {fn._pyfunc.__name__}", time.process_time() - t))
    return fn

def driver(name, dt, load):
    t = time.process_time()
    ok = driver_ready(name, dt, load)
    if time.process_time() - t > 0.01:
        log.append((f"driver {name}[{dt}]", time.process_time() - t))
    return ok

_compiled._compile, _ready._driver_ready = kernel, driver
rng = np.random.default_rng(0)
case = sys.argv[1]
if case == "2d":
    a, b = rng.standard_normal((512, 512)), rng.standard_normal((7, 7))
else:
    dt = np.float32 if case == "1d32" else np.float64
    a, b = rng.standard_normal(100_000).astype(dt), rng.standard_normal(64).astype(dt)
c1, w1 = time.process_time(), time.perf_counter()
convkit.convolve(a, b, mode="full", method="direct")
c2, w2 = time.process_time(), time.perf_counter()
for what, s in log:
    print(f"  {what:32s} {s:5.2f} s")
print(f"  first call {c2 - c1:.2f} s CPU, {w2 - w1:.2f} s wall; process {c2 - c0:.2f} s CPU")
'''


def main():
    cases = sys.argv[1:] or ["1d64", "1d32", "2d"]
    for case in cases:
        with tempfile.TemporaryDirectory() as cache:
            # the call waits for its kernels (by default it would run the plain loop meanwhile)
            env = dict(os.environ, NUMBA_CACHE_DIR=cache, CONVKIT_COMPILE="foreground")
            env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
            print(case, flush=True)
            subprocess.run([sys.executable, "-c", CHILD, case], env=env, check=True)


if __name__ == "__main__":
    main()
