"""Random differential run of convkit.ndimage, match_template, normalized_correlate and kernels.

    python tools/fuzz_ndimage.py [--seconds 120] [--seed 1] [--save-dir DIR] [--case N]

Each round draws one call of a :mod:`convkit.ndimage` filter (``convolve``, ``correlate``,
``convolve1d``, ``correlate1d``, ``uniform_filter``, ``uniform_filter1d``, ``gaussian_filter``,
``gaussian_filter1d``), of :func:`convkit.match_template`, :func:`convkit.normalized_correlate`
or a :mod:`convkit.kernels` helper, as users make them: 1-D to 3-D images (4-D rarely) from
empty to about 1e6 samples, length-0 and length-1 axes, kernels larger than the image, even and
odd sizes, origins over the whole allowed range and just outside it, every mode (the ``grid-*``
aliases, per-axis sequences, a few invalid names), ``cval`` NaN/huge/negative, ``axes``
(negative, repeated), ``output=`` (a dtype, a dtype name, an array of another dtype, a strided
array, the input itself), ``truncate``/``radius``/``sigma`` 0 and sequences, every dtype, odd
layouts (Fortran, strided, negative strides, read-only, byte-swapped inputs and weights) and
NaN/infinity in the data. It then checks:

1. ``convkit.ndimage`` raises where scipy.ndimage raises, with the same exception type and
   message; else returns scipy's dtype and shape, writes the ``output=`` array it was given and
   returns it as scipy does;
2. a second identical call returns the same bits; a 1-D pass of more than one tap along an axis
   of length 1 returns scipy's bits (the docstring's claim; :func:`unit_bitwise`);
3. the values against scipy.ndimage's with the test suite's tolerance rule
   (``tests/_helpers.assert_close``); integer outputs exactly, except where the documented
   rounding rule applies (convkit.ndimage's module docstring, "Integer rounding rule": a
   fractional float64 sum within 1e-12 of an integer is that integer; scipy may be one less),
   where each pass may differ by one, carried through the later passes' weights;
4. ``match_template`` against ``skimage.feature.match_template`` for the kind (exception
   type, dtype, shape; convkit's one documented message difference is known, see
   :func:`known_difference`) and against a brute-force float64 oracle for the values (the
   oracle, not scikit-image: scikit-image's uncentred float32 sums are noise on images with a
   large offset, which convkit centres first); windows whose variance is below the running
   sums' noise floor are not compared (convkit returns 0 there, documented in
   ``match_template``'s Notes); ``normalized_correlate`` against the same oracle;
5. ``kernels.gaussian``/``box`` bit for bit against scipy's ``_gaussian_kernel1d`` and
   ``numpy.full`` (the docstring's claim), and their errors for invalid sizes.

What is left out on purpose (each a documented difference): a zero weight times an infinite
sample gives NaN in convkit (convkit.ndimage docstring, "Differences"), so finiteness is not
compared when the weights hold a zero and the data a non-finite value; a NaN or out-of-range
float cast into an integer output is numpy's cast (undefined in C: scipy's value is the
platform's), so integer outputs with a non-finite ``cval`` or data are not compared.
Each problem prints one line; ``--save-dir`` saves the arrays as ``case_N.npz`` and
``--seed S --case N`` replays call N alone (tools/_fuzz.py). The exit status is 1 if anything
was found.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import scipy.ndimage as nd
from _fuzz import DTYPES, against_reference, capture, draw_array, relayout, run
from numpy.lib.stride_tricks import sliding_window_view
from scipy.ndimage._filters import _gaussian_kernel1d

import convkit
import convkit.kernels as ckk
import convkit.ndimage as ck

from _helpers import assert_close  # noqa: E402 - tests/ is put on the path by _fuzz

FILTERS = ["convolve", "correlate", "convolve1d", "correlate1d", "uniform_filter", "uniform_filter1d",
           "gaussian_filter", "gaussian_filter1d"]
OTHERS = ["match_template", "normalized_correlate", "kernels.gaussian", "kernels.box"]
MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant", "grid-wrap"]
OUT_DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "int64", "uint64", "float32", "float64",
              "complex64", "complex128"]
MAX_WORK = 3e7      # samples x taps: scipy's loops take seconds beyond


# ---------------------------------------------------------------- drawing


def draw_image_shape(rng, ndim):
    """Axes of length 0 (rarely), 1-2, 3-40 or long; at most about 1e6 samples in all."""
    out = []
    for _ in range(ndim):
        r = rng.random()
        out.append(0 if r < 0.03 else int(rng.integers(1, 3)) if r < 0.25
                   else int(rng.integers(3, 41)) if r < 0.85 else int(rng.integers(41, 1200)))
    while np.prod(out) > 1.2e6:
        i = int(np.argmax(out))
        out[i] //= 2
    return tuple(out)


def draw_data(rng, shape, dtype):
    """draw_array's operand, now and then with more NaN/infinity or a constant stretch."""
    x = draw_array(rng, shape, dtype, big=rng.random() < 0.1)
    if x.dtype.kind in "fc" and x.size and rng.random() < 0.05:
        x.flat[rng.integers(x.size, size=3)] = rng.choice([np.nan, np.inf, -np.inf])
    if x.size and rng.random() < 0.1:
        x.flat[: x.size // 2] = x.flat[0]
    return x


def draw_kernel_len(rng, n):
    """Short kernels mostly; even and odd; sometimes longer than the axis, sometimes long."""
    r = rng.random()
    if r < 0.7:
        return int(rng.integers(1, 8))
    if r < 0.85:
        return int(n + rng.integers(1, 4))
    return int(rng.integers(8, 70))


def draw_weights(rng, shape):
    """Weights: float64 mostly, integers, a zero here and there, other dtypes and layouts."""
    r = rng.random()
    w = rng.standard_normal(shape) if r < 0.55 else rng.integers(-3, 4, shape).astype(float)
    if w.size and rng.random() < 0.15:
        w.flat[rng.integers(w.size)] = 0.0
    kind = rng.choice(["float64", "float64", "float64", "float32", "int16", "int64", "complex128", "bool",
                       "uint8"]) if rng.random() < 0.25 else "float64"
    if kind == "bool":
        w = w > 0
    elif kind in ("int16", "int64", "uint8"):
        w = np.round(np.abs(w) if kind == "uint8" else w).astype(kind)
    elif kind == "complex128":
        w = w + 1j * rng.standard_normal(shape)
    else:
        w = w.astype(kind)
    return relayout(rng, w, 0.3)


def draw_origin(rng, k, outside=0.04):
    lo, hi = -(k // 2), (k - 1) // 2
    if rng.random() < outside:
        return int(rng.choice([lo - 1, hi + 1]))
    r = rng.random()
    return int(lo) if r < 0.2 else int(hi) if r < 0.4 else int(rng.integers(lo, hi + 1))


def draw_mode(rng):
    return "edge" if rng.random() < 0.01 else str(rng.choice(MODES))


def draw_cval(rng, dtype):
    r = rng.random()
    if r < 0.4:
        return 0.0
    if r < 0.6:
        return float(rng.integers(-5, 6))
    if r < 0.75:
        return float(rng.standard_normal())
    if r < 0.8:
        return float("nan")
    if r < 0.85:
        return float(rng.choice([1e300, -1e300, 1e6, -1e6]))
    if r < 0.9 and np.dtype(dtype).kind == "c":
        return complex(rng.standard_normal(), rng.standard_normal())
    if r < 0.92:
        return int(rng.integers(-300, 300))
    return -1.0


def draw_axes(rng, ndim, naxes):
    """``naxes`` distinct axes, negative half the time, repeated or out of range rarely."""
    axes = [int(a) for a in rng.choice(ndim, naxes, replace=False)]
    axes = [a - ndim if rng.random() < 0.5 else a for a in axes]
    if rng.random() < 0.03 and axes:
        axes.append(axes[0] if rng.random() < 0.7 else ndim)
    return tuple(axes)


def draw_output(rng, dtype):
    """None, a dtype, a dtype name, an array (C, or a strided view) or the input itself."""
    r = rng.random()
    if r < 0.6:
        return None
    other = str(rng.choice(OUT_DTYPES))
    if r < 0.7:
        return ("dtype", np.dtype(other).type)
    if r < 0.75:
        return ("dtype", np.dtype(other))
    if r < 0.82:
        return ("str", str(rng.choice([other, np.dtype(other).str, np.dtype(other).char])))
    if r < 0.92:
        return ("array", other, bool(rng.random() < 0.3))
    return ("alias",)


def draw_filter(rng, fn):
    ndim = int(rng.choice([1, 2, 3, 4], p=[0.3, 0.42, 0.25, 0.03]))
    shape = draw_image_shape(rng, ndim)
    dtype = str(rng.choice(DTYPES + ["float64", "float32", "uint8"]))
    x = relayout(rng, draw_data(rng, shape, dtype), 0.35)
    kw = {"mode": draw_mode(rng), "cval": draw_cval(rng, dtype)}
    if fn in ("correlate1d", "convolve1d"):
        axis = int(rng.integers(-ndim, ndim)) if rng.random() < 0.97 else ndim
        k = draw_kernel_len(rng, shape[axis % ndim] if axis < ndim else 3)
        w = draw_weights(rng, (k,))
        kw.update(axis=axis, origin=draw_origin(rng, k))
        second = w
    elif fn in ("correlate", "convolve"):
        naxes = ndim if rng.random() < 0.7 else int(rng.integers(1, ndim + 1))
        axes = draw_axes(rng, ndim, naxes)
        if naxes < ndim or rng.random() < 0.3:
            kw["axes"] = axes
        kshape = tuple(draw_kernel_len(rng, shape[a % ndim]) if a < ndim else 3 for a in axes)
        kshape = tuple(min(k, 9) if len(kshape) > 2 else k for k in kshape)
        second = draw_weights(rng, kshape)
        origins = [draw_origin(rng, k) for k in kshape]
        kw["origin"] = origins[0] if rng.random() < 0.3 else origins
    elif fn == "uniform_filter1d":
        axis = int(rng.integers(-ndim, ndim))
        second = draw_kernel_len(rng, shape[axis]) if rng.random() < 0.98 else 0
        kw.update(axis=axis, origin=draw_origin(rng, max(second, 1)))
    elif fn == "uniform_filter":
        naxes = ndim if rng.random() < 0.7 else int(rng.integers(1, ndim + 1))
        if naxes < ndim or rng.random() < 0.3:
            kw["axes"] = draw_axes(rng, ndim, naxes)
        sizes = [draw_kernel_len(rng, shape[a]) for a in range(naxes)]
        second = sizes[0] if rng.random() < 0.4 else sizes
        kw["origin"] = [draw_origin(rng, s) for s in sizes] if rng.random() < 0.6 else 0
        if rng.random() < 0.4:
            kw["mode"] = [draw_mode(rng) for _ in range(naxes)]
    elif fn == "gaussian_filter1d":
        axis = int(rng.integers(-ndim, ndim))
        second = float(rng.choice([rng.uniform(0.2, 3.0), rng.uniform(3.0, 20.0), 0.0], p=[0.8, 0.17, 0.03]))
        kw.update(axis=axis, order=int(rng.integers(0, 4)) if rng.random() < 0.4 else 0)
        if rng.random() < 0.3:
            kw["truncate"] = float(rng.uniform(0.5, 6.0))
        if rng.random() < 0.2:
            kw["radius"] = int(rng.integers(0, 12))
    else:   # gaussian_filter
        naxes = ndim if rng.random() < 0.7 else int(rng.integers(1, ndim + 1))
        if naxes < ndim or rng.random() < 0.3:
            kw["axes"] = draw_axes(rng, ndim, naxes)
        sig = [float(rng.choice([rng.uniform(0.2, 3.0), 0.0, rng.uniform(3, 12)], p=[0.8, 0.1, 0.1]))
               for _ in range(naxes)]
        second = sig[0] if rng.random() < 0.5 else sig
        if rng.random() < 0.3:
            kw["order"] = [int(o) for o in rng.integers(0, 3, naxes)] if rng.random() < 0.6 else 1
        if rng.random() < 0.2:
            kw["truncate"] = float(rng.uniform(0.5, 6.0))
        if rng.random() < 0.2:
            kw["radius"] = [int(r) for r in rng.integers(0, 8, naxes)] if rng.random() < 0.6 else 3
        if rng.random() < 0.4:
            kw["mode"] = [draw_mode(rng) for _ in range(naxes)]
    if isinstance(kw["cval"], complex) and x.dtype.kind != "c" and rng.random() < 0.7:
        kw["cval"] = kw["cval"].real
    return (fn, x, second, kw, draw_output(rng, dtype))


def draw_template_case(rng):
    ndim = 2 if rng.random() < 0.75 else 3
    hi = 50 if ndim == 2 else 14
    shape = tuple(int(rng.integers(1, hi)) for _ in range(ndim))
    tshape = tuple(int(rng.integers(1, n + 1)) for n in shape)
    if rng.random() < 0.04:
        tshape = tuple(n + 1 for n in tshape)
    if rng.random() < 0.02:
        tshape = tshape + (1,) if rng.random() < 0.5 else tshape[:-1]
    if rng.random() < 0.02:
        shape = (0,) + shape[1:]
    dtype = str(rng.choice(["float32", "float64", "uint8", "float64", "int16", "float16"]))
    scale, offset = float(rng.choice([1.0, 100.0, 1e-3])), float(rng.choice([0.0, 0.0, 5.0, 1e4]))
    image = rng.random(shape) * scale + offset
    if image.size and rng.random() < 0.3:   # a flat region
        image[tuple(slice(0, max(1, n // 2)) for n in shape)] = offset
    if np.dtype(dtype).kind in "iu":
        image = np.clip(np.round(image * (200 / (scale + offset))), 0, 255)
    image = image.astype(dtype)
    template = (rng.random(tshape) * scale + offset).astype(dtype)
    if rng.random() < 0.1:
        template[...] = template.flat[0] if template.size else 0
    elif image.size and rng.random() < 0.3 and all(k <= n for k, n in zip(tshape, shape)):
        start = [int(rng.integers(0, n - k + 1)) for n, k in zip(shape, tshape)]
        template = image[tuple(slice(s, s + k) for s, k in zip(start, tshape))].copy()
    kw = {"pad_input": bool(rng.random() < 0.4),
          "mode": str(rng.choice(["constant", "constant", "edge", "reflect", "symmetric", "wrap"]))}
    kw["constant_values"] = float(rng.choice([0.0, 7.0, -3.5, offset]))
    return ("match_template", relayout(rng, image, 0.3), relayout(rng, template, 0.2), kw, None)


def draw_normalized(rng):
    n = int(rng.integers(1, 400)) if rng.random() < 0.9 else int(rng.integers(400, 20000))
    m = int(rng.integers(1, 40)) if rng.random() < 0.9 else int(rng.integers(40, 300))
    dtype = str(rng.choice(["float64", "float32", "int16", "uint8", "bool", "float16", "complex128"],
                           p=[0.4, 0.25, 0.1, 0.1, 0.05, 0.05, 0.05]))
    x = draw_array(rng, (n,), dtype, big=False)
    p = draw_array(rng, (m,), dtype if rng.random() < 0.8 else "float64", big=False)
    if x.size and rng.random() < 0.2:
        x[: n // 3] = x[0]
    if rng.random() < 0.05:
        p[...] = p[0]
    mode = str(rng.choice(["valid", "same", "full"])) if rng.random() < 0.97 else "bogus"
    return ("normalized_correlate", relayout(rng, x, 0.3), relayout(rng, p, 0.2), {"mode": mode}, None)


def draw_kernel(rng, fn):
    ndim = int(rng.choice([1, 2, 3])) if rng.random() < 0.97 else 0
    if fn == "kernels.gaussian":
        sig = [float(rng.choice([rng.uniform(0.1, 6.0), 0.0, -1.0, np.nan], p=[0.9, 0.04, 0.03, 0.03]))
               for _ in range(max(ndim, 1))]
        kw = {"ndim": ndim, "truncate": float(rng.uniform(0.5, 6.0)) if rng.random() < 0.4 else 4.0}
        if rng.random() < 0.3:
            kw["radius"] = [int(r) for r in rng.integers(-1, 10, max(ndim, 1))]
            if rng.random() < 0.5:
                kw["radius"] = kw["radius"][0]
        return (fn, None, sig[0] if rng.random() < 0.5 else sig, kw, None)
    size = [int(s) for s in rng.integers(0, 12, max(ndim, 1))]
    return (fn, None, size[0] if rng.random() < 0.5 else size, {"ndim": ndim}, None)


def draw_call(rng):
    """One random call: (function, input, weights/size/sigma/template, keywords, output spec)."""
    fn = str(rng.choice(FILTERS + OTHERS, p=[0.1] * 8 + [0.12, 0.05, 0.015, 0.015]))
    if fn in FILTERS:
        return draw_filter(rng, fn)
    if fn == "match_template":
        return draw_template_case(rng)
    if fn == "normalized_correlate":
        return draw_normalized(rng)
    return draw_kernel(rng, fn)


def work(case):
    """About how many multiply-adds the reference makes."""
    fn, x, second, kw, _ = case
    if fn in ("correlate", "convolve"):
        return x.size * np.asarray(second).size
    if fn == "match_template":
        return x.size * second.size * 4
    if fn == "normalized_correlate":
        return (x.size + second.size) * second.size * 4
    if fn.startswith("gaussian"):
        sig = np.max(np.atleast_1d(second)) if np.size(second) else 0
        return x.size * (2 * kw.get("truncate", 4.0) * sig + 1) * x.ndim
    return 0 if x is None else x.size * 10


# ---------------------------------------------------------------- checking


def materialize(case):
    """Fresh (input, keywords) for one side: an output array of its own, or the input aliased."""
    fn, x, second, kw, out = case
    kw = dict(kw)
    if out is None:
        return x, kw
    if out[0] in ("dtype", "str"):
        kw["output"] = out[1]
    elif out[0] == "array":
        if out[2]:   # a strided view into a bigger buffer
            kw["output"] = np.zeros(x.shape + (2,), dtype=out[1])[..., 1]
        else:
            kw["output"] = np.zeros(x.shape, dtype=out[1])
    else:   # the input itself, written in place
        x = np.array(x, order="C")
        x.flags.writeable = True
        kw["output"] = x
    return x, kw


def pass_weights(fn, second, kw, ndim):
    """The 1-D weights of each pass a separable filter makes (for the rounding rule's slack)."""
    if fn == "gaussian_filter1d":
        sig = [second]
        orders, radii, truncate = [kw.get("order", 0)], [kw.get("radius")], kw.get("truncate", 4.0)
    elif fn == "gaussian_filter":
        naxes = len(kw["axes"]) if "axes" in kw else ndim
        sig = list(second) if np.ndim(second) else [second] * naxes
        orders = kw.get("order", 0)
        orders = list(orders) if np.ndim(orders) else [orders] * naxes
        radii = kw.get("radius")
        radii = list(radii) if np.ndim(radii) else [radii] * naxes
        truncate = kw.get("truncate", 4.0)
    elif fn in ("uniform_filter", "uniform_filter1d"):
        sizes = list(second) if np.ndim(second) else [second] * (1 if fn.endswith("1d") else ndim)
        return [np.full(s, 1.0 / s) for s in sizes if s > 1]
    else:
        return [np.asarray(second).ravel().astype(np.complex128)]
    out = []
    for s, o, r in zip(sig, orders, radii):
        if s > 1e-15:
            out.append(_gaussian_kernel1d(s, o, int(truncate * float(s) + 0.5) if r is None else r))
    return out


def fractional(fn, second, kw, x):
    """Whether scipy's integer result comes from non-integer float64 sums (the rounding rule)."""
    if fn.startswith("gaussian") or x.dtype.kind in "fc":   # float data: fractional sums
        return True
    modes = kw["mode"] if isinstance(kw["mode"], list) else [kw["mode"]]
    cval = kw.get("cval", 0.0)
    if any("constant" in m for m in modes) and np.real(cval) != np.trunc(np.real(cval)):
        return True
    if fn.startswith("uniform"):
        return False
    w = np.asarray(second)
    return w.dtype.kind in "fc" and not np.all(w == np.round(w))


def cast_in_range(case, x, dtype):
    """Where scipy's float64 result fits ``dtype`` (C's cast of an out-of-range value is undefined:
    convkit's is numpy's, documented in convkit.ndimage's docstring), or None where a pass of a
    multi-pass filter goes out of range (its wrapped values feed the next pass)."""
    fn, _, second, kw, _ = case
    if x.dtype.kind == "c":
        return None
    weights = pass_weights(fn, second, kw, x.ndim)
    if len(weights) > 1:
        # a pass's values feed the next: skip where one may leave the range
        big = float(np.abs(x.astype(np.float64)).max(initial=0))
        cval = abs(float(np.real(kw.get("cval", 0.0))))
        for w in weights:
            big = max(big, cval) * float(np.abs(w).sum())
        negative = (any((np.real(w) < 0).any() for w in weights) or np.real(kw.get("cval", 0.0)) < 0
                    or (x.size and x.min() < 0))
        top = 255.0 if dtype.kind == "b" else float(np.iinfo(dtype).max)
        if big >= top / 2 or (negative and dtype.kind in "bu"):
            return None
    if reflect_quirk(case):
        ref64 = capture(reflect_reference, case, np.dtype(np.float64))
    else:
        ref64 = capture(getattr(nd, fn), x, second, **{**kw, "output": np.float64})
    if isinstance(ref64, Exception):
        return None
    if dtype.kind == "b":
        info_min, info_max = 0.0, 255.0
    else:
        info = np.iinfo(dtype)
        info_min, info_max = float(info.min), float(info.max)
    return np.isfinite(ref64) & (ref64 > info_min - 1) & (ref64 < info_max + 1)


def compare_values(case, got, ref, x):
    """Problem text where convkit's values break the tolerance rule against scipy's, else None."""
    fn, _, second, kw, _ = case
    if got.size == 0:
        return None
    finite_in = x.dtype.kind not in "fc" or bool(np.isfinite(x).all())
    cval = kw.get("cval", 0.0)
    if got.dtype.kind in "biu":
        if not finite_in or not np.isfinite(np.abs(cval)) or abs(np.real(cval)) > 1e18:
            return None   # numpy's cast of NaN/huge into an integer is not C's (documented above)
        g, r = got.astype(np.int64), ref.astype(np.int64)
        if got.dtype.kind == "b":
            diff = (got != ref).astype(np.int64)
        else:
            bits = 8 * got.dtype.itemsize
            d = (g - r).astype(np.uint64) if bits == 64 else (g - r) % (1 << bits)
            d = d.astype(np.float64)
            diff = np.minimum(d, float(1 << bits) - d)
        if not diff.any():
            return None
        in_range = cast_in_range(case, x, got.dtype)
        if in_range is None:
            return None   # multi-pass with a pass out of range: numpy's cast, not C's (documented)
        diff = np.where(in_range, diff, 0)
        if not diff.any():
            return None
        if x.dtype.kind in "iu" and x.dtype.itemsize == 8:
            # 64-bit integers past 2**53 (convkit.ndimage docstring, "Differences"): scipy's
            # float64 sums round them; within float64's rounding of the sums, not bit for bit
            scale = float(np.abs(x.astype(np.float64)).max(initial=0))
            for w in pass_weights(fn, second, kw, x.ndim):
                scale *= max(1.0, float(np.abs(w).sum()))
            if scale >= 2.0 ** 52 and diff.max() <= 2.0 ** -48 * scale + 2:
                return None
        if not fractional(fn, second, kw, x):
            return f"integer values differ (max {diff.max():g} at {np.unravel_index(np.argmax(diff), diff.shape)})"
        slack = 0.0
        for w in pass_weights(fn, second, kw, x.ndim):
            slack = slack * float(np.abs(w).sum()) + 1.0
        if got.dtype.kind == "b" or diff.max() <= np.ceil(slack):
            return None
        return f"integer values differ by {diff.max():g} (rounding rule allows {np.ceil(slack):g})"
    w = np.asarray(second) if fn in ("correlate", "convolve", "correlate1d", "convolve1d") else np.ones(1)
    if got.dtype.itemsize // (2 if got.dtype.kind == "c" else 1) == 4 and abs(cval) > np.finfo(np.float32).max:
        return None   # documented: float32 results are computed in float32, where such a cval is inf
    if abs(cval) > 1e200 and got.dtype.kind in "fc":
        return None   # sums of a 1e300 fill overflow (inf, inf - inf) in an order-dependent way
    zero_part = (w.real == 0).any() or (w.dtype.kind == "c" and (w.imag == 0).any())   # by components
    if (not finite_in or not np.isfinite(np.abs(cval))) and (w.size == 0 or zero_part
                                                           or fn.startswith(("gaussian", "uniform"))):
        # documented: a zero weight times an infinite sample is NaN here (gaussian weights
        # underflow to 0 far from the centre). Open: scipy's uniform running sums carry a
        # NaN/inf on along the rest of the line (inf - inf), convkit's only where the window
        # holds it (convkit.ndimage docstring, "Differences")
        both = np.isfinite(got) & np.isfinite(ref)
        got, ref = got[both], ref[both]
    if x.dtype.char == "F" and (w.dtype.kind == "c" or np.iscomplexobj(cval)):
        # scipy computes a complex64 input's imaginary terms into float32 arrays (output=None in
        # its _complex_via_real_components) whatever the output: float32's accuracy
        got, ref = got.astype(np.complex64), ref.astype(np.complex64)
    try:
        finite_x = x if finite_in else np.where(np.isfinite(x), x, 0)
        modes = kw["mode"] if isinstance(kw["mode"], list) else [kw["mode"]]
        if any("constant" in str(m) for m in modes) and np.isfinite(np.abs(cval)):
            # a window may hold the fill on every tap: count it in the input's scale
            finite_x = np.append(np.ravel(finite_x), np.full(64, cval, dtype=np.complex128))
        finite_w = w.astype(np.complex128).ravel()
        assert_close(got, ref, finite_x, np.where(np.isfinite(finite_w), finite_w, 0))
    except AssertionError as exc:
        return "values: " + " ".join(str(exc).split())[:300]
    return None


def reflect_quirk(case):
    """scipy's N-d ``correlate``/``convolve`` in 'reflect' ('grid-mirror') read ``cval`` at the
    outside positions ``-2 * n * m`` (m >= 2) of an axis of length ``n >= 2``: its filter offsets
    fold them to -1 (its ``correlate1d`` reflects them). Reached by kernels longer than ``2n``.
    convkit reflects (convkit.ndimage docstring, "Differences")."""
    fn, x, second, kw, _ = case
    if fn not in ("correlate", "convolve") or kw["mode"] not in ("reflect", "grid-mirror") or x.size == 0:
        return False
    w = np.asarray(second)
    axes = kw.get("axes")
    # weights' axes are the filtered axes in increasing order (scipy's expand_dims)
    axes = range(x.ndim) if axes is None else sorted(a % x.ndim for a in axes)
    return any(x.shape[a] >= 2 and k > 2 * x.shape[a] for a, k in zip(axes, w.shape))


def reflect_reference(case, dtype):
    """scipy's answer with the reflection done by numpy.pad ('symmetric' is ndimage's
    'reflect'), wide enough that scipy's own extension never reaches the folded positions."""
    fn, x, second, kw, _ = case
    w = np.asarray(second)
    axes = kw.get("axes")
    axes = list(range(x.ndim)) if axes is None else sorted(a % x.ndim for a in axes)
    pads = [(0, 0)] * x.ndim
    for a, k in zip(axes, w.shape):
        pads[a] = (k + 1, k + 1)
    xp = np.pad(x, pads, mode="symmetric")
    full = getattr(nd, fn)(xp, second, **{**kw, "output": dtype})
    return full[tuple(slice(lo, lo + n) for (lo, _), n in zip(pads, x.shape))]


def check_filter(case):
    fn, x, second, kw, out = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xs, kws = materialize(case)
        ref = capture(getattr(nd, fn), xs, second, **kws)
        xc, kwc = materialize(case)
        got = capture(getattr(ck, fn), xc, second, **kwc)
        msg = against_reference(got, ref, messages=True)
        if msg:
            return msg
        if isinstance(got, Exception):
            return None
        if out is not None and out[0] in ("array", "alias"):
            if (ref is kws["output"]) != (got is kwc["output"]):
                return "scipy returns the output array it was given; convkit returns another" if (
                    ref is kws["output"]) else "convkit returns the output array; scipy another"
            if got is not kwc["output"]:
                m = compare_values(case, np.asarray(kwc["output"]), np.asarray(kws["output"]), x)
                if m:
                    return "output array: " + m
        if reflect_quirk(case):
            ref = reflect_reference(case, ref.dtype)
        if out is None:
            again = capture(getattr(ck, fn), x, second, **kw)
            if isinstance(again, Exception) or not np.array_equal(again, got, equal_nan=got.dtype.kind in "fc"):
                return "a second identical call returned other bits"
        msg = compare_values(case, got, ref, x)
        if msg is None and unit_bitwise(case):
            keep = cast_in_range(case, x, got.dtype) if got.dtype.kind in "biu" else None
            keep = np.ones(got.shape, bool) if keep is None else keep   # (out-of-range: numpy's cast)
            if not np.array_equal(got[keep], ref[keep], equal_nan=got.dtype.kind in "fc"):
                return "a pass along a length-1 axis is not scipy's bits (convkit.ndimage docstring: bit for bit)"
        return msg


def unit_bitwise(case):
    """Whether convkit.ndimage's docstring claims scipy's bits: a 1-D pass of more than one tap
    along an axis of length 1 (scipy's own float64 loop, ``_ndimage_unit``), on real finite
    data into the input's dtype (a float32 one-tap pass is computed in float32: not claimed)."""
    fn, x, second, kw, out = case
    if fn not in ("correlate1d", "convolve1d", "gaussian_filter1d") or out is not None or x.size == 0:
        return False
    if x.dtype.kind not in "biuf" or not x.dtype.isnative or x.dtype.char not in "?bBhHiIfd":   # 64-bit: documented
        return False
    axis = kw.get("axis", -1)
    if not -x.ndim <= axis < x.ndim or x.shape[axis] != 1:
        return False
    w = pass_weights(fn, second, kw, x.ndim)
    if len(w) != 1 or w[0].size < 2 or np.iscomplexobj(w[0]) and (np.imag(w[0]) != 0).any():
        return False
    cval = kw.get("cval", 0.0)
    return bool(np.isfinite(np.abs(cval)) and np.imag(cval) == 0 and (x.dtype.kind not in "f" or np.isfinite(x).all())
                and np.isfinite(np.real(w[0])).all())


# ------------------------------------------------------------ template matching


def ncc_oracle(padded, template):
    """Pearson's r of ``template`` with every window of ``padded`` in float64, 0 where the
    window or the template is constant, and each window's variance sum (for the noise floor)."""
    t = np.asarray(template, dtype=np.float64)
    t0 = t - t.mean() if t.size and (t != t.flat[0]).any() else np.zeros_like(t)   # constant: exactly 0
    ssd = float((t0 * t0).sum())
    p = np.asarray(padded, dtype=np.float64)
    win = sliding_window_view(p, t.shape)
    axes = tuple(range(p.ndim, 2 * p.ndim))
    mean = win.mean(axis=axes, keepdims=True)
    w0 = win - mean
    var = (w0 * w0).sum(axis=axes)
    num = (w0 * t0).sum(axis=axes)
    den = np.sqrt(var * ssd)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)
    return r, var, ssd, mean.reshape(r.shape), den


def compare_ncc(got, padded, template, out_dtype):
    """Problem text where ``got`` is off the oracle by more than the rounding of its sums allows."""
    want, var, ssd, wmean, den = ncc_oracle(padded, template)
    if got.shape != want.shape:
        return f"shape {got.shape}, oracle {want.shape}"
    p = np.asarray(padded, dtype=np.float64)
    eps = float(np.finfo(out_dtype).eps)
    energy = float(((p - p.mean()) ** 2).sum()) if p.size else 0.0
    floor = 8 * np.finfo(np.float64).eps * energy * max(1, p.ndim)   # _template._ncc's noise floor
    if ssd == 0:
        bad = got != 0
        return f"a constant template scores {got[bad][0]} (not 0)" if bad.any() else None
    # condition: rounding of the window sums relative to the window's own variance
    with np.errstate(divide="ignore", invalid="ignore"):
        cond = np.where(var > 0, (energy + p.size) / np.maximum(var, 1e-300), np.inf)
    tol = 1e-9 + 64 * eps * np.sqrt(template.size) + 32 * eps * np.minimum(cond, 1e300)
    # the zero-mean template itself is exact only to eps * |mean t|: a common shift that the
    # (globally centred) window's sum multiplies
    t64 = np.asarray(template, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = 8 * eps * abs(float(t64.mean())) * t64.size * np.abs(wmean - p.mean()) / den
    tol = tol + np.where(den > 0, shift, 0.0)
    compared = var > 100 * max(floor, 1e-300)
    flat = var == 0
    if (got[flat] != 0).any():
        return "a constant window does not score 0"
    err = np.abs(got.astype(np.float64) - want)
    bad = compared & (err > tol)
    if bad.any():
        i = np.unravel_index(np.argmax(np.where(bad, err, 0)), err.shape)
        return f"value {got[i]!r} where the oracle has {want[i]!r} (tolerance {tol[i]:.3g})"
    over = np.abs(got.astype(np.float64)) - 1 - tol
    if (over > 0).any():
        return f"|r| = {np.abs(got).max()} > 1"
    return None


def known_difference(fn, got, ref):
    """The documented reason a template-matching exception differs from scikit-image's, or None."""
    if (fn == "match_template" and isinstance(ref, (IndexError, ValueError)) and isinstance(got, ValueError)
            and "as many dimensions" in str(got)):
        return ("match_template's docstring (Raises): fewer template dims is this ValueError here "
                "(scikit-image: an IndexError, a broadcast error or 'Image must be larger')")
    if (fn == "match_template" and isinstance(ref, RuntimeError) and "unsupported data type" in str(ref)
            and not isinstance(got, Exception)):
        return "scikit-image's FFT rejects big-endian float16 (convkit computes it; as fuzz_signal.py)"
    return None


def check_template(case):
    _, image, template, kw, _ = case
    import skimage.feature as skf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = capture(skf.match_template, image, template, **kw)
        got = capture(convkit.match_template, image, template, **kw)
    msg = against_reference(got, ref, messages=True)
    if msg and known_difference("match_template", got, ref):
        msg = None
    if msg or isinstance(got, Exception):
        return msg
    again = convkit.match_template(image, template, **kw)
    if not np.array_equal(again, got):
        return "a second identical call returned other bits"
    out_dtype = got.dtype
    img = image.astype(out_dtype)
    if kw["pad_input"]:
        pads = [(k // 2, k - 1 - k // 2) for k in template.shape]
        extra = {"constant_values": kw["constant_values"]} if kw["mode"] == "constant" else {}
        img = np.pad(img, pads, mode=kw["mode"], **extra)
    return compare_ncc(got, img, template.astype(out_dtype), out_dtype)


def check_normalized(case):
    _, x, p, kw, _ = case
    got = capture(convkit.normalized_correlate, x, p, **kw)
    mode = kw["mode"]
    invalid = (mode not in ("valid", "same", "full") or x.dtype.kind not in "biuf" or p.dtype.kind not in "biuf"
               or x.size == 0 or p.size == 0 or (mode == "valid" and p.size > x.size))
    if invalid:
        if isinstance(got, (ValueError, TypeError)):
            return None
        return f"an invalid call returned {got!r}" if not isinstance(got, Exception) else (
            f"an invalid call raised {type(got).__name__}({got})")
    if isinstance(got, Exception):
        return f"raised {type(got).__name__}({got})"
    out_dtype = np.dtype(np.float32) if x.dtype.char in "ef" else np.dtype(np.float64)
    if got.dtype != out_dtype:
        return f"dtype {got.dtype}, expected {out_dtype}"
    m = p.size
    pads = {"valid": (0, 0), "same": (m // 2, m - 1 - m // 2), "full": (m - 1, m - 1)}[mode]
    return compare_ncc(got, np.pad(x.astype(out_dtype), [pads]), p, out_dtype)


# ---------------------------------------------------------------- kernels


def check_kernel(case):
    fn, _, second, kw, _ = case
    got = capture(getattr(ckk, fn.split(".")[1]), second, **kw)
    ndim = kw["ndim"]
    seq = list(second) if np.ndim(second) else [second] * max(ndim, 1)
    if fn == "kernels.box":
        valid = ndim >= 1 and len(seq) == ndim and all(s >= 1 for s in seq)
        want = np.full(tuple(seq), 1.0 / np.prod(seq, dtype=np.float64)) if valid else None
    else:
        radii = kw.get("radius")
        radii = (list(radii) if np.ndim(radii) else [radii] * max(ndim, 1)) if radii is not None else None
        valid = (ndim >= 1 and len(seq) == ndim and all(np.isfinite(s) and s > 0 for s in seq)
                 and (radii is None or (len(radii) == ndim and all(r >= 0 for r in radii))))
        want = None
        if valid:
            want = np.ones(())
            for i, s in enumerate(seq):
                r = int(kw.get("truncate", 4.0) * s + 0.5) if radii is None else radii[i]
                want = np.multiply.outer(want, _gaussian_kernel1d(s, 0, r))
    if not valid:
        return None if isinstance(got, ValueError) else f"an invalid call gave {got!r}"
    if isinstance(got, Exception):
        return f"raised {type(got).__name__}({got})"
    if got.dtype != want.dtype or got.shape != want.shape or not np.array_equal(got, want):
        return f"not scipy's kernel bit for bit ({got.dtype}{got.shape} against {want.dtype}{want.shape})"
    return None


def check(case):
    fn = case[0]
    if fn in FILTERS:
        return check_filter(case)
    if fn == "match_template":
        return check_template(case)
    if fn == "normalized_correlate":
        return check_normalized(case)
    return check_kernel(case)


def describe(case):
    fn, x, second, kw, out = case
    xs = "" if x is None else f"{x.dtype}{x.shape}{'' if x.flags.c_contiguous else ' non-C'}, "
    if isinstance(second, np.ndarray):
        s = f"{second.dtype}{second.shape}"
    else:
        s = repr(second)
    return f"{fn}({xs}{s}, {kw}, output={out})"


def arrays(case):
    fn, x, second, _, _ = case
    out = {}
    if x is not None:
        out["input"] = x
    if isinstance(second, np.ndarray):
        out["second"] = second
    return out


def main(argv=None):
    warnings.simplefilter("ignore")   # numpy's cast and overflow warnings on the drawn extremes
    return run(__doc__, draw_call, check, describe, arrays, argv, skip=lambda case: work(case) > MAX_WORK)


if __name__ == "__main__":
    sys.exit(main())
