"""Generated inner loops of the direct engine.

Each ``_gmN`` adds ``N`` taps to an output tile in one pass::

    out[i] (+)= sum_k ws[base+k] * S[rows[base+k], cols[base+k] + i],  i < n

with ``=`` when ``first`` is true.  The loop over ``i`` is the innermost loop
and the taps are unrolled inside it, so LLVM's loop vectoriser turns it into
packed FMAs with the coefficients broadcast once into registers and the
running sum kept in a register (one load per tap, one store per output
vector).  ``_gsN`` is the same for ``N`` consecutive taps of one row (a
single base pointer with constant displacements: fewer registers, no spills;
it runs at the FMA peak when the row is in L1).

Do not edit by hand: regenerate with ``python -m convkit.engines._direct_gen``
(the code is written out, not built with exec, so that ``cache=True`` works).
"""
from ._jit import njit

FM = {"contract"}


@njit(cache=True, nogil=True, fastmath=FM)
def _gs1(o, xs, ws, n, first):
    """1 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs2(o, xs, ws, n, first):
    """2 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs3(o, xs, ws, n, first):
    """3 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs4(o, xs, ws, n, first):
    """4 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs5(o, xs, ws, n, first):
    """5 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs6(o, xs, ws, n, first):
    """6 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs7(o, xs, ws, n, first):
    """7 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs8(o, xs, ws, n, first):
    """8 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs9(o, xs, ws, n, first):
    """9 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs10(o, xs, ws, n, first):
    """10 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs11(o, xs, ws, n, first):
    """11 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs12(o, xs, ws, n, first):
    """12 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    w11 = ws[11]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs13(o, xs, ws, n, first):
    """13 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    w11 = ws[11]
    w12 = ws[12]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs14(o, xs, ws, n, first):
    """14 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    w11 = ws[11]
    w12 = ws[12]
    w13 = ws[13]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs15(o, xs, ws, n, first):
    """15 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    w11 = ws[11]
    w12 = ws[12]
    w13 = ws[13]
    w14 = ws[14]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs16(o, xs, ws, n, first):
    """16 consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k]."""
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    w9 = ws[9]
    w10 = ws[10]
    w11 = ws[11]
    w12 = ws[12]
    w13 = ws[13]
    w14 = ws[14]
    w15 = ws[15]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]


@njit(cache=True, nogil=True, fastmath=FM)
def _gs(cnt, o, xs, ws, n, first):
    """Dispatch a single-row pass of ``cnt`` (1..16) consecutive taps."""
    if cnt == 1:
        _gs1(o, xs, ws, n, first)
    elif cnt == 2:
        _gs2(o, xs, ws, n, first)
    elif cnt == 3:
        _gs3(o, xs, ws, n, first)
    elif cnt == 4:
        _gs4(o, xs, ws, n, first)
    elif cnt == 5:
        _gs5(o, xs, ws, n, first)
    elif cnt == 6:
        _gs6(o, xs, ws, n, first)
    elif cnt == 7:
        _gs7(o, xs, ws, n, first)
    elif cnt == 8:
        _gs8(o, xs, ws, n, first)
    elif cnt == 9:
        _gs9(o, xs, ws, n, first)
    elif cnt == 10:
        _gs10(o, xs, ws, n, first)
    elif cnt == 11:
        _gs11(o, xs, ws, n, first)
    elif cnt == 12:
        _gs12(o, xs, ws, n, first)
    elif cnt == 13:
        _gs13(o, xs, ws, n, first)
    elif cnt == 14:
        _gs14(o, xs, ws, n, first)
    elif cnt == 15:
        _gs15(o, xs, ws, n, first)
    elif cnt == 16:
        _gs16(o, xs, ws, n, first)


@njit(cache=True, nogil=True, fastmath=FM)
def _gm1(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm2(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm3(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm4(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm5(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm6(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm7(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm8(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm9(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm10(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm11(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm12(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    v11 = S[rows[base + 11], cols[base + 11]:]
    w11 = ws[base + 11]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm13(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    v11 = S[rows[base + 11], cols[base + 11]:]
    w11 = ws[base + 11]
    v12 = S[rows[base + 12], cols[base + 12]:]
    w12 = ws[base + 12]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm14(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    v11 = S[rows[base + 11], cols[base + 11]:]
    w11 = ws[base + 11]
    v12 = S[rows[base + 12], cols[base + 12]:]
    w12 = ws[base + 12]
    v13 = S[rows[base + 13], cols[base + 13]:]
    w13 = ws[base + 13]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm15(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    v11 = S[rows[base + 11], cols[base + 11]:]
    w11 = ws[base + 11]
    v12 = S[rows[base + 12], cols[base + 12]:]
    w12 = ws[base + 12]
    v13 = S[rows[base + 13], cols[base + 13]:]
    w13 = ws[base + 13]
    v14 = S[rows[base + 14], cols[base + 14]:]
    w14 = ws[base + 14]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i] + w14 * v14[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i] + w14 * v14[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm16(o, S, rows, cols, ws, base, n, first):
    v0 = S[rows[base + 0], cols[base + 0]:]
    w0 = ws[base + 0]
    v1 = S[rows[base + 1], cols[base + 1]:]
    w1 = ws[base + 1]
    v2 = S[rows[base + 2], cols[base + 2]:]
    w2 = ws[base + 2]
    v3 = S[rows[base + 3], cols[base + 3]:]
    w3 = ws[base + 3]
    v4 = S[rows[base + 4], cols[base + 4]:]
    w4 = ws[base + 4]
    v5 = S[rows[base + 5], cols[base + 5]:]
    w5 = ws[base + 5]
    v6 = S[rows[base + 6], cols[base + 6]:]
    w6 = ws[base + 6]
    v7 = S[rows[base + 7], cols[base + 7]:]
    w7 = ws[base + 7]
    v8 = S[rows[base + 8], cols[base + 8]:]
    w8 = ws[base + 8]
    v9 = S[rows[base + 9], cols[base + 9]:]
    w9 = ws[base + 9]
    v10 = S[rows[base + 10], cols[base + 10]:]
    w10 = ws[base + 10]
    v11 = S[rows[base + 11], cols[base + 11]:]
    w11 = ws[base + 11]
    v12 = S[rows[base + 12], cols[base + 12]:]
    w12 = ws[base + 12]
    v13 = S[rows[base + 13], cols[base + 13]:]
    w13 = ws[base + 13]
    v14 = S[rows[base + 14], cols[base + 14]:]
    w14 = ws[base + 14]
    v15 = S[rows[base + 15], cols[base + 15]:]
    w15 = ws[base + 15]
    if first:
        for i in range(n):
            o[i] = w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i] + w14 * v14[i] + w15 * v15[i]
    else:
        for i in range(n):
            o[i] += w0 * v0[i] + w1 * v1[i] + w2 * v2[i] + w3 * v3[i] + w4 * v4[i] + w5 * v5[i] + w6 * v6[i] + w7 * v7[i] + w8 * v8[i] + w9 * v9[i] + w10 * v10[i] + w11 * v11[i] + w12 * v12[i] + w13 * v13[i] + w14 * v14[i] + w15 * v15[i]


@njit(cache=True, nogil=True, fastmath=FM)
def _gm(cnt, o, S, rows, cols, ws, base, n, first):
    """Dispatch a pass of ``cnt`` (1..16) taps."""
    if cnt == 1:
        _gm1(o, S, rows, cols, ws, base, n, first)
    elif cnt == 2:
        _gm2(o, S, rows, cols, ws, base, n, first)
    elif cnt == 3:
        _gm3(o, S, rows, cols, ws, base, n, first)
    elif cnt == 4:
        _gm4(o, S, rows, cols, ws, base, n, first)
    elif cnt == 5:
        _gm5(o, S, rows, cols, ws, base, n, first)
    elif cnt == 6:
        _gm6(o, S, rows, cols, ws, base, n, first)
    elif cnt == 7:
        _gm7(o, S, rows, cols, ws, base, n, first)
    elif cnt == 8:
        _gm8(o, S, rows, cols, ws, base, n, first)
    elif cnt == 9:
        _gm9(o, S, rows, cols, ws, base, n, first)
    elif cnt == 10:
        _gm10(o, S, rows, cols, ws, base, n, first)
    elif cnt == 11:
        _gm11(o, S, rows, cols, ws, base, n, first)
    elif cnt == 12:
        _gm12(o, S, rows, cols, ws, base, n, first)
    elif cnt == 13:
        _gm13(o, S, rows, cols, ws, base, n, first)
    elif cnt == 14:
        _gm14(o, S, rows, cols, ws, base, n, first)
    elif cnt == 15:
        _gm15(o, S, rows, cols, ws, base, n, first)
    elif cnt == 16:
        _gm16(o, S, rows, cols, ws, base, n, first)


@njit(cache=True, nogil=True, fastmath=FM)
def _gv4x8(o0, o1, o2, o3, x0, x1, x2, x3, x4, x5, x6, x7, cw, n):
    """Column taps: 8 signal rows into 4 output rows, o_m[i] += sum_g cw[m, g] * x_g[i].

    Each signal-row load feeds M FMAs (register blocking over output rows).
    Used only where every one of the G rows is inside every output's window,
    so no zero coefficient ever multiplies data (0 * inf would be nan).
    """
    c0_0 = cw[0, 0]
    c0_1 = cw[0, 1]
    c0_2 = cw[0, 2]
    c0_3 = cw[0, 3]
    c0_4 = cw[0, 4]
    c0_5 = cw[0, 5]
    c0_6 = cw[0, 6]
    c0_7 = cw[0, 7]
    c1_0 = cw[1, 0]
    c1_1 = cw[1, 1]
    c1_2 = cw[1, 2]
    c1_3 = cw[1, 3]
    c1_4 = cw[1, 4]
    c1_5 = cw[1, 5]
    c1_6 = cw[1, 6]
    c1_7 = cw[1, 7]
    c2_0 = cw[2, 0]
    c2_1 = cw[2, 1]
    c2_2 = cw[2, 2]
    c2_3 = cw[2, 3]
    c2_4 = cw[2, 4]
    c2_5 = cw[2, 5]
    c2_6 = cw[2, 6]
    c2_7 = cw[2, 7]
    c3_0 = cw[3, 0]
    c3_1 = cw[3, 1]
    c3_2 = cw[3, 2]
    c3_3 = cw[3, 3]
    c3_4 = cw[3, 4]
    c3_5 = cw[3, 5]
    c3_6 = cw[3, 6]
    c3_7 = cw[3, 7]
    for i in range(n):
        v0 = x0[i]
        v1 = x1[i]
        v2 = x2[i]
        v3 = x3[i]
        v4 = x4[i]
        v5 = x5[i]
        v6 = x6[i]
        v7 = x7[i]
        o0[i] += c0_0 * v0 + c0_1 * v1 + c0_2 * v2 + c0_3 * v3 + c0_4 * v4 + c0_5 * v5 + c0_6 * v6 + c0_7 * v7
        o1[i] += c1_0 * v0 + c1_1 * v1 + c1_2 * v2 + c1_3 * v3 + c1_4 * v4 + c1_5 * v5 + c1_6 * v6 + c1_7 * v7
        o2[i] += c2_0 * v0 + c2_1 * v1 + c2_2 * v2 + c2_3 * v3 + c2_4 * v4 + c2_5 * v5 + c2_6 * v6 + c2_7 * v7
        o3[i] += c3_0 * v0 + c3_1 * v1 + c3_2 * v2 + c3_3 * v3 + c3_4 * v4 + c3_5 * v5 + c3_6 * v6 + c3_7 * v7


@njit(cache=True, nogil=True, fastmath=FM)
def _gr8_3(o0, o1, o2, o3, o4, o5, o6, o7, x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, w, n):
    """8 output rows of a 3x3 kernel: o_m[i] = sum_(p,t) w[p, t] * x_(m+p)[i + t].

    Each signal value is loaded once per group and fed to every output row whose
    window holds its row; only those (row, output) pairs exist (no zero weights).
    """
    w0_0 = w[0, 0]
    w0_1 = w[0, 1]
    w0_2 = w[0, 2]
    w1_0 = w[1, 0]
    w1_1 = w[1, 1]
    w1_2 = w[1, 2]
    w2_0 = w[2, 0]
    w2_1 = w[2, 1]
    w2_2 = w[2, 2]
    for i in range(n):
        v0_0 = x0[i + 0]
        v0_1 = x0[i + 1]
        v0_2 = x0[i + 2]
        v1_0 = x1[i + 0]
        v1_1 = x1[i + 1]
        v1_2 = x1[i + 2]
        v2_0 = x2[i + 0]
        v2_1 = x2[i + 1]
        v2_2 = x2[i + 2]
        v3_0 = x3[i + 0]
        v3_1 = x3[i + 1]
        v3_2 = x3[i + 2]
        v4_0 = x4[i + 0]
        v4_1 = x4[i + 1]
        v4_2 = x4[i + 2]
        v5_0 = x5[i + 0]
        v5_1 = x5[i + 1]
        v5_2 = x5[i + 2]
        v6_0 = x6[i + 0]
        v6_1 = x6[i + 1]
        v6_2 = x6[i + 2]
        v7_0 = x7[i + 0]
        v7_1 = x7[i + 1]
        v7_2 = x7[i + 2]
        v8_0 = x8[i + 0]
        v8_1 = x8[i + 1]
        v8_2 = x8[i + 2]
        v9_0 = x9[i + 0]
        v9_1 = x9[i + 1]
        v9_2 = x9[i + 2]
        o0[i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2
        o1[i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2
        o2[i] = w0_0 * v2_0 + w0_1 * v2_1 + w0_2 * v2_2 + w1_0 * v3_0 + w1_1 * v3_1 + w1_2 * v3_2 + w2_0 * v4_0 + w2_1 * v4_1 + w2_2 * v4_2
        o3[i] = w0_0 * v3_0 + w0_1 * v3_1 + w0_2 * v3_2 + w1_0 * v4_0 + w1_1 * v4_1 + w1_2 * v4_2 + w2_0 * v5_0 + w2_1 * v5_1 + w2_2 * v5_2
        o4[i] = w0_0 * v4_0 + w0_1 * v4_1 + w0_2 * v4_2 + w1_0 * v5_0 + w1_1 * v5_1 + w1_2 * v5_2 + w2_0 * v6_0 + w2_1 * v6_1 + w2_2 * v6_2
        o5[i] = w0_0 * v5_0 + w0_1 * v5_1 + w0_2 * v5_2 + w1_0 * v6_0 + w1_1 * v6_1 + w1_2 * v6_2 + w2_0 * v7_0 + w2_1 * v7_1 + w2_2 * v7_2
        o6[i] = w0_0 * v6_0 + w0_1 * v6_1 + w0_2 * v6_2 + w1_0 * v7_0 + w1_1 * v7_1 + w1_2 * v7_2 + w2_0 * v8_0 + w2_1 * v8_1 + w2_2 * v8_2
        o7[i] = w0_0 * v7_0 + w0_1 * v7_1 + w0_2 * v7_2 + w1_0 * v8_0 + w1_1 * v8_1 + w1_2 * v8_2 + w2_0 * v9_0 + w2_1 * v9_1 + w2_2 * v9_2


@njit(cache=True, nogil=True, fastmath=FM)
def _gr4_5(o0, o1, o2, o3, x0, x1, x2, x3, x4, x5, x6, x7, w, n):
    """4 output rows of a 5x5 kernel: o_m[i] = sum_(p,t) w[p, t] * x_(m+p)[i + t].

    Each signal value is loaded once per group and fed to every output row whose
    window holds its row; only those (row, output) pairs exist (no zero weights).
    """
    w0_0 = w[0, 0]
    w0_1 = w[0, 1]
    w0_2 = w[0, 2]
    w1_0 = w[1, 0]
    w1_1 = w[1, 1]
    w1_2 = w[1, 2]
    w2_0 = w[2, 0]
    w2_1 = w[2, 1]
    w2_2 = w[2, 2]
    w3_0 = w[3, 0]
    w3_1 = w[3, 1]
    w3_2 = w[3, 2]
    w4_0 = w[4, 0]
    w4_1 = w[4, 1]
    w4_2 = w[4, 2]
    for i in range(n):
        v0_0 = x0[i + 0]
        v0_1 = x0[i + 1]
        v0_2 = x0[i + 2]
        v1_0 = x1[i + 0]
        v1_1 = x1[i + 1]
        v1_2 = x1[i + 2]
        v2_0 = x2[i + 0]
        v2_1 = x2[i + 1]
        v2_2 = x2[i + 2]
        v3_0 = x3[i + 0]
        v3_1 = x3[i + 1]
        v3_2 = x3[i + 2]
        v4_0 = x4[i + 0]
        v4_1 = x4[i + 1]
        v4_2 = x4[i + 2]
        v5_0 = x5[i + 0]
        v5_1 = x5[i + 1]
        v5_2 = x5[i + 2]
        v6_0 = x6[i + 0]
        v6_1 = x6[i + 1]
        v6_2 = x6[i + 2]
        v7_0 = x7[i + 0]
        v7_1 = x7[i + 1]
        v7_2 = x7[i + 2]
        o0[i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2 + w3_0 * v3_0 + w3_1 * v3_1 + w3_2 * v3_2 + w4_0 * v4_0 + w4_1 * v4_1 + w4_2 * v4_2
        o1[i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2 + w3_0 * v4_0 + w3_1 * v4_1 + w3_2 * v4_2 + w4_0 * v5_0 + w4_1 * v5_1 + w4_2 * v5_2
        o2[i] = w0_0 * v2_0 + w0_1 * v2_1 + w0_2 * v2_2 + w1_0 * v3_0 + w1_1 * v3_1 + w1_2 * v3_2 + w2_0 * v4_0 + w2_1 * v4_1 + w2_2 * v4_2 + w3_0 * v5_0 + w3_1 * v5_1 + w3_2 * v5_2 + w4_0 * v6_0 + w4_1 * v6_1 + w4_2 * v6_2
        o3[i] = w0_0 * v3_0 + w0_1 * v3_1 + w0_2 * v3_2 + w1_0 * v4_0 + w1_1 * v4_1 + w1_2 * v4_2 + w2_0 * v5_0 + w2_1 * v5_1 + w2_2 * v5_2 + w3_0 * v6_0 + w3_1 * v6_1 + w3_2 * v6_2 + w4_0 * v7_0 + w4_1 * v7_1 + w4_2 * v7_2
    w0_3 = w[0, 3]
    w0_4 = w[0, 4]
    w1_3 = w[1, 3]
    w1_4 = w[1, 4]
    w2_3 = w[2, 3]
    w2_4 = w[2, 4]
    w3_3 = w[3, 3]
    w3_4 = w[3, 4]
    w4_3 = w[4, 3]
    w4_4 = w[4, 4]
    for i in range(n):
        v0_3 = x0[i + 3]
        v0_4 = x0[i + 4]
        v1_3 = x1[i + 3]
        v1_4 = x1[i + 4]
        v2_3 = x2[i + 3]
        v2_4 = x2[i + 4]
        v3_3 = x3[i + 3]
        v3_4 = x3[i + 4]
        v4_3 = x4[i + 3]
        v4_4 = x4[i + 4]
        v5_3 = x5[i + 3]
        v5_4 = x5[i + 4]
        v6_3 = x6[i + 3]
        v6_4 = x6[i + 4]
        v7_3 = x7[i + 3]
        v7_4 = x7[i + 4]
        o0[i] += w0_3 * v0_3 + w0_4 * v0_4 + w1_3 * v1_3 + w1_4 * v1_4 + w2_3 * v2_3 + w2_4 * v2_4 + w3_3 * v3_3 + w3_4 * v3_4 + w4_3 * v4_3 + w4_4 * v4_4
        o1[i] += w0_3 * v1_3 + w0_4 * v1_4 + w1_3 * v2_3 + w1_4 * v2_4 + w2_3 * v3_3 + w2_4 * v3_4 + w3_3 * v4_3 + w3_4 * v4_4 + w4_3 * v5_3 + w4_4 * v5_4
        o2[i] += w0_3 * v2_3 + w0_4 * v2_4 + w1_3 * v3_3 + w1_4 * v3_4 + w2_3 * v4_3 + w2_4 * v4_4 + w3_3 * v5_3 + w3_4 * v5_4 + w4_3 * v6_3 + w4_4 * v6_4
        o3[i] += w0_3 * v3_3 + w0_4 * v3_4 + w1_3 * v4_3 + w1_4 * v4_4 + w2_3 * v5_3 + w2_4 * v5_4 + w3_3 * v6_3 + w3_4 * v6_4 + w4_3 * v7_3 + w4_4 * v7_4


@njit(cache=True, nogil=True, fastmath=FM)
def _gr2_7(o0, o1, x0, x1, x2, x3, x4, x5, x6, x7, w, n):
    """2 output rows of a 7x7 kernel: o_m[i] = sum_(p,t) w[p, t] * x_(m+p)[i + t].

    Each signal value is loaded once per group and fed to every output row whose
    window holds its row; only those (row, output) pairs exist (no zero weights).
    """
    w0_0 = w[0, 0]
    w0_1 = w[0, 1]
    w0_2 = w[0, 2]
    w0_3 = w[0, 3]
    w0_4 = w[0, 4]
    w0_5 = w[0, 5]
    w0_6 = w[0, 6]
    w1_0 = w[1, 0]
    w1_1 = w[1, 1]
    w1_2 = w[1, 2]
    w1_3 = w[1, 3]
    w1_4 = w[1, 4]
    w1_5 = w[1, 5]
    w1_6 = w[1, 6]
    w2_0 = w[2, 0]
    w2_1 = w[2, 1]
    w2_2 = w[2, 2]
    w2_3 = w[2, 3]
    w2_4 = w[2, 4]
    w2_5 = w[2, 5]
    w2_6 = w[2, 6]
    w3_0 = w[3, 0]
    w3_1 = w[3, 1]
    w3_2 = w[3, 2]
    w3_3 = w[3, 3]
    w3_4 = w[3, 4]
    w3_5 = w[3, 5]
    w3_6 = w[3, 6]
    w4_0 = w[4, 0]
    w4_1 = w[4, 1]
    w4_2 = w[4, 2]
    w4_3 = w[4, 3]
    w4_4 = w[4, 4]
    w4_5 = w[4, 5]
    w4_6 = w[4, 6]
    w5_0 = w[5, 0]
    w5_1 = w[5, 1]
    w5_2 = w[5, 2]
    w5_3 = w[5, 3]
    w5_4 = w[5, 4]
    w5_5 = w[5, 5]
    w5_6 = w[5, 6]
    w6_0 = w[6, 0]
    w6_1 = w[6, 1]
    w6_2 = w[6, 2]
    w6_3 = w[6, 3]
    w6_4 = w[6, 4]
    w6_5 = w[6, 5]
    w6_6 = w[6, 6]
    for i in range(n):
        v0_0 = x0[i + 0]
        v0_1 = x0[i + 1]
        v0_2 = x0[i + 2]
        v0_3 = x0[i + 3]
        v0_4 = x0[i + 4]
        v0_5 = x0[i + 5]
        v0_6 = x0[i + 6]
        v1_0 = x1[i + 0]
        v1_1 = x1[i + 1]
        v1_2 = x1[i + 2]
        v1_3 = x1[i + 3]
        v1_4 = x1[i + 4]
        v1_5 = x1[i + 5]
        v1_6 = x1[i + 6]
        v2_0 = x2[i + 0]
        v2_1 = x2[i + 1]
        v2_2 = x2[i + 2]
        v2_3 = x2[i + 3]
        v2_4 = x2[i + 4]
        v2_5 = x2[i + 5]
        v2_6 = x2[i + 6]
        v3_0 = x3[i + 0]
        v3_1 = x3[i + 1]
        v3_2 = x3[i + 2]
        v3_3 = x3[i + 3]
        v3_4 = x3[i + 4]
        v3_5 = x3[i + 5]
        v3_6 = x3[i + 6]
        v4_0 = x4[i + 0]
        v4_1 = x4[i + 1]
        v4_2 = x4[i + 2]
        v4_3 = x4[i + 3]
        v4_4 = x4[i + 4]
        v4_5 = x4[i + 5]
        v4_6 = x4[i + 6]
        v5_0 = x5[i + 0]
        v5_1 = x5[i + 1]
        v5_2 = x5[i + 2]
        v5_3 = x5[i + 3]
        v5_4 = x5[i + 4]
        v5_5 = x5[i + 5]
        v5_6 = x5[i + 6]
        v6_0 = x6[i + 0]
        v6_1 = x6[i + 1]
        v6_2 = x6[i + 2]
        v6_3 = x6[i + 3]
        v6_4 = x6[i + 4]
        v6_5 = x6[i + 5]
        v6_6 = x6[i + 6]
        v7_0 = x7[i + 0]
        v7_1 = x7[i + 1]
        v7_2 = x7[i + 2]
        v7_3 = x7[i + 3]
        v7_4 = x7[i + 4]
        v7_5 = x7[i + 5]
        v7_6 = x7[i + 6]
        o0[i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w0_3 * v0_3 + w0_4 * v0_4 + w0_5 * v0_5 + w0_6 * v0_6 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w1_3 * v1_3 + w1_4 * v1_4 + w1_5 * v1_5 + w1_6 * v1_6 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2 + w2_3 * v2_3 + w2_4 * v2_4 + w2_5 * v2_5 + w2_6 * v2_6 + w3_0 * v3_0 + w3_1 * v3_1 + w3_2 * v3_2 + w3_3 * v3_3 + w3_4 * v3_4 + w3_5 * v3_5 + w3_6 * v3_6 + w4_0 * v4_0 + w4_1 * v4_1 + w4_2 * v4_2 + w4_3 * v4_3 + w4_4 * v4_4 + w4_5 * v4_5 + w4_6 * v4_6 + w5_0 * v5_0 + w5_1 * v5_1 + w5_2 * v5_2 + w5_3 * v5_3 + w5_4 * v5_4 + w5_5 * v5_5 + w5_6 * v5_6 + w6_0 * v6_0 + w6_1 * v6_1 + w6_2 * v6_2 + w6_3 * v6_3 + w6_4 * v6_4 + w6_5 * v6_5 + w6_6 * v6_6
        o1[i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w0_3 * v1_3 + w0_4 * v1_4 + w0_5 * v1_5 + w0_6 * v1_6 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w1_3 * v2_3 + w1_4 * v2_4 + w1_5 * v2_5 + w1_6 * v2_6 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2 + w2_3 * v3_3 + w2_4 * v3_4 + w2_5 * v3_5 + w2_6 * v3_6 + w3_0 * v4_0 + w3_1 * v4_1 + w3_2 * v4_2 + w3_3 * v4_3 + w3_4 * v4_4 + w3_5 * v4_5 + w3_6 * v4_6 + w4_0 * v5_0 + w4_1 * v5_1 + w4_2 * v5_2 + w4_3 * v5_3 + w4_4 * v5_4 + w4_5 * v5_5 + w4_6 * v5_6 + w5_0 * v6_0 + w5_1 * v6_1 + w5_2 * v6_2 + w5_3 * v6_3 + w5_4 * v6_4 + w5_5 * v6_5 + w5_6 * v6_6 + w6_0 * v7_0 + w6_1 * v7_1 + w6_2 * v7_2 + w6_3 * v7_3 + w6_4 * v7_4 + w6_5 * v7_5 + w6_6 * v7_6


@njit(cache=True, nogil=True, fastmath=FM)
def _grb(ob, o0, c0, S, q0, cs, w, n):
    """Block of output rows ``ob[o0 .. o0 + R - 1, c0 .. c0 + n - 1]`` from signal rows
    ``S[q0 ..]`` starting at column ``cs``; R and the kernel by ``w.shape[0]`` (see GR)."""
    k = w.shape[0]
    if k == 3:
        _gr8_3(ob[o0 + 0, c0:], ob[o0 + 1, c0:], ob[o0 + 2, c0:], ob[o0 + 3, c0:], ob[o0 + 4, c0:], ob[o0 + 5, c0:], ob[o0 + 6, c0:], ob[o0 + 7, c0:], S[q0 + 0, cs:], S[q0 + 1, cs:], S[q0 + 2, cs:], S[q0 + 3, cs:], S[q0 + 4, cs:], S[q0 + 5, cs:], S[q0 + 6, cs:], S[q0 + 7, cs:], S[q0 + 8, cs:], S[q0 + 9, cs:], w, n)
    elif k == 5:
        _gr4_5(ob[o0 + 0, c0:], ob[o0 + 1, c0:], ob[o0 + 2, c0:], ob[o0 + 3, c0:], S[q0 + 0, cs:], S[q0 + 1, cs:], S[q0 + 2, cs:], S[q0 + 3, cs:], S[q0 + 4, cs:], S[q0 + 5, cs:], S[q0 + 6, cs:], S[q0 + 7, cs:], w, n)
    elif k == 7:
        _gr2_7(ob[o0 + 0, c0:], ob[o0 + 1, c0:], S[q0 + 0, cs:], S[q0 + 1, cs:], S[q0 + 2, cs:], S[q0 + 3, cs:], S[q0 + 4, cs:], S[q0 + 5, cs:], S[q0 + 6, cs:], S[q0 + 7, cs:], w, n)


# output rows per block of _grb, by kernel size
GR_ROWS = {3: 8, 5: 4, 7: 2}
