"""Exact integer convolution at FFT speed: split the operands into limbs.

An FFT computes an integer convolution exactly when every output's rounding
error stays below one half, so that ``rint`` recovers it. For large integers
(24-bit audio in int32 against a long kernel, say) that fails, and the first
version fell back to the direct engine: minutes for a minute of audio.

Here each operand is written in balanced base ``2**w``::

    x = sum_i x_i * 2**(w*i)      -2**(w-1) <= x_i < 2**(w-1) for i < n-1

(the top limb takes the rest), so ``conv(a, b) = sum_ij conv(a_i, b_j) *
2**(w*(i+j))``. Balanced digits are half the size of plain ones, so a product
of two limbs has a quarter of the rounding error and wider limbs pass. Each
limb product is small enough for a float64 FFT to round back exactly; the
products are recombined in uint64, where the shifts and sums wrap modulo
2**64 exactly as the direct engine's int64 accumulation does.

The result is only kept modulo ``2**keep`` (``keep``: the bits of scipy's
result dtype, 32 for int32; ``finish`` narrows with wrap-around), so the
products whose shift ``w*(i+j)`` reaches ``keep`` are never computed. With
16-bit limbs an int32 call needs three products (``a0 b0``, ``a0 b1``,
``a1 b0``), not four.

The limb width comes from the rounding bound ``problem.fft_exact_for_integers``
uses for plain integer FFTs: an output's error stays below
``u * log2(n) * ||a_i||_2 * ||b_j||_2`` times 0.19 in every case measured
(constant and alternating extremes and random data up to 2**21 points), so a
product is exact while that quantity is below 1/2. A limb's norm is at most
its largest magnitude times ``sqrt(size)``; where that a-priori bound fails
narrowly the actual norms are measured (one pass over the operand). Among the widths
that pass, the plan runs the fewest signal transforms (:attr:`LimbPlan.units`).
The products of one shift ``i + j`` are summed as spectra before one inverse
transform (``a0 b1 + a1 b0``: the engines' ``convolve_sums``, each limb
transformed once) where the bound of the sum, its products' bounds added,
still passes (:attr:`LimbPlan.summed`). Otherwise the a-limbs that need the
same b-limbs share one batched engine call ((m, 1, N) x (1, nj, K)): one
forward transform per a-limb and one inverse transform per product.

Where the same bound puts one float64 product of the whole operands within
``2**(low-1)`` of the result (operands below 2**53, so their float64 copies
are exact), the plan may instead compute that estimate plus only the limb
products of shift below ``low``: they give the result modulo ``2**low``, and
the centred difference corrects the rounded estimate. 24-bit audio against a
2 s kernel then needs one limb product (``a0 b0`` of 16-bit limbs) and the
estimate: four transforms of the signal's length where a float64 call needs
two, as many as ``a0 b0`` and ``a0 b1 + a1 b0`` summed (five unsummed); on
such a tie the engine's own products run (measured faster).
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numpy as np

__all__ = ["LimbPlan", "limb_plan", "split", "whole", "combine"]

_U = 2.0 ** -53
_WIDTHS = range(8, 25)
# Measure the actual limb norms only where the a-priori bound is within this
# factor of passing: uniform random limbs have norms sqrt(3) below the bound's
# worst case each (a factor 3 per product); wider gaps close only for sparse
# data, and measuring costs a pass over the operands.
_NORM_CHECK_SLACK = 8.0


class LimbPlan(NamedTuple):
    """Limb width in bits, the number of limbs of each operand, the result bits kept, and ``low``.

    ``low`` 0: the limb products of every shift below ``keep`` give the result.
    ``low`` > 0: one float64 product of the whole operands estimates the
    result to within ``2**(low-1)``, and the exact limb products of the shifts
    below ``low`` give its value modulo ``2**low``, which corrects the estimate.
    ``summed``: the products of one shift are summed as spectra before one
    inverse transform (:meth:`terms`; the engines' ``convolve_sums``), where
    the rounding bound of each sum allows; else each product is its own.
    """

    bits: int
    n_a: int
    n_b: int
    keep: int = 64
    low: int = 0
    summed: bool = False

    def needed(self, i: int) -> int:
        """How many b-limbs (``0 .. needed-1``) a-limb ``i`` multiplies: shifts below ``keep`` (``low``) only."""
        return _needed(self.bits, self.n_b, self.low or self.keep, i)

    def groups(self) -> list:
        """``(i0, i1, nj)``: a-limbs ``i0 .. i1-1`` each multiply b-limbs ``0 .. nj-1`` (one engine call)."""
        return list(_groups(self.bits, self.n_a, self.n_b, self.low or self.keep))

    def terms(self) -> list:
        """The ``(i, j)`` limb pairs of each inverse transform: one list per shift ``i + j``
        (``summed``), else one per product."""
        pairs = [(i, j) for i0, i1, nj in self.groups() for i in range(i0, i1) for j in range(nj)]
        if not self.summed:
            return [[p] for p in pairs]
        shifts = sorted({i + j for i, j in pairs})
        return [[p for p in pairs if sum(p) == s] for s in shifts]

    @property
    def products(self) -> int:
        """Limb products computed."""
        return sum((i1 - i0) * nj for i0, i1, nj in self.groups())

    def describe(self) -> str:
        """What the FFT engines run, in words (for ``choose_method``'s reason)."""
        n = self.products
        text = f"{n} exact product{'s' if n > 1 else ''} of {self.bits}-bit limbs"
        if self.summed and len(self.terms()) < n:
            text += f" summed as spectra into {len(self.terms())} inverse transforms"
        if self.low:
            text += f" correcting a float64 estimate modulo 2**{self.low}"
        return text

    @property
    def units(self) -> int:
        """Transforms of the signal's length: one forward per a-limb used, one inverse per product
        (per shift, ``summed``), and one of each for the estimate."""
        groups = self.groups()
        if not groups:
            return 2 if self.low else 0
        if self.summed:  # the shifts 0 .. the largest i + j, each one term (cheap: limb_plan sorts many plans)
            inverse = max(i1 + nj - 1 for _, i1, nj in groups)
        else:
            inverse = sum((i1 - i0) * nj for i0, i1, nj in groups)
        return groups[-1][1] + inverse + (2 if self.low else 0)


def _needed(bits: int, n_b: int, limit: int, i: int) -> int:
    """b-limbs that a-limb ``i`` multiplies for products of shift below ``limit``."""
    return max(0, min(n_b, -(-(limit - bits * i) // bits)))


@functools.lru_cache(maxsize=4096)
def _groups(bits: int, n_a: int, n_b: int, limit: int) -> tuple:
    """:meth:`LimbPlan.groups` for products of shift below ``limit`` (memoised: ``limb_plan``
    sorts about a hundred plans by their transforms on every call)."""
    out = []
    for i in range(n_a):
        nj = _needed(bits, n_b, limit, i)
        if nj == 0:
            break
        if out and out[-1][2] == nj:
            out[-1] = (out[-1][0], i + 1, nj)
        else:
            out.append((i, i + 1, nj))
    return tuple(out)


def _max_abs(x: np.ndarray) -> int:
    return _extent(x)[0]


def _extent(x: np.ndarray) -> tuple:
    """The largest magnitude of ``x`` (a Python int: 2**63 for -2**63) and the sum of its squares
    (float64), in one compiled pass (numpy's max, min and a sum of squares: three)."""
    if x.size == 0:
        return 0, 0.0
    flat = np.ascontiguousarray(_signed(x)).reshape(-1)
    ends = np.empty(2, np.int64)
    sumsq = _kernels()[4](flat, ends)
    return max(int(ends[0]), -int(ends[1])), float(sumsq)


def _signed(x: np.ndarray) -> np.ndarray:
    # modulo 2**64, uint64 and its int64 view are the same numbers, and so are their products
    return x.view(np.int64) if x.dtype == np.uint64 else x


def _count(m: int, width: int) -> int:
    """Balanced limbs of ``width`` bits that hold every value of magnitude at most ``m``."""
    n = 1
    while _top(m, width, n) > 1 << (width - 1):
        n += 1
    return n


def _top(m: int, width: int, n: int) -> int:
    """Bound on the top limb's magnitude: each balanced digit rounds by at most 1/2, so the top one
    is within ``(1/2) / (1 - 2**-width)`` of ``x / 2**(width*(n-1))``."""
    if n == 1:
        return m
    # floor(m / 2**s + 2**w / (2 * (2**w - 1))) in integers
    s, w = width * (n - 1), width
    return (2 * m * ((1 << w) - 1) + (1 << (w + s))) // ((2 << s) * ((1 << w) - 1))


def _magnitudes(m: int, width: int, n: int) -> list:
    """A-priori magnitude bound of each limb (the lowest never exceeds the operand's own)."""
    half = 1 << (width - 1)
    return [min(m, half)] * (n - 1) + [_top(m, width, n)]


def _worst(plan: LimbPlan, norms_a, norms_b, transform_len: int) -> float:
    """The largest rounding bound over the inverse transforms the plan runs: a sum of products
    summed as spectra errs by at most the sum of its products' bounds (each product's rounding
    adds, and the sum's own rounding is relative to a magnitude no larger than theirs summed)."""
    scale = _U * math.log2(max(2, transform_len))
    return max(sum(scale * norms_a[i] * norms_b[j] for i, j in pairs) for pairs in plan.terms())


def limb_plan(a: np.ndarray, b: np.ndarray, transform_len: int, keep: int = 64) -> LimbPlan | None:
    """The limbs whose products a float64 FFT of ``transform_len`` points rounds back exactly.

    Parameters
    ----------
    a, b : numpy.ndarray
        int64 or uint64 operands.
    transform_len : int
        Points of the full transform (the bound's ``n``; overlap-save blocks are shorter).
    keep : int
        Bits of the result dtype: products shifted by ``keep`` bits or more vanish modulo
        ``2**keep`` and are not computed.

    Returns
    -------
    LimbPlan or None
        The plan with the fewest transforms among those provably exact (narrower limbs first
        on ties); None when even 8-bit limbs are not (the direct engine must compute the call).
    """
    (ma, sa), (mb, sb) = _extent(a), _extent(b)
    root_a, root_b = math.sqrt(a.size), math.sqrt(b.size)
    scale = _U * math.log2(max(2, transform_len))
    counts = {w: (_count(ma, w), _count(mb, w)) for w in _WIDTHS}
    plans = [LimbPlan(w, *counts[w], keep, low, summed) for w in _WIDTHS
             for low in [0] + (list(range(w, min(keep, 63), w)) if max(ma, mb) < 2 ** 53 else [])
             for summed in (False, True)]
    # the estimate needs float64 copies of the operands, exact below 2**53. On a tie in
    # transforms, the engines' own products first: a tighter bound, and no slower (24-bit
    # audio, 60 s x 2 s, 'oa', one thread: one product and the estimate 120 ms, three products
    # summed into two inverse transforms 124 ms: each plan forced on _execute._run_limbs, epyc-zen4-2c,
    # CPU-time medians of 7)
    plans.sort(key=lambda p: (p.units, p.summed, p.bits, p.low))
    # actual norms, each measured at most once per call; the whole operands' (1-bit "limbs",
    # count 1: the estimate's bound) came with their magnitudes
    measured = {(id(a), 1, 1): [math.sqrt(sa)], (id(b), 1, 1): [math.sqrt(sb)]}

    def norms(x, bits, count):
        key = (id(x), bits, count)
        if key not in measured:
            measured[key] = [math.sqrt(v) for v in limb_sumsq(x, bits, count)]
        return measured[key]

    for plan in plans:
        if plan.low:
            # the estimate's error must stay below 2**(low-1), its rounding included
            limit = 2.0 ** (plan.low - 1) - 0.5
            bound = scale * ma * root_a * mb * root_b
            if bound >= limit and (bound >= limit * _NORM_CHECK_SLACK
                                   or scale * norms(a, 1, 1)[0] * norms(b, 1, 1)[0] * (1 + 1e-6) >= limit):
                continue
        norms_a = [m * root_a for m in _magnitudes(ma, plan.bits, plan.n_a)]
        norms_b = [m * root_b for m in _magnitudes(mb, plan.bits, plan.n_b)]
        worst = _worst(plan, norms_a, norms_b, transform_len)
        if worst < 0.5:
            return plan
        if worst < 0.5 * _NORM_CHECK_SLACK:
            # float64 sums of squares: relative error far below this margin
            worst = _worst(plan, norms(a, plan.bits, plan.n_a), norms(b, plan.bits, plan.n_b), transform_len)
            if worst * (1 + 1e-6) < 0.5:
                return plan
    return None


def whole(x: np.ndarray) -> np.ndarray:
    """``x`` modulo 2**64 as float64, for the estimate (uint64 through its int64 view; exact below 2**53)."""
    return _signed(x).astype(np.float64)


def split(x: np.ndarray, bits: int, count: int, rows: int | None = None) -> np.ndarray:
    """``x`` as ``count`` balanced float64 limbs stacked on a new first axis (the top one takes the rest).

    Only the first ``rows`` limbs (default: all) are made, for a plan that uses no higher one.
    """
    rows = count if rows is None else rows
    flat = np.ascontiguousarray(_signed(x)).reshape(-1)
    out = np.empty((rows, flat.size), np.float64)
    _kernels()[0](flat, bits, count, out)
    return out.reshape((rows,) + x.shape)


def limb_sumsq(x: np.ndarray, bits: int, count: int) -> list:
    """Sum of squares of each of ``split(x, bits, count)``'s limbs, without making them."""
    flat = np.ascontiguousarray(_signed(x)).reshape(-1)
    out = np.zeros(count, np.float64)
    _kernels()[1](flat, bits, count, out)
    return out.tolist()


def combine(groups, bits: int, dtype: np.dtype, estimate: np.ndarray | None = None, low: int = 0) -> np.ndarray:
    """``sum rint(products[ii, j]) << bits*(i0+ii+j)`` in ``dtype`` (int64/uint64), wrapping modulo 2**64.

    ``groups`` holds ``(i0, products)`` pairs, ``products[ii, j]`` being the
    product of a-limb ``i0 + ii`` and b-limb ``j`` (one engine call's
    result). One compiled pass per group (:func:`_kernels`): every rounded
    product is an integer below ``2**53``, converted to int64 and shifted and
    summed in uint64, whose arithmetic wraps modulo 2**64 as the direct
    engine's int64 (uint64) accumulation does. numpy's version (``rint``,
    ``astype``, shift and add per shift group) made five passes over every
    product and took 40% of the 24-bit audio call.

    With ``estimate`` (the float64 product of the whole operands, within
    ``2**(low-1)`` of the result), the products give the result modulo
    ``2**low`` only, and correct the rounded estimate: result = estimate +
    the centred difference modulo ``2**low``.
    """
    out = None
    for i0, products in groups:
        m, nj = products.shape[:2]
        if out is None:
            out = np.zeros(math.prod(products.shape[2:]), np.uint64)
            shape = products.shape[2:]
        flat = np.ascontiguousarray(products).reshape(m, nj, -1)
        _kernels()[2](flat, i0, bits, out)
    if estimate is not None:
        _kernels()[3](np.ascontiguousarray(estimate).reshape(-1), low, out)
    return out.view(dtype).reshape(shape)


_compiled = None


def _kernels():
    """The compiled split, norms and recombination (Numba imported on first use, cached on disk)."""
    global _compiled
    if _compiled is None:
        from ._engines._jit import njit

        # The balanced digit of v: its low ``bits`` r, less 2**bits when r is at least half (the
        # carry c goes up: (v >> bits) + c, which cannot overflow). Branch-free and one limb per
        # pass over contiguous rows, so that the loops vectorise.

        @njit(cache=True, nogil=True)
        def split_limbs(x, bits, count, out):
            """out[t] = limb t of ``count`` (t < out.shape[0] <= count)."""
            rows, size = out.shape
            mask = (np.int64(1) << bits) - 1
            half = np.int64(1) << (bits - 1)
            q = x
            rest = np.empty(size if rows > 1 else 0, np.int64)
            for t in range(rows):
                row = out[t]
                if t == count - 1:  # the top limb: the rest
                    for k in range(size):
                        row[k] = q[k]
                elif t == rows - 1:  # the last limb made: no rest needed
                    for k in range(size):
                        r = q[k] & mask
                        row[k] = r - (np.int64(r >= half) << bits)
                elif t == count - 2 and rows == count:  # the top limb follows: write it here
                    top = out[count - 1]
                    for k in range(size):
                        v = q[k]
                        r = v & mask
                        c = np.int64(r >= half)
                        row[k] = r - (c << bits)
                        top[k] = (v >> bits) + c
                    return
                else:
                    for k in range(size):
                        v = q[k]
                        r = v & mask
                        c = np.int64(r >= half)
                        row[k] = r - (c << bits)
                        rest[k] = (v >> bits) + c
                    q = rest

        # Only a bound depends on these sums (with a 1e-6 margin): reassociation, which lets the
        # reduction vectorise, changes them by far less.
        @njit(cache=True, nogil=True, fastmath={"reassoc"})
        def sumsq_limbs(x, bits, count, out):
            mask = (np.int64(1) << bits) - 1
            half = np.int64(1) << (bits - 1)
            if count == 1:
                acc = 0.0
                for k in range(x.size):
                    d = float(x[k])
                    acc += d * d
                out[0] = acc
                return
            if count == 2:  # one pass, no copy
                acc0 = 0.0
                acc1 = 0.0
                for k in range(x.size):
                    v = x[k]
                    r = v & mask
                    c = np.int64(r >= half)
                    d = float(r - (c << bits))
                    e = float((v >> bits) + c)
                    acc0 += d * d
                    acc1 += e * e
                out[0] = acc0
                out[1] = acc1
                return
            q = x.copy()
            for t in range(count - 1):
                acc = 0.0
                for k in range(q.size):
                    v = q[k]
                    r = v & mask
                    c = np.int64(r >= half)
                    d = float(r - (c << bits))
                    acc += d * d
                    q[k] = (v >> bits) + c
                out[t] = acc
            acc = 0.0
            for k in range(q.size):
                d = float(q[k])
                acc += d * d
            out[count - 1] = acc

        @njit(cache=True, nogil=True)
        def combine_limbs(products, i0, bits, out):
            """out[k] += sum_ij uint64(int64(rint(products[ii, j, k]))) << bits*(i0+ii+j), modulo 2**64."""
            m, nj, size = products.shape
            chunk = 4096  # out's chunk stays in cache while every product adds to it
            for k0 in range(0, size, chunk):
                k1 = min(size, k0 + chunk)
                for ii in range(m):
                    for j in range(nj):
                        shift = bits * (i0 + ii + j)
                        if shift >= 64:
                            continue  # multiples of 2**64 vanish modulo 2**64
                        s = np.uint64(shift)
                        p = products[ii, j]
                        for k in range(k0, k1):
                            out[k] += np.uint64(np.int64(np.rint(p[k]))) << s

        @njit(cache=True, nogil=True)
        def correct(estimate, low, out):
            """out[k] = e + ((out[k] - e) mod 2**low, centred), e the rounded estimate modulo 2**64."""
            mask = (np.uint64(1) << np.uint64(low)) - np.uint64(1)
            half = np.uint64(1) << np.uint64(low - 1)
            for k in range(out.size):
                f = np.rint(estimate[k])
                # f modulo 2**64 into [-2**63, 2**63): exact (Sterbenz: f and the multiple of 2**64
                # subtracted are within a factor 2 of each other)
                f -= np.floor(f * 2.0 ** -64 + 0.5) * 2.0 ** 64
                e = np.uint64(np.int64(f))
                d = (out[k] - e) & mask
                if d >= half:
                    d -= mask + np.uint64(1)  # negative, modulo 2**64
                out[k] = e + d

        # the sum of squares only feeds a bound (as in sumsq_limbs); max and min are exact
        @njit(cache=True, nogil=True, fastmath={"reassoc"})
        def extent(x, ends):
            """ends = (max, min) of x; returns the sum of squares."""
            hi = x[0]
            lo = x[0]
            acc = 0.0
            for k in range(x.size):
                v = x[k]
                hi = max(hi, v)
                lo = min(lo, v)
                d = float(v)
                acc += d * d
            ends[0] = hi
            ends[1] = lo
            return acc

        @njit(cache=True, nogil=True)
        def magnitudes(a, b):
            """(max|a|, max|b|) for flat integer arrays of at most 4 bytes (int64: no overflow)."""
            ma = 0
            for k in range(a.size):
                ma = max(ma, abs(np.int64(a[k])))
            mb = 0
            for k in range(b.size):
                mb = max(mb, abs(np.int64(b[k])))
            return ma, mb

        _compiled = (split_limbs, sumsq_limbs, combine_limbs, correct, extent, magnitudes)
    return _compiled


def product_bound(a: np.ndarray, b: np.ndarray) -> int:
    """``max|a| * max|b|`` for integer arrays of at most 4 bytes, in one compiled call: the tiny
    path's exactness check (numpy's min and max of each, four reductions, took about 2x as long
    on small calls, most of it per-call overhead)."""
    magnitudes = (_compiled or _kernels())[5]
    ma, mb = magnitudes(a if a.ndim == 1 else a.reshape(-1), b if b.ndim == 1 else b.reshape(-1))
    return int(ma) * int(mb)  # as Python ints: uint32 magnitudes multiply past int64
