"""Random differential run of convkit's scipy.signal functions against scipy and an oracle.

    python tools/fuzz_signal.py [--seconds 120] [--seed 1] [--save-dir DIR] [--case N]

Each round draws one call of ``convolve``, ``correlate`` (every ``method``),
``fftconvolve``, ``oaconvolve`` (with ``axes``), ``convolve2d`` or
``correlate2d`` (every ``boundary``, ``fillvalue``): 1-D to 3-D shapes from
length 1 to a few hundred (sometimes empty), every dtype scipy accepts, mixed
dtypes, big integers near their dtype's limits, an occasional NaN or infinity,
and odd layouts (Fortran order, strided, big-endian, negative strides,
read-only). It then checks, in this order:

1. convkit raises where scipy raises (the same exception type), else returns
   scipy's dtype and shape;
2. a second identical call returns the same bits (contract: results are a
   function of the problem);
3. the values against ``tests/_helpers.oracle_public`` (a float128/int64 loop
   written independently of convkit), with the test suite's tolerance rule;
   integers exactly, after scipy's wrap-around.

What is left out on purpose: scipy's defects that convkit fixes (README,
"Differences from scipy.signal": N-d bool/float16 on the direct path, 'same' on
axes not convolved; and scipy's FFT rejecting big-endian float16); calls scipy
itself cannot make (``convolve2d`` with ``boundary='wrap'`` or
``'symm'`` on an empty operand kills the process with SIGFPE in scipy 1.17, so
those are not sent to scipy); value checks for non-'fill' boundaries,
``fillvalue`` and ``axes`` (the oracle does not model them: scipy's values are
compared instead). Each problem prints one line; ``--save-dir`` also saves the
operands as ``case_N.npz``; ``--seed S --case N`` replays call N alone
(tools/_fuzz.py). The exit status is 1 if anything was found.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import scipy.signal as ss
from _fuzz import DTYPES, against_reference, capture, draw_array, draw_shape, relayout, run

import convkit

from _helpers import REL_TOL, oracle_public  # noqa: E402 - tests/ is put on the path by _fuzz

FUNCTIONS = ["convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d"]


def draw_call(rng):
    """One random call: (function name, in1, in2, mode, keywords)."""
    fn = str(rng.choice(FUNCTIONS))
    ndim = 2 if fn.endswith("2d") else int(rng.choice([1, 1, 2, 2, 3]))
    s1, s2 = draw_shape(rng, ndim), draw_shape(rng, ndim)
    if rng.random() < 0.05:
        s1 = tuple(0 if rng.random() < 0.5 else k for k in s1)
    d1 = rng.choice(DTYPES)
    d2 = rng.choice(DTYPES) if rng.random() < 0.3 else d1
    big = rng.random() < 0.15
    a = relayout(rng, draw_array(rng, s1, d1, big))
    b = draw_array(rng, s2, d2, big)
    mode = str(rng.choice(["full", "same", "valid"]))
    kw = {}
    if fn in ("convolve", "correlate"):
        kw["method"] = str(rng.choice(["auto", "auto", "direct", "fft"]))
    if fn.endswith("2d"):
        kw["boundary"] = str(rng.choice(["fill", "wrap", "symm"]))
        if rng.random() < 0.3:
            kw["fillvalue"] = float(rng.integers(-3, 4))
    if fn in ("fftconvolve", "oaconvolve") and ndim > 1 and rng.random() < 0.4:
        kw["axes"] = sorted(rng.choice(ndim, size=int(rng.integers(1, ndim + 1)), replace=False).tolist())
    return fn, a, b, mode, kw


def scipy_crashes(fn, a, b, kw):
    """scipy 1.17's ``convolve2d`` with ``boundary='wrap'``/``'symm'`` on an empty operand kills
    the process (SIGFPE): such calls are not sent to scipy."""
    return fn.endswith("2d") and kw.get("boundary", "fill") != "fill" and (a.size == 0 or b.size == 0)


def known_difference(fn, a, b, mode, kw, ref, got):
    """The reason a mismatch with scipy is one of the documented differences, else None
    (README, "Differences from scipy.signal")."""
    kinds = {a.dtype.char, b.dtype.char}
    if isinstance(ref, ValueError) and "Unsupported type" in str(ref) and kinds & set("?e"):
        return "difference 2: scipy's N-d direct path rejects bool and float16"
    if isinstance(ref, RuntimeError) and "unsupported data type" in str(ref) and any(
            x.dtype.char == "e" and not x.dtype.isnative for x in (a, b)):
        return "scipy's FFT rejects big-endian float16 (convkit computes it)"
    if (isinstance(ref, (OverflowError, ValueError)) and kw.get("method") == "auto" and not isinstance(got, Exception)
            and kinds & set("bBhHiIlLqQ") and not all(np.isfinite(x.astype(np.complex128)).all() for x in (a, b))):
        return "difference 5: auto with an integer operand and a non-finite float one"
    if (isinstance(ref, IndexError) and isinstance(got, ValueError) and "cannot be empty" in str(got)
            and kw.get("method") == "fft"):
        return "an empty operand on the fft path: ValueError, not scipy's IndexError"
    if (fn in ("fftconvolve", "oaconvolve") and mode == "same" and kw.get("axes") is not None
            and not isinstance(got, Exception) and not isinstance(ref, Exception) and got.ndim == ref.ndim):
        batch = [i for i in range(a.ndim) if i not in kw["axes"]]
        if all(got.shape[i] == ref.shape[i] for i in kw["axes"]) and all(
                got.shape[i] == max(a.shape[i], b.shape[i]) for i in batch):
            return "difference 4: 'same' keeps the broadcast length on axes not convolved"
    return None


def call(module, fn, a, b, mode, kw):
    return capture(getattr(module, fn), a, b, mode, **kw)


def oracle_for(fn, a, b, mode):
    """The independent result for ``fn``. scipy centres ``correlate2d``'s 'same' window at
    ``k // 2`` of the full correlation (``correlate``'s is at ``(k - 1) // 2``: they differ
    for even kernel lengths)."""
    if fn.startswith("correlate"):
        # the kernel reversed (and conjugated: np.conj of a bool or integer array would change
        # its dtype, and with it the oracle's wrap-around)
        b = b[(slice(None, None, -1),) * b.ndim]
        b = np.conj(b) if b.dtype.kind == "c" else b
        if fn == "correlate2d" and mode == "same":
            full = oracle_public("convolve", a, b, "full")
            return full[tuple(slice(k // 2, k // 2 + n) for n, k in zip(a.shape, b.shape))]
    return oracle_public("convolve", a, b, mode)


def against_oracle(fn, got, a, b, mode, scipy_out):
    if got.size == 0:
        return None
    if not (np.isfinite(a.astype(np.complex128)).all() and np.isfinite(b.astype(np.complex128)).all()):
        # README "Non-finite arithmetic": which outputs are finite never differs from scipy
        # (an FFT spreads a NaN over its whole block, in both); values are not compared. Not
        # where scipy multiplies zero padding by a non-finite kernel sample (convolve2d, N-d
        # direct: convkit forms only overlapping products), nor on the oa engine, whose blocks
        # are not scipy's.
        # (scipy's N-d correlate swaps the operands in 'full' when in2 is larger, so a non-finite
        # in1 can be its kernel.)
        # (scipy's 1-D 'same' with in1 the shorter runs on its N-d path: numpy.convolve's 'same' is sized
        # by the longer input, scipy.signal._np_conv_ok)
        padding_quirk = (fn.endswith("2d") and not np.isfinite(b.astype(np.complex128)).all()) or (
            fn in ("convolve", "correlate") and (a.ndim > 1 or (mode == "same" and a.size < b.size)))
        if fn == "oaconvolve" or padding_quirk or not isinstance(scipy_out, np.ndarray):
            return None   # (no array from scipy: a documented difference, checked above)
        if not np.array_equal(np.isfinite(got), np.isfinite(scipy_out)):
            counts = np.isfinite(got).sum(), np.isfinite(scipy_out).sum()
            return f"finite outputs differ from scipy's ({counts[0]} against {counts[1]})"
        return None
    if mode == "valid" and any(m < k for m, k in zip(a.shape, b.shape)):
        if fn in ("correlate", "correlate2d") or not all(m <= k for m, k in zip(a.shape, b.shape)):
            return None   # scipy's argument swap for correlation is checked against scipy above
        a, b = b, a
    if got.dtype.kind in "fc" and a.dtype.kind not in "fc":
        a, b = a.astype(got.dtype), b.astype(got.dtype)
    ref = np.asarray(oracle_for(fn, a, b, mode))
    if got.dtype.kind in "iub":
        if got.dtype.kind in "iu":   # scipy's wrap-around, exactly (a float cast of a wide sum is not)
            bits = 8 * got.dtype.itemsize
            wrapped = [int(v) % (1 << bits) for v in np.asarray(ref, dtype=object).ravel()]
            if got.dtype.kind == "i":
                wrapped = [v - (1 << bits) if v >= 1 << (bits - 1) else v for v in wrapped]
            ref = np.array(wrapped, dtype=object).reshape(got.shape).astype(got.dtype)
        if not np.array_equal(got, ref.astype(got.dtype)):
            worst = np.max(np.abs(got.astype(float) - ref.astype(float)))
            return f"integer values differ from the oracle (max {worst})"
        return None
    if not np.array_equal(np.isfinite(got), np.isfinite(ref)) and got.dtype.char != "e":
        return f"finite outputs differ from the oracle's ({np.isfinite(got).sum()} against {np.isfinite(ref).sum()})"
    finite = np.isfinite(ref) & np.isfinite(got)
    if not finite.any():
        return None
    tol = REL_TOL.get(got.dtype.char, 1e-12)
    g, r = got[finite].astype(np.complex128), ref[finite].astype(np.complex128)
    scale = np.linalg.norm(np.abs(a).astype(float).ravel()) * np.linalg.norm(np.abs(b).astype(float).ravel())
    err = np.linalg.norm(g - r)
    bound = tol * max(np.linalg.norm(r), 1e-300) + 10 * tol * scale
    if err > bound:
        return f"value error {err:.3g} > {bound:.3g} (oracle norm {np.linalg.norm(r):.3g})"
    return None


def check_one(fn, a, b, mode, kw):
    """Every problem of one call, or None."""
    if scipy_crashes(fn, a, b, kw):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = call(ss, fn, a, b, mode, kw)
        got = call(convkit, fn, a, b, mode, kw)
        msg = against_reference(got, ref)
        if msg and known_difference(fn, a, b, mode, kw, ref, got):
            msg = None
        if msg is None and not isinstance(got, Exception):
            again = call(convkit, fn, a, b, mode, kw)
            if isinstance(again, Exception) or not np.array_equal(again, got, equal_nan=got.dtype.kind in "fc"):
                msg = "a second identical call returned other bits"
        oracle_models = "axes" not in kw and "fillvalue" not in kw and kw.get("boundary", "fill") == "fill"
        if msg is None and not isinstance(got, Exception) and oracle_models:
            msg = against_oracle(fn, got, a, b, mode, ref)
    return msg


def main(argv=None):
    return run(__doc__, draw_call, lambda case: check_one(*case),
               lambda case: f"{case[0]}({case[1].dtype}{case[1].shape}, {case[2].dtype}{case[2].shape}, "
                            f"{case[3]!r}, {case[4]})",
               lambda case: {"in1": case[1], "in2": case[2]}, argv,
               # scipy's direct loops (convolve2d, N-d) take minutes beyond
               skip=lambda case: case[1].size * case[2].size > 1e7)


if __name__ == "__main__":
    sys.exit(main())
