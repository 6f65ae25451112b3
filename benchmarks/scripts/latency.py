"""Latency as a new user meets it: first calls in fresh processes, new sizes, varied lengths, stream feeds.

Every figure is printed beside scipy.signal's for the same call:

1. first call in a fresh process, imports included, with an empty Numba
   cache (``NUMBA_CACHE_DIR`` a new folder) and again with that cache warm;
   convkit and scipy each in their own fresh process; then convkit.ndimage's
   functions beside scipy.ndimage's (wall and CPU time);
2. calls 1..5 of FFT sizes new to the process (planning must never stall a
   call: each within 3x of their median), (a) in a running process that
   already made FFT calls of other sizes and (b) as a fresh process's first
   FFT call, with convkit's ESTIMATE plan memo empty, warm (the sizes planned
   by an earlier process) and off, and with the filled plan store alone; 1-D,
   batched rows and 2-D, float32, float64 and complex128;
3. a loop over clips of varied lengths against a 20,000-tap kernel, passes
   1..3 (the old planner re-planned on the third pass); and calls of ever-new
   1-D and 2-D shapes, each a shape's first call, paired with scipy.signal's;
4. ``StreamConvolver.feed`` latency: median, 99th percentile and maximum.

Usage::

    python benchmarks/scripts/latency.py [--quick] [--only first new varied shapes stream rows]

``--only rows`` (not in the default run) times steady calls of batched rows run row by row
through the 1-D plans against one batched plan (``_tuning.FFT_ROWS_MIN_LEN``).

Sections 3 and 4 run in this process with a fresh, empty plan memo (so their
first pass plans from nothing), unless ``CONVKIT_FFTW_PLAN_MEMO_DIR`` is set, and
no background filler of the plan store (``CONVKIT_FFTW_FILL=0`` unless set).
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
sys.path.insert(0, ROOT)
_ENV = {"PYTHONPATH": os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p)}

FIRST_CALLS = {
    "1-D float64 1e5 x 64": ("np.random.default_rng(0).standard_normal(100_000), "
                             "np.random.default_rng(1).standard_normal(64)"),
    "1-D float32 1e5 x 64": ("np.random.default_rng(0).standard_normal(100_000).astype(np.float32), "
                             "np.random.default_rng(1).standard_normal(64).astype(np.float32)"),
    "2-D float64 512^2 x 7x7": "np.random.default_rng(0).standard_normal((512, 512)), np.ones((7, 7)) / 49",
    "1-D float64 1e3 x 5 (small)": "np.random.default_rng(0).standard_normal(1000), np.ones(5) / 5",
}

_SCRIPT = """
import time
t0 = time.perf_counter()
import numpy as np
{imp}
a, b = {args}
t1 = time.perf_counter()
f(a, b)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, t2 - t0)
import sys
if "convkit._execute_compile" in sys.modules:   # a background compile: let it fill the cache (the warm run)
    sys.modules["convkit._execute_compile"].wait(900)
"""


def _fresh(lib: str, args: str, cache: str) -> tuple[float, float, float]:
    imp = ("import convkit; f = convkit.convolve" if lib == "convkit"
           else "import scipy.signal; f = scipy.signal.convolve")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, PYTHONDONTWRITEBYTECODE="1", **_ENV)
    out = subprocess.run([sys.executable, "-c", _SCRIPT.format(imp=imp, args=args)], capture_output=True,
                         text=True, env=env, timeout=900, check=True)
    return tuple(float(v) for v in out.stdout.split())


def first_calls(quick: bool) -> list[dict]:
    rows = []
    for label, args in list(FIRST_CALLS.items())[: 2 if quick else None]:
        with tempfile.TemporaryDirectory(prefix="convkit-numba-") as cache:
            cold = _fresh("convkit", args, cache)
            warm = _fresh("convkit", args, cache)
        scipy_t = _fresh("scipy", args, tempfile.gettempdir())
        rows.append({"call": label, "convkit_cold_s": cold[2], "convkit_warm_s": warm[2], "scipy_s": scipy_t[2],
                     "convkit_cold_call_s": cold[1], "convkit_warm_call_s": warm[1], "scipy_call_s": scipy_t[1]})
        print(f"  {label}: convkit cold {cold[2]:.2f} s (call {cold[1]:.2f}), warm {warm[2]:.2f} s "
              f"(call {warm[1]:.3f}); scipy {scipy_t[2]:.2f} s (call {scipy_t[1]:.3f})", flush=True)
    return rows + first_calls_ndimage(quick)


# convkit.ndimage's first calls (issue 12 item 2 for scipy.ndimage's peers): each function on a
# 512^2 image of each dtype, ``call`` evaluated with ``nd`` the module and ``img`` the image
ND_FUNCS = {"gaussian_filter sigma 2": "nd.gaussian_filter(img, 2.0)",
            "gaussian_filter1d sigma 3": "nd.gaussian_filter1d(img, 3.0)",
            "uniform_filter 5": "nd.uniform_filter(img, 5)",
            "uniform_filter1d 9": "nd.uniform_filter1d(img, 9)",
            "correlate1d 7 taps": "nd.correlate1d(img, np.ones(7) / 7)",
            "convolve1d 7 taps": "nd.convolve1d(img, np.ones(7) / 7, axis=0)",
            "correlate 3x3 Laplacian": "nd.correlate(img, np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]))",
            "convolve 5x5 box": "nd.convolve(img, np.ones((5, 5)) / 25)"}
ND_DTYPES = ("float64", "float32", "uint8")

_ND_SCRIPT = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import numpy as np
import {mod} as nd
img = (np.random.default_rng(0).random((512, 512)) * 100).astype("{dtype}")
t1, c1 = time.perf_counter(), time.process_time()
{call}
t2, c2 = time.perf_counter(), time.process_time()
import sys
print(t2 - t0, c2 - c0, t2 - t1, "numba" in sys.modules)
if "convkit._execute_compile" in sys.modules:   # a background compile: let it fill the cache (the warm run)
    sys.modules["convkit._execute_compile"].wait(900)
"""


def _nd_fresh(mod: str, dtype: str, call: str, cache: str) -> tuple[float, float, float, bool]:
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, XDG_CACHE_HOME=cache, PYTHONDONTWRITEBYTECODE="1", **_ENV)
    env.pop("CONVKIT_COMPILE", None)
    out = subprocess.run([sys.executable, "-c", _ND_SCRIPT.format(mod=mod, dtype=dtype, call=call)],
                         capture_output=True, text=True, env=env, timeout=900, check=True)
    wall, cpu, call_s, numba = out.stdout.split()
    return float(wall), float(cpu), float(call_s), numba == "True"


def first_calls_ndimage(quick: bool) -> list[dict]:
    """convkit.ndimage's first calls against scipy.ndimage's, each in its own fresh process, imports
    included: convkit with an empty Numba cache (and its own empty convkit cache) and again with
    that cache warm (after the first process's background compile), wall and process CPU time."""
    rows = []
    cells = [(f, d) for d in ND_DTYPES for f in ND_FUNCS]
    for func, dtype in cells[:3] if quick else cells:
        call = ND_FUNCS[func]
        with tempfile.TemporaryDirectory(prefix="convkit-numba-") as cache:
            cold = _nd_fresh("convkit.ndimage", dtype, call, cache)
            warm = _nd_fresh("convkit.ndimage", dtype, call, cache)
        with tempfile.TemporaryDirectory(prefix="convkit-numba-") as cache:
            peer = _nd_fresh("scipy.ndimage", dtype, call, cache)
        rows.append({"call": f"ndimage {func} {dtype} 512^2", "convkit_cold_s": cold[0], "convkit_cold_cpu_s": cold[1],
                     "convkit_cold_numba": cold[3], "convkit_warm_s": warm[0], "convkit_warm_cpu_s": warm[1],
                     "scipy_s": peer[0], "scipy_cpu_s": peer[1], "cold_over_scipy_cpu": cold[1] / peer[1]})
        print(f"  ndimage {func} {dtype}: convkit cold {cold[0]:.2f} s wall, {cold[1]:.2f} s CPU"
              f"{' (Numba loaded)' if cold[3] else ''}; warm {warm[0]:.2f} / {warm[1]:.2f}; "
              f"scipy.ndimage {peer[0]:.2f} / {peer[1]:.2f}; cold/scipy CPU {cold[1] / peer[1]:.2f}", flush=True)
    return rows


# (label, in1 shape, in2 shape, axes, dtype); in one process the cases' transform lengths differ
# (float32 runs double-precision transforms, so it shares float64's plans at equal lengths)
NEW_SIZES = [("1-D 1000 x 100", "(1000,)", "(100,)", None, "float64"),
             ("1-D 20000 x 1000", "(20000,)", "(1000,)", None, "float64"),
             ("1-D 50000 x 3000", "(50000,)", "(3000,)", None, "float64"),
             ("1-D 77777 x 5001", "(77777,)", "(5001,)", None, "float64"),
             ("1-D 300000 x 20000", "(300000,)", "(20000,)", None, "float64"),
             ("1-D f32 700 x 90", "(700,)", "(90,)", None, "float32"),
             ("1-D f32 30000 x 1500", "(30000,)", "(1500,)", None, "float32"),
             ("1-D c128 600 x 50", "(600,)", "(50,)", None, "complex128"),
             ("1-D c128 20000 x 1000", "(20000,)", "(1000,)", None, "complex128"),
             ("rows 64 x 4096, 129 taps", "(64, 4096)", "(1, 129)", -1, "float64"),
             ("2-D 256^2 x 31^2", "(256, 256)", "(31, 31)", None, "float64"),
             ("2-D f32 300^2 x 15^2", "(300, 300)", "(15, 15)", None, "float32"),
             ("2-D c128 128^2 x 9^2", "(128, 128)", "(9, 9)", None, "complex128")]
QUICK_NEW_SIZES = (0, 1, 2, 9, 10)
NEW_REPEATS = 3

# the one-off costs of a process's first FFT calls (imports, pyFFTW and FFTW's planner set-up,
# pocketfft, each dtype's first pass through the code)
# (pocketfft, FFTW and 2-D paths, in each dtype of the cases), paid before the timed calls of case (a)
_ONE_OFFS = """
for dt in ("float64", "float32", "complex128"):
    for a_shape, b_shape in (((300,), (21,)), ((3000,), (2100,)), ((40, 40), (5, 5))):
        f(np.ones(a_shape, dt), np.ones(b_shape, dt))
"""

_NEW_SIZE_SCRIPT = """
import json, sys, time
import numpy as np
{imp}
rng = np.random.default_rng(0)
{one_offs}
rows = []
for a_shape, b_shape, axes, dt in {cases}:
    x, h = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
    if np.dtype(dt).kind == "c":
        x, h = x + 1j * rng.standard_normal(a_shape), h - 1j * rng.standard_normal(b_shape)
    x, h = x.astype(dt), h.astype(dt)
    calls = []
    for _ in range(5):
        t = time.thread_time()        # CPU time of this thread: the work, not the neighbours' load
        f(x, h, axes=axes)
        calls.append(time.thread_time() - t)
    rows.append(calls)
print(json.dumps(rows))
"""


def _new_sizes_process(lib: str, cases, env: dict, running: bool) -> list[list[float]]:
    """Calls 1..5 of each of ``cases`` in one fresh process: after the one-off first calls of
    other sizes (``running``, case (a)), or as the process's first FFT call (case (b))."""
    imp = ("import convkit; f = convkit.fftconvolve" if lib == "convkit"
           else "import scipy.signal; f = scipy.signal.fftconvolve")
    code = _NEW_SIZE_SCRIPT.format(imp=imp, one_offs=_ONE_OFFS if running else "",
                                   cases="[" + ", ".join(f"({a}, {b}, {ax!r}, {dt!r})" for _, a, b, ax, dt in cases)
                                   + "]")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_compiled_env(env), timeout=900, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


_PYC = os.path.join(tempfile.gettempdir(), f"convkit-latency-pyc-{os.getpid()}")


def _compiled_env(env: dict) -> dict:
    """The environment of a process that imports from compiled bytecode, as an installed package
    does (``PYTHONDONTWRITEBYTECODE`` would compile every lazily imported module inside the
    first call, 15-25 ms of it): a private ``PYTHONPYCACHEPREFIX``, filled by :func:`_compile`."""
    out = dict(os.environ, **_ENV, **env, PYTHONPYCACHEPREFIX=_PYC)
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def _compile() -> None:
    """Fill the bytecode prefix with every module a timed process imports."""
    code = ("import numpy as np, convkit, scipy.signal\n"
            "for f in (convkit.fftconvolve, scipy.signal.fftconvolve):\n" + _ONE_OFFS.replace("\n", "\n    "))
    subprocess.run([sys.executable, "-c", code], env=_compiled_env({}), timeout=900, check=True)


def _forget_compiled() -> None:
    import shutil

    shutil.rmtree(_PYC, ignore_errors=True)


def _has_store() -> bool:
    """Whether this tree has the filled plan store (``convkit/_engines/_fft_fill.py``)."""
    return os.path.exists(os.path.join(ROOT, "convkit", "_engines", "_fft_fill.py"))


def _fill_store(folder: str) -> tuple[str, str]:
    """Fill a plan store in memo folder ``folder`` (in a child process, as the background
    filler would); returns ``(store file, its path relative to the folder)``."""
    code = ("from convkit._engines import _fft_fill as F; F.fill(); print(F.store_path())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900, check=True,
                         env=_compiled_env({"CONVKIT_FFTW_PLAN_MEMO_DIR": folder}))
    path = out.stdout.strip().splitlines()[-1]
    return path, os.path.relpath(path, folder)


def _copy_store(store: tuple[str, str], folder: str) -> None:
    import shutil

    path, rel = store
    os.makedirs(os.path.dirname(os.path.join(folder, rel)), exist_ok=True)
    shutil.copyfile(path, os.path.join(folder, rel))


def new_sizes(quick: bool) -> list[dict]:
    """Calls 1..5 of FFT sizes new to the process, (a) in a running process (one that already
    made FFT calls of other sizes, so one-off imports and set-up are paid; every case in one
    process) and (b) as a fresh process's first FFT call (one process per case), with convkit's
    ESTIMATE plan memo empty (never planned on this machine), warm (planned by an earlier
    process) and off, and with only the filled plan store (``_engines._fft_fill``, filled
    beforehand as the background filler does once per machine; no per-plan records);
    scipy.signal.fftconvolve the same way in its own processes. Each call's time is the median
    over ``NEW_REPEATS`` repetitions of it all (fresh memos each time)."""
    cases = [NEW_SIZES[i] for i in QUICK_NEW_SIZES] if quick else NEW_SIZES
    runs = [("memo off", "convkit", "off"), ("memo empty", "convkit", "memo"), ("memo warm", "convkit", "memo"),
            ("store", "convkit", "store"), ("scipy", "scipy", None)]
    if not _has_store():
        runs.remove(("store", "convkit", "store"))        # a tree without the filled store
    rows = []
    _compile()
    results = {}
    for _ in range(1 if quick else NEW_REPEATS):
        with tempfile.TemporaryDirectory(prefix="convkit-memo-") as d:
            store = _fill_store(os.path.join(d, "filled")) if _has_store() else None

            def env(memo, tag):
                if memo is None:
                    return {}
                if memo == "off":
                    return {"CONVKIT_FFTW_PLAN_MEMO": "0"}
                folder = os.path.join(d, memo + "-" + tag)
                if memo == "store":                       # the filled store alone, no per-plan records
                    _copy_store(store, folder)
                # 'memo': the per-plan memo alone (empty, then warm), no background filler
                return {"CONVKIT_FFTW_PLAN_MEMO_DIR": folder, "CONVKIT_FFTW_FILL": "0"}
            for label, lib, memo in runs:
                results.setdefault(("a", label), []).append(_new_sizes_process(lib, cases, env(memo, "running"), True))
                results.setdefault(("b", label), []).append(
                    [_new_sizes_process(lib, [case], env(memo, f"fresh{i}"), False)[0] for i, case in enumerate(cases)])
    _forget_compiled()
    for i, case in enumerate(cases):
        for where in ("a", "b"):
            for label, *_ in runs:
                reps = [res[i] for res in results[(where, label)]]
                calls = [statistics.median(r[j] for r in reps) for j in range(5)]
                med = statistics.median(calls)
                rows.append({"size": case[0], "process": "running" if where == "a" else "fresh", "run": label,
                             "calls_ms": [round(t * 1e3, 3) for t in calls], "median_ms": med * 1e3,
                             "first_over_median": calls[0] / med, "worst_over_median": max(calls) / med})
                print(f"  {case[0]:26s} ({where}) {'running' if where == 'a' else 'fresh':7s} {label:10s} "
                      f"calls 1..5 = {', '.join(f'{t * 1e3:.2f}' for t in calls)} ms CPU "
                      f"(first/median {calls[0] / med:.1f}, worst/median {max(calls) / med:.1f})", flush=True)
    return rows


def varied_lengths(quick: bool) -> list[dict]:
    import numpy as np
    import scipy.signal as ss

    import convkit

    rng = np.random.default_rng(1)
    h = rng.standard_normal(20_000)
    clips = [rng.standard_normal(int(n)) for n in rng.integers(30_000, 300_000, 20 if quick else 60)]
    rows = []
    for name, f in (("convkit.convolve", convkit.convolve), ("scipy.convolve", ss.convolve)):
        passes = []
        for _ in range(3):
            t = time.perf_counter()
            for c in clips:
                f(c, h)
            passes.append(time.perf_counter() - t)
        rows.append({"call": name, "passes_s": passes})
        print(f"  {name}: {len(clips)} clips x 20000 taps, passes 1..3 = "
              f"{', '.join(f'{p:.2f}' for p in passes)} s", flush=True)
    return rows


def stream_feeds(quick: bool) -> list[dict]:
    import numpy as np

    import convkit

    rng = np.random.default_rng(2)
    rows = []
    for block, taps in [(256, 96_000), (1024, 96_000)] + ([] if quick else [(64, 4_800), (4096, 96_000)]):
        ir = rng.standard_normal(taps)
        t = time.perf_counter()
        stream = convkit.StreamConvolver(ir, block_size=block)
        build = time.perf_counter() - t
        blocks = 2_000 if quick else 10_000
        x = rng.standard_normal(block)
        lat, cpu = [], []
        for _ in range(blocks):
            c = time.thread_time()
            t = time.perf_counter()
            stream.feed(x)
            lat.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        lat_sorted, cpu_sorted = sorted(lat), sorted(cpu)
        med, cmed = statistics.median(lat), statistics.median(cpu)
        p99 = int(0.99 * len(lat)) - 1
        row = {"block": block, "taps": taps, "construct_s": build, "median_ms": med * 1e3,
               "p99_ms": lat_sorted[p99] * 1e3, "max_ms": max(lat) * 1e3,
               "first_feeds_ms": [round(v * 1e3, 3) for v in lat[:3]], "budget_ms": block / 48.0,
               "cpu_median_ms": cmed * 1e3, "cpu_first_over_median": cpu[0] / cmed,
               "cpu_p99_over_median": cpu_sorted[p99] / cmed, "cpu_max_over_median": cpu_sorted[-1] / cmed}
        rows.append(row)
        print(f"  B={block} K={taps}: construct {build * 1e3:.0f} ms; wall feed median {row['median_ms']:.3f} ms, "
              f"p99 {row['p99_ms']:.3f}, max {row['max_ms']:.3f}, first {row['first_feeds_ms']} "
              f"(real-time budget {row['budget_ms']:.2f} ms); CPU median {row['cpu_median_ms']:.3f} ms, "
              f"first/median {row['cpu_first_over_median']:.2f}, p99/median {row['cpu_p99_over_median']:.2f}, "
              f"max/median {row['cpu_max_over_median']:.2f}", flush=True)
    return rows


def new_shapes(quick: bool) -> list[dict]:
    """Calls of ever-new shapes, as a loop over varied inputs makes them: each shape's first convkit call
    paired with scipy.signal's call of it (order alternating, thread CPU), after warm-up calls of other
    shapes (imports, Numba's load, the cost models' per-kernel tables). 1-D: 100..20000 samples x
    1..300 taps, every mode; 2-D: 8..200 squared x 1..9 squared, 'same'. Every call here is a shape's
    first: what the dispatcher works out per shape (routes, transform lengths, block plans) is paid
    on each, where a benchmark that repeats a shape pays it once."""
    import numpy as np
    import scipy.signal as ss

    import convkit

    rng = np.random.default_rng(5)

    def one_d(i):
        a, b = rng.standard_normal(int(rng.integers(100, 20000))), rng.standard_normal(int(rng.integers(1, 300)))
        return a, b, ["full", "same", "valid"][i % 3] if a.size >= b.size else "full"

    def two_d(i):
        return (rng.standard_normal(tuple(int(v) for v in rng.integers(8, 200, 2))),
                rng.standard_normal(tuple(int(v) for v in rng.integers(1, 9, 2))), "same")

    rows = []
    for label, draw in (("1-D", one_d), ("2-D", two_d)):
        warm, calls = 300, 600 if quick else 2700
        ck, sp = [], []
        for i in range(warm + calls):
            a, b, mode = draw(i)
            for who in ((0, 1) if i % 2 else (1, 0)):
                t = time.thread_time()
                (convkit.convolve if who == 0 else ss.convolve)(a, b, mode)
                (ck if who == 0 else sp).append(time.thread_time() - t)
        ck, sp = ck[warm:], sp[warm:]
        row = {"kind": label, "calls": calls, "convkit_median_us": statistics.median(ck) * 1e6,
               "scipy_median_us": statistics.median(sp) * 1e6, "total_ratio": sum(ck) / sum(sp),
               "median_pair_ratio": statistics.median(c / s for c, s in zip(ck, sp))}
        rows.append(row)
        print(f"  {label}: {calls} new shapes, convkit median {row['convkit_median_us']:.1f} us, scipy.signal "
              f"{row['scipy_median_us']:.1f} us; total convkit/scipy {row['total_ratio']:.2f}, median of the "
              f"per-shape ratios {row['median_pair_ratio']:.2f}", flush=True)
    return rows


# (rows, row length, taps): batched rows along the last axis, float64 'full'
ROW_CELLS = [(512, 1300, 45), (16, 1350, 20), (256, 1500, 100), (64, 2000, 49), (16, 2100, 60), (2, 3000, 100),
             (16, 4000, 97), (64, 4096, 129), (1024, 2048, 64), (4, 8000, 193), (16, 20000, 1000),
             (8, 50000, 3000), (4, 100000, 1000)]


def rows_split(quick: bool) -> list[dict]:
    """Steady calls of batched rows: each row through the 1-D plans (convkit/_engines/_fft_rows.py,
    from ``_tuning.FFT_ROWS_MIN_LEN`` points) against one batched FFTW plan over all rows (the
    bound raised for the call), interleaved in shuffled rounds in this process, thread CPU time."""
    import numpy as np

    import convkit
    from convkit._engines import _fft_rows
    from convkit._timing import median, time_interleaved

    rng = np.random.default_rng(3)
    rows = []
    for n_rows, n, k in ROW_CELLS[::4] if quick else ROW_CELLS:
        a, b = rng.standard_normal((n_rows, n)), rng.standard_normal((1, k))

        def call(bound, a=a, b=b):
            saved, _fft_rows.ROWS_MIN_LEN = _fft_rows.ROWS_MIN_LEN, bound
            try:
                convkit.fftconvolve(a, b, axes=-1)
            finally:
                _fft_rows.ROWS_MIN_LEN = saved
        funcs = {"rows": lambda: call(1), "batched": lambda: call(1 << 62)}
        times = time_interleaved(funcs, repeats=3 if quick else 15, min_time=0.01, clock=time.thread_time)
        med = {key: median(v) for key, v in times.items()}
        rows.append({"rows": n_rows, "n": n, "taps": k, "rows_ms": med["rows"] * 1e3,
                     "batched_ms": med["batched"] * 1e3, "ratio": med["rows"] / med["batched"]})
        print(f"  {n_rows} x {n} * {k}: row by row {med['rows'] * 1e3:.3f} ms, one batched plan "
              f"{med['batched'] * 1e3:.3f} ms, ratio {med['rows'] / med['batched']:.2f}", flush=True)
    return rows


SECTIONS = {"first": ("first calls in fresh processes (imports included)", first_calls),
            "new": ("calls 1..5 of a new size: (a) in a running process, (b) a fresh process's first", new_sizes),
            "varied": ("varied-length loop", varied_lengths),
            "shapes": ("calls of ever-new shapes, each a shape's first call, beside scipy.signal", new_shapes),
            "stream": ("stream feeds (48 kHz)", stream_feeds),
            "rows": ("batched rows, steady: row by row (1-D plans) against one batched plan", rows_split)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS),
                        help="run these sections only (default: all but 'rows')")
    parser.add_argument("--json", help="write all rows here")
    args = parser.parse_args(argv)
    memo_dir = tempfile.mkdtemp(prefix="convkit-memo-")
    os.environ.setdefault("CONVKIT_FFTW_PLAN_MEMO_DIR", os.path.join(memo_dir, "memo"))
    os.environ.setdefault("CONVKIT_FFTW_FILL", "0")   # no background filler competing with the timings
    result = {}
    for key in args.only or [k for k in SECTIONS if k != "rows"]:
        name, fn = SECTIONS[key]
        print(name + ":", flush=True)
        result[name] = fn(args.quick)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
