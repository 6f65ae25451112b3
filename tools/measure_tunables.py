"""Measure the constants of ``convkit._tuning`` that no benchmark script measures, one sub-command each.

    python tools/measure_tunables.py NAME [--rounds N]

Each sub-command times what its constant decides between, on this machine,
and prints the measurements and a last line ``NAME = value (in force: ...)``:
the value the measurements point to. Change ``_tuning`` only where an A/B
shows the new value slows nothing (see CONTRIBUTING.md, "Tune"); the
provenance comment then names the machine and this command.

Contestants run interleaved in shuffled rounds (:func:`convkit._timing.time_interleaved`);
single-thread cases are timed with the calling thread's CPU time
(``time.thread_time``: preemption by other processes does not count), the
cases that compare thread counts with wall time (``time.perf_counter``: CPU
time would hide what a second thread saves). Medians of the rounds.

Sub-commands (constant measured):

``numpy-short-taps``    ``NUMPY_1D_SHORT_KERNEL_TAPS``: numpy's correlate per output, 20000 float64
                        samples against 4..20 taps; the taps before the biggest jump.
``tiny-call``           ``TINY_CALL_S``: ``convkit.convolve`` on calls the tiny path sends to numpy's
                        correlate, minus that correlate on the same arrays.
``int-prepare``         ``INT_PREPARE_TERMS``: ``normalize_convolve`` of int16/int32/int64 signals
                        against 3 taps minus the float32 call of the same size, fitted as call + per element.
``small-int-cast``      ``SMALL_INT_CAST_TERMS``: what the tiny path's integer route adds to the float64
                        plain loop (the exactness check, the casts in and out), int16 and int32, 1-D and
                        2-D, fitted as call + per element (inputs and outputs).
``int-fft``             ``INT_FFT_TERMS``: what an FFT engine's integer call (fft and oa) adds to the
                        float64 call of the same values (the casts to float64, the rounding back),
                        1-D and 2-D int32 against float64, fitted on log time as call + per element
                        (inputs and output).
``tiny-product``        ``TINY_PRODUCT_TERMS``: ``convkit.convolve`` on N-d calls whose every axis has a
                        length-1 operand (the tiny path's one product per output), four dtypes, 10 to
                        5e5 outputs, fitted on log time as call + per output byte.
``small-1d-edges``      ``SMALL_1D_EDGE_PAIR_S``: the direct engine's plain 1-D loop on 'full' and 'same' calls
                        whose outputs are mostly partial overlaps (kernels of 30..1000 taps against
                        signals of 1..3x their length), float64 and complex128: what each product of a
                        partial output costs beyond ``SMALL_1D_TERMS``' model of the full ones (median).
``tile-bytes``          ``DIRECT_TILE_BYTES``: the direct engine with each candidate tile size.
``item-macs``           ``DIRECT_ITEM_MACS``: the direct engine's time on 2-D float64 calls fitted as the
                        dispatcher models it, call + multiply-adds + items (tile items and kernel passes)
                        + elements (inputs and output); the cost of an item over that of a multiply-add.
``item-macs-ab``        ``--value V``: ``convkit.convolve`` (auto, one thread) with ``DIRECT_ITEM_MACS`` in
                        force against V, on every call of a 2097-call grid whose engine or route V changes.
``par-min-work``        ``DIRECT_PAR_MIN_WORK``: the direct engine on 2 threads against 1 (wall time).
``small-1d-complex``    ``DIRECT_SMALL_1D_COMPLEX``: complex 1-D, the plain complex loop against the
                        tiled engine's three real products; the bound on products losing least.
``fft-par-operands``    ``FFT_PAR_OPERANDS_MIN``: the two forward transforms on two threads or one
                        after the other (``workers=2``, wall time).
``fftw-thread-min``     ``FFTW_THREAD_MIN``: with ``CONVKIT_FFTW_THREADS=1``, transforms on FFTW's
                        2 threads against 1 (wall time).
``fft-single-scale``    the profile's fft and oa ``scale["f32"]``: forced calls in float32 and float64 on
                        the same 1-D and 2-D cells; float32's time over float64's (median).
``fft-separate-max``    ``FFT_SEPARATE_MAX``: out-of-place against in-place transform buffers:
                        first planning (empty wisdom) and steady-state CPU time; the largest size where
                        out of place costs at most 5% more per call.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time

import numpy as np

# The FFT cases plan many keys: keep the ESTIMATE plan memo out of the user's cache.
os.environ.setdefault("CONVKIT_FFTW_PLAN_MEMO", "0")
# the checkout this script lives in, not an installed convkit (an editable install may point elsewhere)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from convkit import _timing, _tuning  # noqa: E402

CPU = time.thread_time
WALL = time.perf_counter


def _medians(funcs: dict, rounds: int, clock=CPU, min_time: float = 0.01) -> dict:
    """Median seconds per call of each contestant, interleaved shuffled rounds."""
    samples = _timing.time_interleaved(funcs, repeats=rounds, min_time=min_time, clock=clock)
    return {k: _timing.median(v) for k, v in samples.items()}


def _rand(rng, shape, dtype):
    dt = np.dtype(dtype)
    if dt.kind in "iu":
        return rng.integers(-100, 100, shape).astype(dt)
    x = rng.standard_normal(shape)
    if dt.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dt)


class _patched:
    """Set ``module.name = value`` for the duration of a ``with`` block."""

    def __init__(self, module, name, value):
        self.module, self.name, self.value = module, name, value

    def __enter__(self):
        self.old = getattr(self.module, self.name)
        setattr(self.module, self.name, self.value)

    def __exit__(self, *exc):
        setattr(self.module, self.name, self.old)


def _with(module, name, value, f):
    """``f`` run with ``module.name = value``."""
    def call():
        with _patched(module, name, value):
            return f()
    return call


def _result(name: str, value, in_force) -> None:
    print(f"{name} = {value} (in force: {in_force})")


def _first_win(rows, margin: float = 0.95):
    """The smallest size from which the contender wins (ratio below ``margin``) at every larger size."""
    best = None
    for size, ratio in sorted(rows, reverse=True):
        if ratio >= margin:
            break
        best = size
    return best


# --------------------------------------------------------------------- dispatcher

def numpy_short_taps(rounds: int) -> None:
    from numpy._core.multiarray import correlate

    rng = np.random.default_rng(0)
    a = _rand(rng, 20000, "float64")
    kernels = {k: _rand(rng, k, "float64") for k in range(4, 21)}
    med = _medians({str(k): (lambda b=b: correlate(a, b, 0)) for k, b in kernels.items()}, rounds)
    per = {k: med[str(k)] for k in kernels}
    for k in kernels:
        print(f"20000 x {k:2d} float64: {per[k] * 1e6:8.1f} us")
    jumps = {k: per[k + 1] / per[k] for k in kernels if k + 1 in per}
    k = max(jumps, key=jumps.get)
    print(f"biggest jump: {k} -> {k + 1} taps, x{jumps[k]:.2f}")
    _result("NUMPY_1D_SHORT_KERNEL_TAPS", k, _tuning.NUMPY_1D_SHORT_KERNEL_TAPS)


def tiny_call(rounds: int) -> None:
    from numpy._core.multiarray import correlate

    import convkit

    rng = np.random.default_rng(0)
    added = []
    for n, k in ((12, 3), (40, 5), (200, 8), (1000, 3)):
        a, b = _rand(rng, n, "float64"), _rand(rng, k, "float64")
        rev = b[::-1].copy()
        med = _medians({"convkit": lambda a=a, b=b: convkit.convolve(a, b, "full"),
                        "numpy": lambda a=a, rev=rev: correlate(a, rev, 2)}, rounds, min_time=0.02)
        added.append(med["convkit"] - med["numpy"])
        print(f"{n} x {k} 'full': convkit.convolve {med['convkit'] * 1e6:.2f} us, numpy's correlate "
              f"{med['numpy'] * 1e6:.2f} us, added {added[-1] * 1e6:.2f} us")
    _result("TINY_CALL_S", f"{float(np.median(added)):.2g}", _tuning.TINY_CALL_S)


def _nnls_relative(features: list[list[float]], times: list[float]) -> np.ndarray:
    """Non-negative least squares on relative error: ``t ~ features @ c``."""
    from scipy.optimize import nnls

    t = np.asarray(times)
    return nnls(np.asarray(features) / t[:, None], np.ones(len(t)))[0]


def int_prepare(rounds: int) -> None:
    from convkit._problem import normalize_convolve

    rng = np.random.default_rng(0)
    features, extra = [], []
    for n in (10_000, 30_000, 100_000, 300_000, 1_000_000):
        calls = {}
        for dt in ("float32", "int16", "int32", "int64"):
            a, b = _rand(rng, n, dt), _rand(rng, 3, dt)
            calls[dt] = lambda a=a, b=b: normalize_convolve(a, b, "full", "auto", correlate=False, workers=1)
        med = _medians(calls, rounds)
        print(f"n = {n:8d}: " + ", ".join(f"{dt} {t * 1e6:.1f} us" for dt, t in med.items()))
        for dt in ("int16", "int32", "int64"):
            features.append([1.0, n + 3.0])
            extra.append(max(med[dt] - med["float32"], 1e-9))
    call, per_element = _nnls_relative(features, extra)
    print(f"integers beyond float32: call {call:.3g} s, per input element {per_element:.3g} s")
    _result("INT_PREPARE_TERMS", f"({call:.2g}, {per_element:.2g})", _tuning.INT_PREPARE_TERMS)


def int_fft(rounds: int) -> None:
    from scipy.optimize import least_squares

    from convkit._execute import run
    from convkit._problem import finish, normalize_convolve

    rng = np.random.default_rng(0)
    features, extra = [], []
    cells = [((n,), (k,), m) for n in (1_000, 10_000, 100_000, 1_000_000) for k in (64, 1000) for m in ("full", "same")
             if k < n] + [((n, n), (k, k), m) for n in (64, 256, 1024) for k in (8, 32) for m in ("full", "same")]
    for s1, s2, mode in cells:
        a, b = _rand(rng, s1, "int32"), _rand(rng, s2, "int32")
        calls = {}
        for name in ("fft", "oa"):
            for x, y, tag in ((a, b, "int32"), (a.astype(np.float64), b.astype(np.float64), "float64")):
                p = normalize_convolve(x, y, mode, name, correlate=False, workers=1)
                assert tag == "float64" or p.fft_allowed
                calls[f"{name} {tag}"] = lambda p=p, name=name: finish(p, run(name, p))
        med = _medians(calls, rounds)
        elements = a.size + b.size + math.prod(n + k - 1 if mode == "full" else n for n, k in zip(s1, s2))
        for name in ("fft", "oa"):
            added = med[f"{name} int32"] - med[f"{name} float64"]
            print(f"{s1} x {s2} {mode} {name}: int32 {med[f'{name} int32'] * 1e6:.1f} us, float64 "
                  f"{med[f'{name} float64'] * 1e6:.1f} us, added {added * 1e6:.1f} us", flush=True)
            features.append([1.0, float(elements)])
            extra.append(max(added, 1e-7))
    # fitted on log time (relative error both ways): the differences are noisy, and a relative
    # least squares on them lands well below the median (large over-predictions cost it most)
    f, t = np.asarray(features), np.asarray(extra)
    fit = least_squares(lambda c: np.log(f @ np.exp(c)) - np.log(t), x0=np.log([5e-6, 2e-9]))
    call, per_element = np.exp(fit.x)
    ratio = (f @ np.exp(fit.x)) / t
    print(f"integer FFT calls beyond float64: call {call:.3g} s, per element (inputs and output) {per_element:.3g} s; "
          f"predicted/measured median {np.median(ratio):.2f}, quartiles {np.quantile(ratio, 0.25):.2f}.."
          f"{np.quantile(ratio, 0.75):.2f}")
    _result("INT_FFT_TERMS", f"({call:.2g}, {per_element:.2g})", _tuning.INT_FFT_TERMS)


def tiny_product(rounds: int) -> None:
    from scipy.optimize import least_squares

    import convkit

    rng = np.random.default_rng(0)
    features, times = [], []
    for s1, s2 in (((1, 2, 5), (1, 1, 1)), ((74, 1, 55), (1, 1, 1)), ((1, 11, 89), (6, 1, 1)), ((1, 4, 54), (1, 1, 1)),
                   ((69, 19, 1), (1, 1, 1)), ((1, 200, 300), (4, 1, 1)), ((300, 1, 300), (1, 5, 1)),
                   ((1, 700, 700), (1, 1, 1))):
        calls = {}
        for dt in ("int16", "float32", "float64", "complex128"):
            a, b = _rand(rng, s1, dt), _rand(rng, s2, dt)
            calls[dt] = lambda a=a, b=b: convkit.convolve(a, b, "full")
        med = _medians(calls, rounds)
        outputs = math.prod(n + k - 1 for n, k in zip(s1, s2))
        print(f"{s1} x {s2}: " + ", ".join(f"{dt} {t * 1e6:.2f} us" for dt, t in med.items()), flush=True)
        for dt, t in med.items():
            features.append([1.0, float(outputs * np.dtype(dt).itemsize)])
            times.append(t)
    # on log time: relative error both ways, over calls from 2 us to a millisecond
    f, t = np.asarray(features), np.asarray(times)
    fit = least_squares(lambda c: np.log(f @ np.exp(c)) - np.log(t), x0=np.log([2e-6, 5e-11]))
    call, per_byte = np.exp(fit.x)
    ratio = (f @ np.exp(fit.x)) / t
    print(f"one product per output: call {call:.3g} s, per output byte {per_byte:.3g} s; predicted/measured "
          f"{ratio.min():.2f}..{ratio.max():.2f}")
    _result("TINY_PRODUCT_TERMS", f"({call:.2g}, {per_byte:.2g})", getattr(_tuning, "TINY_PRODUCT_TERMS", None))


def small_1d_edges(rounds: int) -> None:
    from convkit import _dispatch
    from convkit._engines.direct._engine import small
    from convkit._problem import _centred_start, _region

    rng = np.random.default_rng(0)
    for dt, kind in (("float64", "f"), ("complex128", "c")):
        per_pair = []
        for k in (30, 100, 300, 1000):
            for ratio in (1, 1.5, 3):
                n = int(k * ratio)
                a, b = _rand(rng, n, dt), _rand(rng, k, dt)
                for mode in ("full", "same"):
                    start, length = _region(mode, n, k, _centred_start)
                    t = _medians({"loop": lambda a=a, b=b, s=start, L=length: small(a, b, (s,), (L,))}, rounds)["loop"]
                    full_pairs, edge_pairs = _dispatch.small_1d_pairs(n, k, start, length)
                    modelled = _dispatch.small_seconds(1, kind, length, full_pairs)
                    per_pair.append((t - modelled) / edge_pairs)
                    print(f"{dt} {n} x {k} {mode}: {t * 1e6:.1f} us, full outputs modelled {modelled * 1e6:.1f} us, "
                          f"{edge_pairs} products in partial outputs: {per_pair[-1] * 1e9:.3f} ns each", flush=True)
        _result(f"SMALL_1D_EDGE_PAIR_S[{kind!r}]", f"{float(np.median(per_pair)):.2g}",
                _tuning.SMALL_1D_EDGE_PAIR_S[kind])


def small_int_cast(rounds: int) -> None:
    from convkit._engines.direct._engine import small
    from convkit._execute import _exact_in_float64

    rng = np.random.default_rng(0)
    features, extra = [], []
    for shape1, shape2 in (((300,), (9,)), ((3000,), (9,)), ((30000,), (9,)), ((40, 40), (3, 3)),
                           ((120, 120), (3, 3))):
        start = tuple(k - 1 for k in shape2)
        out = tuple(n - k + 1 for n, k in zip(shape1, shape2))
        for dt in ("int16", "int32"):
            a, b = _rand(rng, shape1, dt), _rand(rng, shape2, dt)
            af, bf = a.astype(np.float64), b.astype(np.float64)

            def routed(a=a, b=b, dt=dt, start=start, out=out):
                assert _exact_in_float64(a, b, np.dtype(dt))
                return small(a.astype(np.float64), b.astype(np.float64), start, out).astype(np.int64).astype(dt)

            def loop(af=af, bf=bf, start=start, out=out):
                return small(af, bf, start, out)

            med = _medians({"route": routed, "loop": loop}, rounds)
            elements = a.size + b.size + math.prod(out)
            print(f"{shape1} x {shape2} {dt}: route {med['route'] * 1e6:.1f} us, float64 loop "
                  f"{med['loop'] * 1e6:.1f} us, added {(med['route'] - med['loop']) * 1e6:.2f} us")
            features.append((np.dtype(dt).itemsize, [1.0, float(elements)]))
            extra.append(max(med["route"] - med["loop"], 1e-9))
    fitted = {}
    for itemsize in (2, 4):  # up to 2 bytes no bound check runs; 4 bytes: a min/max pass per operand
        rows = [i for i, (size, _) in enumerate(features) if size == itemsize]
        call, per_element = _nnls_relative([features[i][1] for i in rows], [extra[i] for i in rows])
        fitted[itemsize] = (float(f"{call:.2g}"), float(f"{per_element:.2g}"))
    _result("SMALL_INT_CAST_TERMS", fitted, _tuning.SMALL_INT_CAST_TERMS)


# --------------------------------------------------------------------- direct engine

def _direct_call(a, b, mode, workers=1):
    """The direct engine itself on ``a * b`` (no numpy shortcut, no executor split)."""
    from convkit._engines.direct import convolve
    from convkit._problem import normalize_convolve

    p = normalize_convolve(a, b, mode, "direct", correlate=False, workers=workers)
    return lambda: convolve(p.a, p.b, p.axes, p.shape, p.start, workers=workers)


def tile_bytes(rounds: int) -> None:
    rng = np.random.default_rng(0)
    cells = [((1024, 1024), (3, 3), "float64"), ((1024, 1024), (7, 7), "float64"),
             ((1024, 1024), (15, 15), "float64"), ((1024, 1024), (5, 5), "float32"),
             ((256, 4096), (9, 9), "float64"), ((1_000_000,), (32,), "float64"), ((300_000,), (100,), "float32")]
    candidates = (4096, 8192, 16384, 32768, 65536)
    ratios = {c: [] for c in candidates}
    for s1, s2, dt in cells:
        f = _direct_call(_rand(rng, s1, dt), _rand(rng, s2, dt), "same")
        med = _medians({str(c): _with(_tuning, "DIRECT_TILE_BYTES", c, f) for c in candidates}, rounds)
        base = med[str(_tuning.DIRECT_TILE_BYTES)]
        print(f"{s1} x {s2} {dt}: " + ", ".join(f"{c}: {med[str(c)] / base:.3f}" for c in candidates)
              + f" (x time with {_tuning.DIRECT_TILE_BYTES}: {base * 1e3:.2f} ms)")
        for c in candidates:
            ratios[c].append(med[str(c)] / base)
    geo = {c: math.exp(np.mean(np.log(r))) for c, r in ratios.items()}
    print("geometric mean over the cells: " + ", ".join(f"{c}: {g:.3f}" for c, g in geo.items()))
    best = min(geo, key=geo.get)
    value = best if geo[best] < 0.97 and max(ratios[best]) < 1.02 else _tuning.DIRECT_TILE_BYTES
    _result("DIRECT_TILE_BYTES", value, _tuning.DIRECT_TILE_BYTES)


def item_macs(rounds: int) -> None:
    from convkit._engines.direct import _cost

    rng = np.random.default_rng(0)
    features, times = [], []
    for n in (32, 64, 128, 256, 512, 1024):
        for k in (3, 5, 9, 15, 25):
            if k > n:
                continue
            for mode in ("full", "same"):
                a, b = _rand(rng, (n, n), "float64"), _rand(rng, (k, k), "float64")
                f = _direct_call(a, b, mode)
                t = _medians({"engine": f}, rounds)["engine"]
                shape = (n + k - 1,) * 2 if mode == "full" else (n, n)
                start = (0, 0) if mode == "full" else ((k - 1) // 2,) * 2
                arith = _cost.macs((n, n), (k, k), (0, 1), shape, start) + _cost.big_output(shape, 8)
                items = _cost._items_and_passes((k, k), (0, 1), shape)
                elements = 2.0 * n * n + k * k if mode == "same" else n * n + k * k + (n + k - 1) ** 2
                features.append([1.0, arith, items, elements])
                times.append(t)
    # the dispatcher's model: overhead + per_unit * (arith + fixed) + per_element * elements
    coef = _nnls_relative(features, times)
    call, per_mac, per_item, per_element = coef
    err = np.abs(np.asarray(features) @ coef / np.asarray(times) - 1)
    print(f"{len(times)} calls: call {call:.3g} s, per multiply-add {per_mac:.3g} s, per item {per_item:.3g} s, "
          f"per element {per_element:.3g} s; relative error median {np.median(err):.2f}, max {err.max():.2f}")
    _result("DIRECT_ITEM_MACS", f"{per_item / per_mac:.0f}.0", _tuning.DIRECT_ITEM_MACS)


def _ab_cells() -> list:
    """A grid of calls for the dispatcher A/B: 1-D and 2-D (square and thin kernels), three dtypes, three modes."""
    shapes = [((n,), (k,)) for n in (100, 300, 1000, 3000, 10**4, 3 * 10**4, 10**5, 3 * 10**5, 10**6, 3 * 10**6)
              for k in (1, 2, 3, 5, 8, 12, 16, 24, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536) if k <= n]
    shapes += [((n, n), (k, k)) for n in (16, 32, 64, 128, 256, 512, 1024, 2048)
               for k in (2, 3, 5, 7, 9, 15, 25, 41, 63) if k <= n]
    shapes += [((n, n), s2) for n in (64, 256, 1024) for k in (3, 9, 31) for s2 in ((k, 1), (1, k))]
    return [(s1, s2, dt, mode) for s1, s2 in shapes for dt in ("float64", "float32", "complex128")
            for mode in ("full", "same", "valid") if mode != "valid" or all(k <= n for n, k in zip(s1, s2))]


def dispatch_ab(name: str, value: float, rounds: int) -> None:
    """``convkit.convolve`` (auto, one thread) with ``_tuning.<name>`` in force against ``value``,
    timed on every call of :func:`_ab_cells` whose choice (engine or route) the value changes."""
    import convkit
    from convkit import _profile

    old = getattr(_tuning, name)
    # each value gets its own memoised decisions: a profile generation of its own
    generation = {old: 10**9, value: 10**9 + 1}

    def use(v):
        setattr(_tuning, name, v)
        _profile._generation = generation[v]

    def choice(cell, v):
        use(v)
        s1, s2, dt, mode = cell
        c = convkit.choose_method(np.zeros(s1, dt), np.zeros(s2, dt), mode, workers=1)
        return c.method, c.reason

    cells = _ab_cells()
    changed = [c for c in cells if choice(c, old) != choice(c, value)]
    print(f"{len(changed)} of {len(cells)} calls change engine or route with {name} = {value} (in force: {old})")
    rng = np.random.default_rng(0)
    ratios = []
    for cell in changed:
        s1, s2, dt, mode = cell
        a, b = _rand(rng, s1, dt), _rand(rng, s2, dt)

        def run(v, a=a, b=b, mode=mode):
            use(v)
            return convkit.convolve(a, b, mode, workers=1)
        med = _medians({"in force": lambda: run(old), "candidate": lambda: run(value)}, rounds)
        ratios.append(med["candidate"] / med["in force"])
        print(f"{s1} x {s2} {dt} {mode}: {choice(cell, old)[0]} -> {choice(cell, value)[0]}, "
              f"{med['in force'] * 1e6:.1f} -> {med['candidate'] * 1e6:.1f} us, ratio {ratios[-1]:.2f}", flush=True)
    use(old)
    if ratios:
        r = np.array(ratios)
        print(f"candidate / in force over the {len(r)} calls: geometric mean {math.exp(np.log(r).mean()):.3f}, "
              f"best {r.min():.2f}, worst {r.max():.2f}, {int((r > 1.05).sum())} more than 5% slower")


def item_macs_ab(rounds: int, value: float | None = None) -> None:
    if value is None:
        raise SystemExit("item-macs-ab needs --value (the candidate DIRECT_ITEM_MACS)")
    dispatch_ab("DIRECT_ITEM_MACS", value, rounds)


def _threads_sweep(cases, rounds: int) -> list:
    """Wall-time medians of each case's one-thread and threaded forms, interleaved; prints each case
    and returns ``(size, threaded / one-thread)`` rows for :func:`_first_win`. ``cases`` yields
    ``(size, label, one_thread, threaded)`` (a generator: each case's arrays are made when timed)."""
    rows = []
    for size, label, one, many in cases:
        med = _medians({"1": one, "N": many}, rounds, clock=WALL)
        rows.append((size, med["N"] / med["1"]))
        print(f"{label}: one thread {med['1'] * 1e6:.1f} us, threaded {med['N'] * 1e6:.1f} us, "
              f"ratio {rows[-1][1]:.2f}")
    return rows


def par_min_work(rounds: int) -> None:
    def cases():
        rng = np.random.default_rng(0)
        for k in (3, 7):
            for n in (16, 24, 32, 48, 64, 96, 128, 192, 256, 384):
                a, b = _rand(rng, (n, n), "float64"), _rand(rng, (k, k), "float64")
                work = n * n * k * k
                two = _with(_tuning, "DIRECT_PAR_MIN_WORK", 0, _direct_call(a, b, "same", 2))
                yield work, f"{n}^2 x {k}^2 (work {work}), workers=2", _direct_call(a, b, "same", 1), two

    first = _first_win(_threads_sweep(cases(), rounds))
    value = f"1 << {math.ceil(math.log2(first))}" if first else "none: 2 threads never won"
    _result("DIRECT_PAR_MIN_WORK", value, f"1 << {int(math.log2(_tuning.DIRECT_PAR_MIN_WORK))}")


def small_1d_complex(rounds: int) -> None:
    from convkit._engines.direct import small

    rng = np.random.default_rng(0)
    rows = []
    for k in (8, 32, 128):
        for products in (1 << 13, 1 << 15, 1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 21):
            n = products // k
            a, b = _rand(rng, n, "complex128"), _rand(rng, k, "complex128")
            shape, start = (n + k - 1,), (0,)
            tiled = _with(_tuning, "DIRECT_SMALL_1D_COMPLEX", 0, _direct_call(a, b, "full"))
            plain = lambda a=a, b=b, start=start, shape=shape: small(a, b, start, shape)  # noqa: E731
            med = _medians({"plain": plain, "tiled": tiled}, rounds)
            rows.append((products, med["plain"], med["tiled"]))
            print(f"{n} x {k} complex128 ({products} products): plain {med['plain'] * 1e6:.1f} us, tiled "
                  f"{med['tiled'] * 1e6:.1f} us, tiled/plain {med['tiled'] / med['plain']:.2f}")
    # each bound: the plain loop up to it, the tiled engine above; time over the faster loop's, per cell
    loss = {}
    for bound in sorted({p for p, _, _ in rows}):
        r = [(plain if p <= bound else tiled) / min(plain, tiled) for p, plain, tiled in rows]
        loss[bound] = (math.exp(np.mean(np.log(r))), max(r))
        print(f"bound 2^{int(math.log2(bound))}: over the faster loop, geometric mean {loss[bound][0]:.3f}, "
              f"worst {loss[bound][1]:.2f}")
    best = min(loss, key=loss.get)
    _result("DIRECT_SMALL_1D_COMPLEX", f"1 << {int(math.log2(best))}",
            f"1 << {int(math.log2(_tuning.DIRECT_SMALL_1D_COMPLEX))}")


# --------------------------------------------------------------------- FFT engines

def _whole(a, b, workers):
    from convkit._engines import _spectral

    shape = tuple(x + y - 1 for x, y in zip(a.shape, b.shape))
    axes = tuple(range(a.ndim))
    return lambda: _spectral.convolve_whole(a, b, axes, shape, (0,) * a.ndim, workers=workers)


def fft_par_operands(rounds: int) -> None:
    from convkit._engines import _spectral

    def cases():
        rng = np.random.default_rng(0)
        for n in (512, 1024, 2048, 4096, 8192, 16384, 65536, 262144):
            f = _whole(_rand(rng, n, "float64"), _rand(rng, n, "float64"), 2)
            yield (n, f"{n} x {n} float64, workers=2, the operands' transforms one after the other or on two threads",
                   _with(_spectral, "PAR_OPERANDS_MIN", 1 << 62, f), _with(_spectral, "PAR_OPERANDS_MIN", 0, f))

    first = _first_win(_threads_sweep(cases(), rounds))
    _result("FFT_PAR_OPERANDS_MIN", first if first else "none: two threads never won", _tuning.FFT_PAR_OPERANDS_MIN)


def fftw_thread_min(rounds: int) -> None:
    from convkit._engines import _spectral

    os.environ["CONVKIT_FFTW_THREADS"] = "1"

    def cases():
        rng = np.random.default_rng(0)
        for log2 in range(13, 22):
            n = (1 << log2) - 15   # 'full' of n and 16 taps: 2**log2 points
            f = _whole(_rand(rng, n, "float64"), _rand(rng, 16, "float64"), 2)
            yield (1 << log2, f"2^{log2} points, FFTW's own threads",
                   _with(_spectral, "THREAD_MIN", 1 << 62, f), _with(_spectral, "THREAD_MIN", 0, f))

    first = _first_win(_threads_sweep(cases(), rounds))
    value = f"1 << {int(math.log2(first))}" if first else "none: FFTW's threads never won"
    _result("FFTW_THREAD_MIN", value, f"1 << {int(math.log2(_tuning.FFTW_THREAD_MIN))}")


def fft_separate_max(rounds: int) -> None:
    from functools import partial

    from convkit._engines import _fft_plans, _spectral

    # each layout gets its own pooled plans: the key carries the bound in force
    key = _spectral._conv_key
    _spectral._conv_key = lambda *args: (key(*args), _spectral.SEPARATE_MAX)
    rng = np.random.default_rng(0)
    rows = []
    dt = np.dtype(np.float64)
    for n, k in ((2000, 100), (5000, 300), (16000, 1066), (16321, 64), (30000, 2000), (60000, 4000),
                 (65473, 64), (200000, 10000), (500000, 33333)):
        a, b = _rand(rng, n, "float64"), _rand(rng, k, "float64")
        fa, fb, fo, lens = _spectral.whole_shapes(a.shape, b.shape, (0,), (n + k - 1,), (0,), True)
        factory = partial(_spectral._plan_conv, fa, fb, fo, dt, (0,), 1)

        def plan(factory=factory, n=n):
            # a new key's first planning under the default (ESTIMATE, deterministic) policy
            with _fft_plans.plan_lock, _fft_plans._clean_wisdom():
                factory(_fft_plans.Bundle(("measure", n), "FFTW_ESTIMATE"), "FFTW_ESTIMATE", False)
        f = _whole(a, b, 1)
        layouts = {"separate": 1 << 62, "in-place": 0}
        med = _medians({f"plan {name}": _with(_spectral, "SEPARATE_MAX", bound, plan)
                        for name, bound in layouts.items()}
                       | {name: _with(_spectral, "SEPARATE_MAX", bound, f) for name, bound in layouts.items()},
                       rounds)
        points = math.prod(lens)
        saved = med["plan in-place"] - med["plan separate"]
        extra = med["separate"] - med["in-place"]
        rows.append((points, med["separate"] / med["in-place"]))
        repay = (f"{saved / extra:.0f} calls" if extra > 0 and saved > 0
                 else "(out of place faster in both)" if saved > 0 else "(out of place slower in both)")
        print(f"{n} x {k} ({points} points): planning separate {med['plan separate'] * 1e6:.0f} us, in place "
              f"{med['plan in-place'] * 1e6:.0f} us; steady state separate {med['separate'] * 1e6:.1f} us, "
              f"in place {med['in-place'] * 1e6:.1f} us, separate/in-place {rows[-1][1]:.2f}; "
              f"planning saved = extra time of {repay}")
    # out of place while its steady state costs at most 5% more (its planning is the cheaper one)
    fits = [p for p, r in sorted(rows) if r <= 1.05]
    value = f"{max(fits)} points" if fits else "0"
    _result("FFT_SEPARATE_MAX", value, f"1 << {int(math.log2(_tuning.FFT_SEPARATE_MAX))}")


def fft_single_scale(rounds: int) -> None:
    """The profile's float32 ``scale`` of the fft and oa engines: forced calls of each engine in float32
    and float64 on the same 1-D and 2-D cells, interleaved; float32's time over float64's, and each
    dtype's predicted over measured time."""
    import convkit

    rng = np.random.default_rng(0)
    cells = [((10000,), (512,)), ((20000,), (1000,)), ((40000,), (700,)), ((100000,), (3000,)),
             ((300, 300), (31, 31)), ((512, 512), (64, 64)), ((1000, 800), (41, 41))]
    ratios = {"fft": [], "oa": []}
    for s1, s2 in cells:
        a64, b64 = _rand(rng, s1, "float64"), _rand(rng, s2, "float64")
        a32, b32 = a64.astype(np.float32), b64.astype(np.float32)
        for method in ("fft", "oa"):
            funcs = {dt: (lambda a=a, b=b, m=method: convkit.convolve(a, b, "full", method=m, workers=1))
                     for dt, a, b in (("float32", a32, b32), ("float64", a64, b64))}
            med = _medians(funcs, rounds)
            pred = {dt: convkit.choose_method(a, b, "full", workers=1).predicted[method]
                    for dt, a, b in (("float32", a32, b32), ("float64", a64, b64))}
            ratios[method].append(med["float32"] / med["float64"])
            print(f"{s1} x {s2} {method}: float32/float64 {ratios[method][-1]:.2f}; predicted/measured float32 "
                  f"{pred['float32'] / med['float32']:.2f}, float64 {pred['float64'] / med['float64']:.2f}")
    from convkit import _profile

    for method in ("fft", "oa"):
        _result(f"profile {method} scale f32 (median float32/float64 time)", f"{np.median(ratios[method]):.2f}",
                _profile.DEFAULT_CONSTANTS[method]["scale"]["f32"])


COMMANDS = {"numpy-short-taps": numpy_short_taps, "tiny-call": tiny_call, "int-prepare": int_prepare,
            "small-int-cast": small_int_cast, "int-fft": int_fft, "tiny-product": tiny_product,
            "small-1d-edges": small_1d_edges,
            "tile-bytes": tile_bytes, "item-macs": item_macs, "item-macs-ab": item_macs_ab,
            "par-min-work": par_min_work,
            "small-1d-complex": small_1d_complex, "fft-par-operands": fft_par_operands,
            "fftw-thread-min": fftw_thread_min, "fft-separate-max": fft_separate_max,
            "fft-single-scale": fft_single_scale}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(COMMANDS))
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds per cell (default 7)")
    parser.add_argument("--value", type=float, help="the candidate value (the *-ab sub-commands)")
    args = parser.parse_args(argv)
    print(f"{args.name}: {os.cpu_count()} CPUs, numpy {np.__version__}", flush=True)
    if args.name.endswith("-ab"):
        COMMANDS[args.name](args.rounds, args.value)
    else:
        COMMANDS[args.name](args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
