"""Few outputs of long dot products: ``out[i] = sum_j x[i + j] * k[K - 1 - j]`` (1-D 'valid', ``K`` large).

numpy's correlate (``numpy.convolve``'s loop) makes such a call one BLAS dot
per output after copying the reversed kernel to a contiguous array; that copy
alone took a quarter to a half of the call (5865 x 5861 float64 'valid':
2.1 us of 6.6). :func:`dots` reads the kernel backwards in place and computes
four outputs per pass over it, each kernel vector loaded once for the four.

The summation order is the one written here, whatever the CPU: each output
keeps ``LANE_BYTES // itemsize`` running sums (lane ``l`` sums the products
``j = l, l + W, l + 2W, ...`` in that order from +0.0, each step a rounded
product then a rounded sum), the lanes are added in a fixed pairwise tree
(halves, then quarters, ...), and the last ``K mod W`` products are added one
by one. LLVM gets the lanes as explicit vectors (``_lane_sums``), so no
reassociation is needed to use the vector unit (``_config.DIRECT_FASTMATH``:
none is allowed). No fused multiply-add: the IR's ``fmul``/``fadd`` carry no
fast-math flags and Numba's ``njit`` (no ``fastmath``) lets LLVM contract
nothing, so :func:`convkit._dots_numpy.dots` gives the same bits with numpy
alone (the route's cold twin: a process that has not loaded Numba runs it).
"""

from __future__ import annotations

import functools
import math

from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from ..._dots_numpy import LANE_BYTES
from .._jit import njit
from ._compiled import ptr

__all__ = ["LANE_BYTES", "dots", "lanes", "ramps"]

# LANE_BYTES: bytes of running sums per output, 32 float64 or 64 float32 lanes (four AVX-512 registers,
# eight AVX2 ones). Fixed, not taken from the CPU, so that the bits do not depend on the machine's vector width.
#: Outputs per pass over the kernel
_BLOCK = 4


def lanes(itemsize: int) -> int:
    """Running sums per output for elements of ``itemsize`` bytes."""
    return LANE_BYTES // itemsize


def _lane_sums_codegen(nout: int):
    """LLVM IR: ``nout`` outputs' lane sums over ``n`` chunks of ``W`` products, each reduced by the tree."""

    def codegen(context, builder, signature, args):
        outp, xp, klast, n = args
        t = context.get_value_type(signature.args[1].dtype)
        bits = 64 if isinstance(t, ir.DoubleType) else 32
        w = LANE_BYTES * 8 // bits
        vt = ir.VectorType(t, w)
        i64 = ir.IntType(64)
        i32 = ir.IntType(32)
        align = LANE_BYTES // w
        reverse = ir.Constant(ir.VectorType(i32, w), [w - 1 - i for i in range(w)])
        zero = ir.Constant(vt, None)

        def vload(p, offset):
            return builder.load(builder.bitcast(builder.gep(p, [offset]), vt.as_pointer()), align=align)

        entry = builder.block
        loop = builder.append_basic_block("dots.loop")
        done = builder.append_basic_block("dots.done")
        n = builder.sext(n, i64) if n.type.width < 64 else n
        builder.cbranch(builder.icmp_signed(">", n, ir.Constant(i64, 0)), loop, done)

        builder.position_at_end(loop)
        c = builder.phi(i64)
        accs = [builder.phi(vt) for _ in range(nout)]
        off = builder.mul(c, ir.Constant(i64, w))
        # the kernel's W taps j = off .. off + W - 1 sit at klast - off - (W - 1) .. klast - off, backwards
        kv = vload(klast, builder.sub(ir.Constant(i64, -(w - 1)), off))
        kv = builder.shuffle_vector(kv, kv, reverse)
        # a rounded product, then a rounded sum (no fast-math flags: LLVM may not fuse them)
        nxt = [builder.fadd(accs[b], builder.fmul(vload(xp, builder.add(off, ir.Constant(i64, b))), kv))
               for b in range(nout)]
        c1 = builder.add(c, ir.Constant(i64, 1))
        body_end = builder.block
        c.add_incoming(ir.Constant(i64, 0), entry)
        c.add_incoming(c1, body_end)
        for acc, new in zip(accs, nxt):
            acc.add_incoming(zero, entry)
            acc.add_incoming(new, body_end)
        builder.cbranch(builder.icmp_signed("<", c1, n), loop, done)

        builder.position_at_end(done)
        finals = []
        for b in range(nout):  # every phi first: LLVM wants them at the top of the block
            v = builder.phi(vt)
            v.add_incoming(zero, entry)
            v.add_incoming(nxt[b], body_end)
            finals.append(v)
        for b, v in enumerate(finals):
            width = w
            while width > 1:  # the fixed tree: low half + high half
                half = width // 2
                lo = builder.shuffle_vector(v, v, ir.Constant(ir.VectorType(i32, half), list(range(half))))
                hi = builder.shuffle_vector(v, v, ir.Constant(ir.VectorType(i32, half), list(range(half, width))))
                v = builder.fadd(lo, hi)
                width = half
            builder.store(builder.extract_element(v, ir.Constant(i32, 0)), builder.gep(outp, [ir.Constant(i64, b)]))
        return context.get_dummy_value()

    return codegen


@functools.cache
def _lane_sums(nout: int):
    """The intrinsic ``f(out, x, klast, n)`` for ``nout`` outputs (pointers to float32 or float64)."""

    def typer(typingctx, out, x, klast, n):
        if not (isinstance(x, types.CPointer) and x.dtype in (types.float32, types.float64)
                and out == x and klast == x and isinstance(n, types.Integer)):
            return None
        return types.void(out, x, klast, n), _lane_sums_codegen(nout)

    typer.__name__ = f"lane_sums_{nout}"
    return intrinsic(typer)


_sums4, _sums3, _sums2, _sums1 = (_lane_sums(b) for b in (4, 3, 2, 1))


@njit(cache=True, nogil=True)
def dots(x, k, out):
    """``out[i] = sum_j x[i + j] * k[K - 1 - j]`` for ``i < out.shape[0]``, ``j < K = k.shape[0]``
    (a 1-D 'valid' convolution of ``x`` and ``k``; ``x`` holds at least ``out.shape[0] + K - 1``
    samples). C-contiguous float32 or float64 arrays of one dtype."""
    kk = k.shape[0]
    m = out.shape[0]
    w = 256 // x.itemsize  # LANE_BYTES: one constant for the IR and this loop
    n = kk // w
    klast = ptr(k, kk - 1)
    i = 0
    while i + 4 <= m:
        _sums4(ptr(out, i), ptr(x, i), klast, n)
        i += 4
    r = m - i
    if r == 3:
        _sums3(ptr(out, i), ptr(x, i), klast, n)
    elif r == 2:
        _sums2(ptr(out, i), ptr(x, i), klast, n)
    elif r == 1:
        _sums1(ptr(out, i), ptr(x, i), klast, n)
    for i in range(m):  # the last K mod W products, one by one
        s = out[i]
        for j in range(n * w, kk):
            s = s + x[i + j] * k[kk - 1 - j]
        out[i] = s


@njit(cache=True, nogil=True)
def ramps(x, k, out):
    """:func:`dots` of a window of zero-padded samples (the ramps of a 'full' or 'same' call: outputs that
    overlap only part of the kernel), the same bits, without the products of ``x``'s leading and trailing
    zeros. With a finite kernel such a product is +-0.0, and adding +-0.0 leaves every running sum as it
    is (a sum from +0.0 is never -0.0 in round-to-nearest), so skipping the chunks made only of them
    changes no bit. Returns False, ``out`` unwritten, where the kernel has a non-finite tap (inf times
    a padding zero is NaN: the caller runs numpy's correlate, which forms overlapping products only)."""
    kk = k.shape[0]
    for j in range(kk):
        if not math.isfinite(k[j]):
            return False
    nx = x.shape[0]
    z0 = 0
    while z0 < nx and x[z0] == 0:
        z0 += 1
    z1 = nx
    while z1 > z0 and x[z1 - 1] == 0:
        z1 -= 1
    m = out.shape[0]
    w = 256 // x.itemsize
    n = kk // w
    i = 0
    while i < m:
        b = min(4, m - i)
        # chunks holding a product of a sample in z0 .. z1 - 1 for one of outputs i .. i + b - 1
        jlo = max(0, z0 - i - (b - 1))
        jhi = min(n * w, z1 - i)
        c0 = 0
        c1 = 0
        if jhi > jlo:
            c0 = jlo // w
            c1 = (jhi + w - 1) // w
        xp = ptr(x, i + c0 * w)
        kp = ptr(k, kk - 1 - c0 * w)
        if b == 4:
            _sums4(ptr(out, i), xp, kp, c1 - c0)
        elif b == 3:
            _sums3(ptr(out, i), xp, kp, c1 - c0)
        elif b == 2:
            _sums2(ptr(out, i), xp, kp, c1 - c0)
        else:
            _sums1(ptr(out, i), xp, kp, c1 - c0)
        i += b
    # the last K mod W products, one by one (those of nonzero samples): a pass over the outputs per tap,
    # each output's in the order of :func:`dots`' (an output at a time, a chain of dependent sums, took
    # 352 x 351 'full' from 16 to 22 us; numpy's 17)
    # (slices indexed from 0: an offset index may be negative as far as Numba knows, and its
    # wraparound branch keeps a loop scalar)
    for j in range(n * w, kk):
        kj = k[kk - 1 - j]
        lo = max(0, z0 - j)
        hi = min(m, z1 - j)
        if hi > lo:
            o = out[lo:hi]
            xs = x[lo + j:hi + j]
            for t in range(hi - lo):
                o[t] = o[t] + xs[t] * kj
    return True
