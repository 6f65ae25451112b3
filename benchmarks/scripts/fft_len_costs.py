"""FFT lengths by speed: the fft engine's one-transform convolution at every 7-smooth length of a
window ``[m, 1.1 m]``, for windows from 64 to 4e6 points, and the fit of ``FFT_LEN_COST``
(``convkit/_tuning.py``, used by ``_fft_sizes.fast_fft_len``).

    python benchmarks/scripts/fft_len_costs.py measure --kinds real,complex --json lens.json
    python benchmarks/scripts/fft_len_costs.py fit lens.json          # prints FFT_LEN_COST
    python benchmarks/scripts/fft_len_costs.py check lens.json        # the rule against the times
    python benchmarks/scripts/fft_len_costs.py places 100800,102400,100842   # in place vs out of place
    python benchmarks/scripts/fft_len_costs.py forms a.json b.json    # other cost forms, out of sample

``measure`` runs ``convkit._engines._spectral.convolve_whole`` on a 1-D 'full' problem whose
circular length is ``m`` with the padded length forced to each candidate (the engine's own
buffers, ESTIMATE plans, in/out of place, pocketfft below its bound: what runs). ``real``:
float64 (float32 is transformed in double by default), ``complex``: complex128. One thread,
CPU time of the calling thread, every candidate once per round in shuffled rounds, medians.
``--min``/``--max``/``--per-octave`` set the windows. Seeded: the same windows every run.

``fit`` fits, per kind and band of needed lengths, ``time = c_window + L (b + a2 e2 + a3 e3 + a5 e5
+ a7 e7)`` (``e_p``: the exponent of ``p`` in ``L``; ``b`` and the ``a``'s non-negative) by least
squares on relative error, and ``check`` (``--refit``: with the file's own fit, ``--loo``: each
window with the fit of the others)
prints, per window, the measured time of the rule's pick over the smallest length's and over
the fastest candidate's.

``places`` times FFTW's ESTIMATE r2c, r2c and c2r of each length (one convolution's transforms,
float64, buffers preallocated) out of place and in place (FFTW's padded real layout, which the
engine uses above ``_tuning.FFT_SEPARATE_MAX`` points): where the lengths' times part from the
fitted cost, this says whether the plans (not the engine's passes) are why.
"""
import argparse
import json
import math
import os
import random
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from convkit._engines._fft_sizes import _exponents  # noqa: E402  (the exponents the rule prices)

_BANDS = (16, 19, 23)      # band upper bounds, log2 of the length (the last open-ended)


def _candidates(m, real, window):
    from convkit._engines import _fft_sizes

    hi = int(m * window)
    out = [L for L in _fft_sizes._smooth_between(m, hi) if not (real and L % 2 and L > 16)]
    return out or [_fft_sizes.next_fast_len(m, real)]


def measure(args):
    from threadpoolctl import threadpool_limits

    from convkit._engines import _spectral

    rng = np.random.default_rng(args.seed)
    forced = {}
    orig = _spectral.fft_lengths

    def lengths(a_shape, b_shape, axes, shape, start, real):
        return forced["lens"]

    _spectral.fft_lengths = lengths
    res = []
    per_octave = args.per_octave
    n_win = int(math.log2(args.max / args.min) * per_octave) + 1
    ms = [int(args.min * 2 ** ((i + rng.uniform(0, 0.5)) / per_octave)) for i in range(n_win)]
    if args.windows:         # named windows (every candidate of each: a dense look at a few)
        ms = [int(float(x)) for x in args.windows.split(",")]
    try:
        for kind in args.kinds.split(","):
            real = kind == "real"
            dt = np.dtype(np.float64 if real else np.complex128)
            for m in ms:
                k = max(2, min(64, m // 4)) if args.ndim == 1 else 16
                n = m - k + 1
                nd = args.ndim
                a = rng.standard_normal((n,) * nd).astype(dt)
                b = rng.standard_normal((k,) * nd).astype(dt)
                if nd == 1:
                    cands = [(L,) for L in _candidates(m, real, args.window)]
                else:
                    # every pair of the first few candidates of the other axes and the halved one
                    first = _candidates(m, False, args.window)[:args.per_axis]
                    last = _candidates(m, real, args.window)[:args.per_axis]
                    cands = [(L0, L1) for L0 in first for L1 in last]
                axes, shape, start = tuple(range(nd)), (m,) * nd, (0,) * nd

                def run(L):
                    forced["lens"] = L
                    return _spectral.convolve_whole(a, b, axes, shape, start, 1)

                with threadpool_limits(1):
                    for L in cands:                 # plans made, buffers pooled
                        run(L)
                    t0 = time.thread_time()
                    for L in cands:
                        run(L)
                    est = (time.thread_time() - t0) / len(cands)
                    rounds = max(3, min(args.rounds, int(args.budget / max(est * len(cands), 1e-9))))
                    times = {L: [] for L in cands}
                    order = list(cands)
                    for _ in range(rounds):
                        random.shuffle(order)
                        for L in order:
                            t = time.thread_time()
                            run(L)
                            times[L].append(time.thread_time() - t)
                med = {L: statistics.median(v) for L, v in times.items()}
                res.append({"kind": kind, "m": m, "k": k, "rounds": rounds, "ndim": nd,
                            "times": {",".join(map(str, L)): v for L, v in med.items()}})
                best = min(med, key=med.get)
                print(f"{kind:7s} m={m:8d} {len(cands):2d} cands x{rounds:2d}: smallest {cands[0]} "
                      f"{med[cands[0]] * 1e6:10.1f} us, fastest {best} {med[best] * 1e6:10.1f} us "
                      f"({med[best] / med[cands[0]]:.3f}x)", flush=True)
    finally:
        _spectral.fft_lengths = orig
    meta = {"cpu": _cpu(), "load": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "command": " ".join(sys.argv)}
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "windows": res}, f, indent=1)
    return res


def places(lengths, rounds):
    import pyfftw

    plans = {}
    rng = np.random.default_rng(0)
    for L in lengths:
        a, o = pyfftw.empty_aligned(L, "float64"), pyfftw.empty_aligned(L, "float64")
        c = pyfftw.empty_aligned(L // 2 + 1, "complex128")
        s = pyfftw.empty_aligned(L // 2 + 1, "complex128")
        r = s.view("float64")[:L]             # in place: the real data inside the spectrum buffer
        a[:] = r[:] = rng.standard_normal(L)
        for where, (x, y, z) in (("out", (a, c, o)), ("in", (r, s, r))):
            plans[where, L] = (pyfftw.FFTW(x, y, flags=("FFTW_ESTIMATE",), threads=1),
                               pyfftw.FFTW(y, z, direction="FFTW_BACKWARD",
                                           flags=("FFTW_ESTIMATE", "FFTW_DESTROY_INPUT"), threads=1))

    def run(key):
        fwd, inv = plans[key]
        fwd()
        fwd()
        inv()

    times = {key: [] for key in plans}
    for key in plans:
        run(key)
    for _ in range(rounds):
        order = list(plans)
        random.shuffle(order)
        for key in order:
            t = time.thread_time()
            run(key)
            times[key].append(time.thread_time() - t)
    for L in lengths:
        out, inp = (statistics.median(times[w, L]) for w in ("out", "in"))
        print(f"{L:9d} {str(_exponents(L)):16s} out of place {out * 1e3:8.3f} ms  in place {inp * 1e3:8.3f} ms  "
              f"in/out {inp / out:5.2f}")


def _cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def _load(path):
    with open(path) as f:
        return json.load(f)["windows"]


#: cost forms ``forms`` compares: ns per point = coefficients . form(exponents of L); "base" is
#: FFT_LEN_COST's (b + a2 e2 + a3 e3 + a5 e5 + a7 e7), the others add a term (non-negative too)
FORMS = {
    "base": lambda e: [1, *e],
    "e7^2": lambda e: [1, *e, e[3] ** 2],
    "ep^2": lambda e: [1, *e, e[1] ** 2, e[2] ** 2, e[3] ** 2],
    "few twos": lambda e: [1, *e, max(0, 6 - e[0])],
    "odd part^2": lambda e: [1, *e, (e[1] + e[2] + e[3]) ** 2],
    "e7^2, few twos": lambda e: [1, *e, e[3] ** 2, max(0, 9 - e[0])],
}


def fit(windows, smallest=2048, form=FORMS["base"]):
    """{kind: ((band upper log2, coefficients), ...)} by least squares on relative error; with the
    default ``form`` the coefficients are ``(b, a2, a3, a5, a7)``, FFT_LEN_COST's layout.

    A window's candidates share its band (by ``log2 m``) and an intercept of their own (the call's
    fixed costs, which do not decide between them), so the fit prices what tells them apart."""
    out = {}
    for kind in sorted({w["kind"] for w in windows}):
        bands = []
        lo = 0
        for hi in _BANDS:
            last = hi == _BANDS[-1]
            # neighbouring bands share their edge octave, so the fits join smoothly
            mine = [w for w in windows if w["kind"] == kind and w.get("ndim", 1) == 1 and w["m"] >= smallest
                    and lo - 1 <= math.log2(w["m"]) < (64 if last else hi + 1)]
            rows, ys = [], []
            for j, w in enumerate(mine):
                for Ls, t in w["times"].items():
                    L = int(Ls)
                    intercept = [0.0] * len(mine)
                    intercept[j] = 1.0
                    # ns per point; each row divided by the time (relative error)
                    rows.append([x / t for x in intercept + [L * 1e-9 * f for f in form(_exponents(L))]])
                    ys.append(1.0)
            if len(rows) > len(mine) + 5:
                from scipy.optimize import lsq_linear

                # the per-point terms non-negative: unbounded, b and the a's traded off into
                # negative prices at a band's edge (-6 ns per point at 2^19 real)
                A = np.array(rows)
                lower = np.r_[np.full(len(mine), -np.inf), np.zeros(A.shape[1] - len(mine))]
                coef = lsq_linear(A, np.array(ys), bounds=(lower, np.inf)).x
                bands.append((64 if last else hi, tuple(float(f"{c:.4g}") for c in coef[len(mine):])))
            lo = hi
        out[kind] = tuple(bands)
    return out


def check(windows, costs=None, loo=False):
    from convkit._engines import _fft_sizes

    kinds = sorted({(w["kind"], w.get("ndim", 1)) for w in windows})
    for kind, nd in kinds:
        over_small, over_best = [], []
        for w in windows:
            if (w["kind"], w.get("ndim", 1)) != (kind, nd):
                continue
            med = {tuple(int(x) for x in L.split(",")): t for L, t in w["times"].items()}
            smallest = min(med)
            real = kind == "real"
            if loo:      # leave this window out of the fit
                costs = fit([v for v in windows if v is not w])
            # the engine's rule: lengths by speed over one axis, the smallest over several
            size = _fft_sizes.fast_fft_len if nd == 1 else (lambda n, r, c: _fft_sizes.next_fast_len(n, r))
            pick = tuple(size(w["m"], real and i == nd - 1, costs) for i in range(nd))
            if pick not in med:
                print(f"  {kind} m={w['m']}: pick {pick} not measured")
                continue
            best = min(med, key=med.get)
            over_small.append(med[pick] / med[smallest])
            over_best.append(med[pick] / med[best])
            flag = " <" if pick != smallest else ""
            print(f"{kind:7s} m={w['m']:8d} smallest {smallest} pick {pick} fastest {best}: "
                  f"pick/smallest {over_small[-1]:.3f}  pick/fastest {over_best[-1]:.3f}{flag}")
        print(f"{kind} {nd}-D: pick/smallest median {statistics.median(over_small):.3f} worst {max(over_small):.3f} "
              f"best {min(over_small):.3f}; pick/fastest median {statistics.median(over_best):.3f} "
              f"worst {max(over_best):.3f}")


def forms(train, test, margin):
    """Each of FORMS fitted on ``train``'s windows and checked on ``test``'s: per test window, the
    measured time of the cheapest candidate by the fit (taken when ``margin`` cheaper than the
    smallest, as the rule does) over the smallest's, and the spread of the measured times over the
    fitted ones (|log| of each over the window's median ratio)."""
    for name, form in FORMS.items():
        bands = fit(train, form=form)["real"]
        over_small, resid = [], []
        for w in test:
            if w["kind"] != "real" or w.get("ndim", 1) != 1 or w["m"] < 2048:
                continue
            lg = w["m"].bit_length() - 1
            coef = next((c for hi, c in bands if lg < hi), bands[-1][1])
            med = {int(L): t for L, t in w["times"].items()}
            price = {L: L * sum(c * f for c, f in zip(coef, form(_exponents(L)))) for L in med}
            first = min(med)
            best = min(med, key=lambda L: (price[L], L))
            pick = best if price[first] - price[best] > margin * price[first] else first
            over_small.append(med[pick] / med[first])
            ratios = [med[L] / price[L] for L in med]
            mid = statistics.median(ratios)
            resid += [abs(math.log(r / mid)) for r in ratios]
        print(f"{name:16s} pick/smallest mean {statistics.mean(over_small):.3f} worst {max(over_small):.3f}; "
              f"|log residual| median {statistics.median(resid):.3f} mean {statistics.mean(resid):.3f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--kinds", default="real,complex")
    m.add_argument("--min", type=int, default=64)
    m.add_argument("--max", type=int, default=4_000_000)
    m.add_argument("--per-octave", type=int, default=3)
    m.add_argument("--window", type=float, default=1.1)
    m.add_argument("--rounds", type=int, default=15)
    m.add_argument("--budget", type=float, default=1.0, help="seconds of rounds per window")
    m.add_argument("--ndim", type=int, default=1, choices=(1, 2))
    m.add_argument("--per-axis", type=int, default=5, help="2-D: candidates per axis")
    m.add_argument("--seed", type=int, default=20261208, help="another seed: other windows (a check of the fit)")
    m.add_argument("--windows", help="comma-separated needed lengths m (instead of --min/--max)")
    m.add_argument("--json")
    f = sub.add_parser("fit")
    f.add_argument("json")
    f.add_argument("--smallest", type=int, default=2048, help="fit windows from this length")
    c = sub.add_parser("check")
    c.add_argument("json")
    c.add_argument("--refit", action="store_true", help="check the file's own fit, not _tuning's")
    c.add_argument("--loo", action="store_true", help="each window by the fit of the others")
    fo = sub.add_parser("forms", help="fit each cost form on one file's windows, check it on another's")
    fo.add_argument("train")
    fo.add_argument("test")
    fo.add_argument("--margin", type=float, default=0.12)
    pl = sub.add_parser("places")
    pl.add_argument("lengths", help="comma-separated transform lengths")
    pl.add_argument("--rounds", type=int, default=21)
    args = p.parse_args()
    os.environ.setdefault("CONVKIT_FFTW_FILL", "0")
    if args.cmd == "measure":
        measure(args)
    elif args.cmd == "forms":
        forms(_load(args.train), _load(args.test), args.margin)
    elif args.cmd == "places":
        places([int(x) for x in args.lengths.split(",")], args.rounds)
    elif args.cmd == "fit":
        for kind, bands in fit(_load(args.json), args.smallest).items():
            print(f"{kind!r}: {bands},")
    else:
        windows = _load(args.json)
        check(windows, fit(windows) if args.refit else None, args.loo)


if __name__ == "__main__":
    main()
