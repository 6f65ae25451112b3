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
