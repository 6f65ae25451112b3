"""Generated inner loops of the direct engine: do not edit by hand.

Regenerate with ``python tools/gen_direct_kernels.py`` (a test fails while this
file differs from the generator's output). Every kernel takes raw pointers
(``o``, ``xs``, ``S``, ``x``, ``w`` ...) of one compute dtype and element
counts, and runs a loop over ``i`` (the output column) with the taps unrolled
inside it, so LLVM turns it into packed FMAs with the coefficients broadcast
once into registers and the running sum kept in a register.

``row_taps_N(cnt, o, xs, ws, n, first)``
    ``N`` consecutive taps of one kernel row:
    ``o[i] (+)= sum_k ws[k] * xs[i + k]``, ``=`` when ``first`` is non-zero.
``row_taps_N_v{L}r{R}(cnt, o, xs, ws, n, first)``
    the same sums, ``R`` output vectors of ``L`` lanes per iteration: each signal
    vector is loaded once and feeds every output vector whose taps reach it.
``pooled_taps_N(cnt, o, S, stride, rows, cols, ws, base, n, first)``
    ``N`` taps from any rows of a C-contiguous plane ``S`` (row length ``stride``):
    ``o[i] (+)= sum_k ws[base + k] * S[rows[base + k] * stride + cols[base + k] + i]``.
``column_taps_{R}x{G}(o, ostride, x, xstride, cw, n)``
    ``G`` signal rows into ``R`` output rows (a column kernel):
    ``o[m * ostride + i] += sum_g cw[m * G + g] * x[g * xstride + i]``.
``row_block_{R}x{k}(o, ostride, x, xstride, w, n)``
    ``R`` output rows of a ``k x k`` kernel from the ``k + R - 1`` signal rows
    they read: ``o[m * ostride + i] = sum_(p, t) w[p * k + t] * x[(m + p) * xstride + i + t]``;
    each signal value is loaded once per tap-column group and fed to every
    output row whose window holds it (blocking from ``convkit._tuning.DIRECT_ROW_BLOCKS``);
    ``row_block_{R}x{k}_g{a}_{b}..`` runs the taps in column groups of ``a``, ``b`` .. taps.

``cnt`` is the tap count (the generic kernels need it; the unrolled ones ignore it).
"""


def row_taps_1(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0]


def row_taps_2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


def row_taps_3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    if first:
        for i in range(n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


def row_taps_4(cnt, o, xs, ws, n, first):
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


def row_taps_5(cnt, o, xs, ws, n, first):
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


def row_taps_6(cnt, o, xs, ws, n, first):
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


def row_taps_7(cnt, o, xs, ws, n, first):
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


def row_taps_8(cnt, o, xs, ws, n, first):
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


def row_taps_9(cnt, o, xs, ws, n, first):
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


def row_taps_10(cnt, o, xs, ws, n, first):
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


def row_taps_11(cnt, o, xs, ws, n, first):
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


def row_taps_12(cnt, o, xs, ws, n, first):
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


def row_taps_13(cnt, o, xs, ws, n, first):
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


def row_taps_14(cnt, o, xs, ws, n, first):
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


def row_taps_15(cnt, o, xs, ws, n, first):
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


def row_taps_16(cnt, o, xs, ws, n, first):
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


def row_taps_1_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v4 = xs[p + 4]
            v8 = xs[p + 8]
            v12 = xs[p + 12]
            if first:
                o[p + 0] = w0 * v0
                o[p + 4] = w0 * v4
                o[p + 8] = w0 * v8
                o[p + 12] = w0 * v12
            else:
                o[p + 0] += w0 * v0
                o[p + 4] += w0 * v4
                o[p + 8] += w0 * v8
                o[p + 12] += w0 * v12
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0]


def row_taps_2_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1
                o[p + 4] = w0 * v4 + w1 * v5
                o[p + 8] = w0 * v8 + w1 * v9
                o[p + 12] = w0 * v12 + w1 * v13
            else:
                o[p + 0] += w0 * v0 + w1 * v1
                o[p + 4] += w0 * v4 + w1 * v5
                o[p + 8] += w0 * v8 + w1 * v9
                o[p + 12] += w0 * v12 + w1 * v13
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


def row_taps_3_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


def row_taps_4_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]


def row_taps_5_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]


def row_taps_6_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]


def row_taps_7_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]


def row_taps_8_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]


def row_taps_9_v4r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]


def row_taps_10_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]


def row_taps_11_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]


def row_taps_12_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]


def row_taps_13_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]


def row_taps_14_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]


def row_taps_15_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17 + w14 * v18
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25 + w14 * v26
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17 + w14 * v18
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25 + w14 * v26
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]


def row_taps_16_v4r4(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(4):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 4] = w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17 + w14 * v18 + w15 * v19
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 12] = w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25 + w14 * v26 + w15 * v27
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 4] += w0 * v4 + w1 * v5 + w2 * v6 + w3 * v7 + w4 * v8 + w5 * v9 + w6 * v10 + w7 * v11 + w8 * v12 + w9 * v13 + w10 * v14 + w11 * v15 + w12 * v16 + w13 * v17 + w14 * v18 + w15 * v19
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 12] += w0 * v12 + w1 * v13 + w2 * v14 + w3 * v15 + w4 * v16 + w5 * v17 + w6 * v18 + w7 * v19 + w8 * v20 + w9 * v21 + w10 * v22 + w11 * v23 + w12 * v24 + w13 * v25 + w14 * v26 + w15 * v27
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]


def row_taps_1_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v8 = xs[p + 8]
            if first:
                o[p + 0] = w0 * v0
                o[p + 8] = w0 * v8
            else:
                o[p + 0] += w0 * v0
                o[p + 8] += w0 * v8
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0]


def row_taps_2_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1
                o[p + 8] = w0 * v8 + w1 * v9
            else:
                o[p + 0] += w0 * v0 + w1 * v1
                o[p + 8] += w0 * v8 + w1 * v9
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


def row_taps_3_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


def row_taps_4_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]


def row_taps_5_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]


def row_taps_6_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]


def row_taps_7_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]


def row_taps_8_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]


def row_taps_9_v8r2(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]


def row_taps_10_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]


def row_taps_11_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]


def row_taps_12_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]


def row_taps_13_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]


def row_taps_14_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]


def row_taps_15_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]


def row_taps_16_v8r2(cnt, o, xs, ws, n, first):
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
    nb = n // 16
    for j in range(nb):
        for l in range(8):
            p = j * 16 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
    if first:
        for i in range(nb * 16, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]
    else:
        for i in range(nb * 16, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]


def row_taps_1_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v8 = xs[p + 8]
            v16 = xs[p + 16]
            if first:
                o[p + 0] = w0 * v0
                o[p + 8] = w0 * v8
                o[p + 16] = w0 * v16
            else:
                o[p + 0] += w0 * v0
                o[p + 8] += w0 * v8
                o[p + 16] += w0 * v16
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0]


def row_taps_2_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1
                o[p + 8] = w0 * v8 + w1 * v9
                o[p + 16] = w0 * v16 + w1 * v17
            else:
                o[p + 0] += w0 * v0 + w1 * v1
                o[p + 8] += w0 * v8 + w1 * v9
                o[p + 16] += w0 * v16 + w1 * v17
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


def row_taps_3_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


def row_taps_4_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]


def row_taps_5_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]


def row_taps_6_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]


def row_taps_7_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]


def row_taps_8_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]


def row_taps_9_v8r3(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]


def row_taps_10_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]


def row_taps_11_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]


def row_taps_12_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]


def row_taps_13_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]


def row_taps_14_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]


def row_taps_15_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]


def row_taps_16_v8r3(cnt, o, xs, ws, n, first):
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
    nb = n // 24
    for j in range(nb):
        for l in range(8):
            p = j * 24 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30 + w15 * v31
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30 + w15 * v31
    if first:
        for i in range(nb * 24, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]
    else:
        for i in range(nb * 24, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]


def row_taps_1_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v8 = xs[p + 8]
            v16 = xs[p + 16]
            v24 = xs[p + 24]
            if first:
                o[p + 0] = w0 * v0
                o[p + 8] = w0 * v8
                o[p + 16] = w0 * v16
                o[p + 24] = w0 * v24
            else:
                o[p + 0] += w0 * v0
                o[p + 8] += w0 * v8
                o[p + 16] += w0 * v16
                o[p + 24] += w0 * v24
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0]


def row_taps_2_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1
                o[p + 8] = w0 * v8 + w1 * v9
                o[p + 16] = w0 * v16 + w1 * v17
                o[p + 24] = w0 * v24 + w1 * v25
            else:
                o[p + 0] += w0 * v0 + w1 * v1
                o[p + 8] += w0 * v8 + w1 * v9
                o[p + 16] += w0 * v16 + w1 * v17
                o[p + 24] += w0 * v24 + w1 * v25
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1]


def row_taps_3_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2]


def row_taps_4_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3]


def row_taps_5_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4]


def row_taps_6_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5]


def row_taps_7_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6]


def row_taps_8_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7]


def row_taps_9_v8r4(cnt, o, xs, ws, n, first):
    w0 = ws[0]
    w1 = ws[1]
    w2 = ws[2]
    w3 = ws[3]
    w4 = ws[4]
    w5 = ws[5]
    w6 = ws[6]
    w7 = ws[7]
    w8 = ws[8]
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8]


def row_taps_10_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9]


def row_taps_11_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10]


def row_taps_12_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            v35 = xs[p + 35]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11]


def row_taps_13_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            v35 = xs[p + 35]
            v36 = xs[p + 36]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12]


def row_taps_14_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            v35 = xs[p + 35]
            v36 = xs[p + 36]
            v37 = xs[p + 37]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13]


def row_taps_15_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            v35 = xs[p + 35]
            v36 = xs[p + 36]
            v37 = xs[p + 37]
            v38 = xs[p + 38]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37 + w14 * v38
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37 + w14 * v38
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14]


def row_taps_16_v8r4(cnt, o, xs, ws, n, first):
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
    nb = n // 32
    for j in range(nb):
        for l in range(8):
            p = j * 32 + l
            v0 = xs[p + 0]
            v1 = xs[p + 1]
            v2 = xs[p + 2]
            v3 = xs[p + 3]
            v4 = xs[p + 4]
            v5 = xs[p + 5]
            v6 = xs[p + 6]
            v7 = xs[p + 7]
            v8 = xs[p + 8]
            v9 = xs[p + 9]
            v10 = xs[p + 10]
            v11 = xs[p + 11]
            v12 = xs[p + 12]
            v13 = xs[p + 13]
            v14 = xs[p + 14]
            v15 = xs[p + 15]
            v16 = xs[p + 16]
            v17 = xs[p + 17]
            v18 = xs[p + 18]
            v19 = xs[p + 19]
            v20 = xs[p + 20]
            v21 = xs[p + 21]
            v22 = xs[p + 22]
            v23 = xs[p + 23]
            v24 = xs[p + 24]
            v25 = xs[p + 25]
            v26 = xs[p + 26]
            v27 = xs[p + 27]
            v28 = xs[p + 28]
            v29 = xs[p + 29]
            v30 = xs[p + 30]
            v31 = xs[p + 31]
            v32 = xs[p + 32]
            v33 = xs[p + 33]
            v34 = xs[p + 34]
            v35 = xs[p + 35]
            v36 = xs[p + 36]
            v37 = xs[p + 37]
            v38 = xs[p + 38]
            v39 = xs[p + 39]
            if first:
                o[p + 0] = w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] = w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 16] = w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30 + w15 * v31
                o[p + 24] = w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37 + w14 * v38 + w15 * v39
            else:
                o[p + 0] += w0 * v0 + w1 * v1 + w2 * v2 + w3 * v3 + w4 * v4 + w5 * v5 + w6 * v6 + w7 * v7 + w8 * v8 + w9 * v9 + w10 * v10 + w11 * v11 + w12 * v12 + w13 * v13 + w14 * v14 + w15 * v15
                o[p + 8] += w0 * v8 + w1 * v9 + w2 * v10 + w3 * v11 + w4 * v12 + w5 * v13 + w6 * v14 + w7 * v15 + w8 * v16 + w9 * v17 + w10 * v18 + w11 * v19 + w12 * v20 + w13 * v21 + w14 * v22 + w15 * v23
                o[p + 16] += w0 * v16 + w1 * v17 + w2 * v18 + w3 * v19 + w4 * v20 + w5 * v21 + w6 * v22 + w7 * v23 + w8 * v24 + w9 * v25 + w10 * v26 + w11 * v27 + w12 * v28 + w13 * v29 + w14 * v30 + w15 * v31
                o[p + 24] += w0 * v24 + w1 * v25 + w2 * v26 + w3 * v27 + w4 * v28 + w5 * v29 + w6 * v30 + w7 * v31 + w8 * v32 + w9 * v33 + w10 * v34 + w11 * v35 + w12 * v36 + w13 * v37 + w14 * v38 + w15 * v39
    if first:
        for i in range(nb * 32, n):
            o[i] = w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]
    else:
        for i in range(nb * 32, n):
            o[i] += w0 * xs[i + 0] + w1 * xs[i + 1] + w2 * xs[i + 2] + w3 * xs[i + 3] + w4 * xs[i + 4] + w5 * xs[i + 5] + w6 * xs[i + 6] + w7 * xs[i + 7] + w8 * xs[i + 8] + w9 * xs[i + 9] + w10 * xs[i + 10] + w11 * xs[i + 11] + w12 * xs[i + 12] + w13 * xs[i + 13] + w14 * xs[i + 14] + w15 * xs[i + 15]


def pooled_taps_1(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i]


def pooled_taps_2(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i]


def pooled_taps_3(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i]


def pooled_taps_4(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i]


def pooled_taps_5(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i]


def pooled_taps_6(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i]


def pooled_taps_7(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i]


def pooled_taps_8(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i]


def pooled_taps_9(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i]


def pooled_taps_10(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i]


def pooled_taps_11(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i]


def pooled_taps_12(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    p11 = rows[base + 11] * stride + cols[base + 11]
    w11 = ws[base + 11]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i]


def pooled_taps_13(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    p11 = rows[base + 11] * stride + cols[base + 11]
    w11 = ws[base + 11]
    p12 = rows[base + 12] * stride + cols[base + 12]
    w12 = ws[base + 12]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i]


def pooled_taps_14(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    p11 = rows[base + 11] * stride + cols[base + 11]
    w11 = ws[base + 11]
    p12 = rows[base + 12] * stride + cols[base + 12]
    w12 = ws[base + 12]
    p13 = rows[base + 13] * stride + cols[base + 13]
    w13 = ws[base + 13]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i]


def pooled_taps_15(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    p11 = rows[base + 11] * stride + cols[base + 11]
    w11 = ws[base + 11]
    p12 = rows[base + 12] * stride + cols[base + 12]
    w12 = ws[base + 12]
    p13 = rows[base + 13] * stride + cols[base + 13]
    w13 = ws[base + 13]
    p14 = rows[base + 14] * stride + cols[base + 14]
    w14 = ws[base + 14]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i] + w14 * S[p14 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i] + w14 * S[p14 + i]


def pooled_taps_16(cnt, o, S, stride, rows, cols, ws, base, n, first):
    p0 = rows[base + 0] * stride + cols[base + 0]
    w0 = ws[base + 0]
    p1 = rows[base + 1] * stride + cols[base + 1]
    w1 = ws[base + 1]
    p2 = rows[base + 2] * stride + cols[base + 2]
    w2 = ws[base + 2]
    p3 = rows[base + 3] * stride + cols[base + 3]
    w3 = ws[base + 3]
    p4 = rows[base + 4] * stride + cols[base + 4]
    w4 = ws[base + 4]
    p5 = rows[base + 5] * stride + cols[base + 5]
    w5 = ws[base + 5]
    p6 = rows[base + 6] * stride + cols[base + 6]
    w6 = ws[base + 6]
    p7 = rows[base + 7] * stride + cols[base + 7]
    w7 = ws[base + 7]
    p8 = rows[base + 8] * stride + cols[base + 8]
    w8 = ws[base + 8]
    p9 = rows[base + 9] * stride + cols[base + 9]
    w9 = ws[base + 9]
    p10 = rows[base + 10] * stride + cols[base + 10]
    w10 = ws[base + 10]
    p11 = rows[base + 11] * stride + cols[base + 11]
    w11 = ws[base + 11]
    p12 = rows[base + 12] * stride + cols[base + 12]
    w12 = ws[base + 12]
    p13 = rows[base + 13] * stride + cols[base + 13]
    w13 = ws[base + 13]
    p14 = rows[base + 14] * stride + cols[base + 14]
    w14 = ws[base + 14]
    p15 = rows[base + 15] * stride + cols[base + 15]
    w15 = ws[base + 15]
    if first:
        for i in range(n):
            o[i] = w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i] + w14 * S[p14 + i] + w15 * S[p15 + i]
    else:
        for i in range(n):
            o[i] += w0 * S[p0 + i] + w1 * S[p1 + i] + w2 * S[p2 + i] + w3 * S[p3 + i] + w4 * S[p4 + i] + w5 * S[p5 + i] + w6 * S[p6 + i] + w7 * S[p7 + i] + w8 * S[p8 + i] + w9 * S[p9 + i] + w10 * S[p10 + i] + w11 * S[p11 + i] + w12 * S[p12 + i] + w13 * S[p13 + i] + w14 * S[p14 + i] + w15 * S[p15 + i]


def column_taps_4x8(o, ostride, x, xstride, cw, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    m2 = 2 * ostride
    m3 = 3 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    c0_0 = cw[0]
    c0_1 = cw[1]
    c0_2 = cw[2]
    c0_3 = cw[3]
    c0_4 = cw[4]
    c0_5 = cw[5]
    c0_6 = cw[6]
    c0_7 = cw[7]
    c1_0 = cw[8]
    c1_1 = cw[9]
    c1_2 = cw[10]
    c1_3 = cw[11]
    c1_4 = cw[12]
    c1_5 = cw[13]
    c1_6 = cw[14]
    c1_7 = cw[15]
    c2_0 = cw[16]
    c2_1 = cw[17]
    c2_2 = cw[18]
    c2_3 = cw[19]
    c2_4 = cw[20]
    c2_5 = cw[21]
    c2_6 = cw[22]
    c2_7 = cw[23]
    c3_0 = cw[24]
    c3_1 = cw[25]
    c3_2 = cw[26]
    c3_3 = cw[27]
    c3_4 = cw[28]
    c3_5 = cw[29]
    c3_6 = cw[30]
    c3_7 = cw[31]
    for i in range(n):
        v0 = x[r0 + i]
        v1 = x[r1 + i]
        v2 = x[r2 + i]
        v3 = x[r3 + i]
        v4 = x[r4 + i]
        v5 = x[r5 + i]
        v6 = x[r6 + i]
        v7 = x[r7 + i]
        o[m0 + i] += c0_0 * v0 + c0_1 * v1 + c0_2 * v2 + c0_3 * v3 + c0_4 * v4 + c0_5 * v5 + c0_6 * v6 + c0_7 * v7
        o[m1 + i] += c1_0 * v0 + c1_1 * v1 + c1_2 * v2 + c1_3 * v3 + c1_4 * v4 + c1_5 * v5 + c1_6 * v6 + c1_7 * v7
        o[m2 + i] += c2_0 * v0 + c2_1 * v1 + c2_2 * v2 + c2_3 * v3 + c2_4 * v4 + c2_5 * v5 + c2_6 * v6 + c2_7 * v7
        o[m3 + i] += c3_0 * v0 + c3_1 * v1 + c3_2 * v2 + c3_3 * v3 + c3_4 * v4 + c3_5 * v5 + c3_6 * v6 + c3_7 * v7


def row_block_4x3(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    m2 = 2 * ostride
    m3 = 3 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w0_2 = w[2]
    w1_0 = w[3]
    w1_1 = w[4]
    w1_2 = w[5]
    w2_0 = w[6]
    w2_1 = w[7]
    w2_2 = w[8]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v0_2 = x[r0 + i + 2]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v1_2 = x[r1 + i + 2]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v2_2 = x[r2 + i + 2]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v3_2 = x[r3 + i + 2]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v4_2 = x[r4 + i + 2]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v5_2 = x[r5 + i + 2]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2
        o[m2 + i] = w0_0 * v2_0 + w0_1 * v2_1 + w0_2 * v2_2 + w1_0 * v3_0 + w1_1 * v3_1 + w1_2 * v3_2 + w2_0 * v4_0 + w2_1 * v4_1 + w2_2 * v4_2
        o[m3 + i] = w0_0 * v3_0 + w0_1 * v3_1 + w0_2 * v3_2 + w1_0 * v4_0 + w1_1 * v4_1 + w1_2 * v4_2 + w2_0 * v5_0 + w2_1 * v5_1 + w2_2 * v5_2


def row_block_8x3(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    m2 = 2 * ostride
    m3 = 3 * ostride
    m4 = 4 * ostride
    m5 = 5 * ostride
    m6 = 6 * ostride
    m7 = 7 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    r8 = 8 * xstride
    r9 = 9 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w0_2 = w[2]
    w1_0 = w[3]
    w1_1 = w[4]
    w1_2 = w[5]
    w2_0 = w[6]
    w2_1 = w[7]
    w2_2 = w[8]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v0_2 = x[r0 + i + 2]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v1_2 = x[r1 + i + 2]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v2_2 = x[r2 + i + 2]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v3_2 = x[r3 + i + 2]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v4_2 = x[r4 + i + 2]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v5_2 = x[r5 + i + 2]
        v6_0 = x[r6 + i + 0]
        v6_1 = x[r6 + i + 1]
        v6_2 = x[r6 + i + 2]
        v7_0 = x[r7 + i + 0]
        v7_1 = x[r7 + i + 1]
        v7_2 = x[r7 + i + 2]
        v8_0 = x[r8 + i + 0]
        v8_1 = x[r8 + i + 1]
        v8_2 = x[r8 + i + 2]
        v9_0 = x[r9 + i + 0]
        v9_1 = x[r9 + i + 1]
        v9_2 = x[r9 + i + 2]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2
        o[m2 + i] = w0_0 * v2_0 + w0_1 * v2_1 + w0_2 * v2_2 + w1_0 * v3_0 + w1_1 * v3_1 + w1_2 * v3_2 + w2_0 * v4_0 + w2_1 * v4_1 + w2_2 * v4_2
        o[m3 + i] = w0_0 * v3_0 + w0_1 * v3_1 + w0_2 * v3_2 + w1_0 * v4_0 + w1_1 * v4_1 + w1_2 * v4_2 + w2_0 * v5_0 + w2_1 * v5_1 + w2_2 * v5_2
        o[m4 + i] = w0_0 * v4_0 + w0_1 * v4_1 + w0_2 * v4_2 + w1_0 * v5_0 + w1_1 * v5_1 + w1_2 * v5_2 + w2_0 * v6_0 + w2_1 * v6_1 + w2_2 * v6_2
        o[m5 + i] = w0_0 * v5_0 + w0_1 * v5_1 + w0_2 * v5_2 + w1_0 * v6_0 + w1_1 * v6_1 + w1_2 * v6_2 + w2_0 * v7_0 + w2_1 * v7_1 + w2_2 * v7_2
        o[m6 + i] = w0_0 * v6_0 + w0_1 * v6_1 + w0_2 * v6_2 + w1_0 * v7_0 + w1_1 * v7_1 + w1_2 * v7_2 + w2_0 * v8_0 + w2_1 * v8_1 + w2_2 * v8_2
        o[m7 + i] = w0_0 * v7_0 + w0_1 * v7_1 + w0_2 * v7_2 + w1_0 * v8_0 + w1_1 * v8_1 + w1_2 * v8_2 + w2_0 * v9_0 + w2_1 * v9_1 + w2_2 * v9_2


def row_block_4x5_g3_2(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    m2 = 2 * ostride
    m3 = 3 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w0_2 = w[2]
    w1_0 = w[5]
    w1_1 = w[6]
    w1_2 = w[7]
    w2_0 = w[10]
    w2_1 = w[11]
    w2_2 = w[12]
    w3_0 = w[15]
    w3_1 = w[16]
    w3_2 = w[17]
    w4_0 = w[20]
    w4_1 = w[21]
    w4_2 = w[22]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v0_2 = x[r0 + i + 2]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v1_2 = x[r1 + i + 2]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v2_2 = x[r2 + i + 2]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v3_2 = x[r3 + i + 2]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v4_2 = x[r4 + i + 2]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v5_2 = x[r5 + i + 2]
        v6_0 = x[r6 + i + 0]
        v6_1 = x[r6 + i + 1]
        v6_2 = x[r6 + i + 2]
        v7_0 = x[r7 + i + 0]
        v7_1 = x[r7 + i + 1]
        v7_2 = x[r7 + i + 2]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2 + w3_0 * v3_0 + w3_1 * v3_1 + w3_2 * v3_2 + w4_0 * v4_0 + w4_1 * v4_1 + w4_2 * v4_2
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2 + w3_0 * v4_0 + w3_1 * v4_1 + w3_2 * v4_2 + w4_0 * v5_0 + w4_1 * v5_1 + w4_2 * v5_2
        o[m2 + i] = w0_0 * v2_0 + w0_1 * v2_1 + w0_2 * v2_2 + w1_0 * v3_0 + w1_1 * v3_1 + w1_2 * v3_2 + w2_0 * v4_0 + w2_1 * v4_1 + w2_2 * v4_2 + w3_0 * v5_0 + w3_1 * v5_1 + w3_2 * v5_2 + w4_0 * v6_0 + w4_1 * v6_1 + w4_2 * v6_2
        o[m3 + i] = w0_0 * v3_0 + w0_1 * v3_1 + w0_2 * v3_2 + w1_0 * v4_0 + w1_1 * v4_1 + w1_2 * v4_2 + w2_0 * v5_0 + w2_1 * v5_1 + w2_2 * v5_2 + w3_0 * v6_0 + w3_1 * v6_1 + w3_2 * v6_2 + w4_0 * v7_0 + w4_1 * v7_1 + w4_2 * v7_2
    w0_3 = w[3]
    w0_4 = w[4]
    w1_3 = w[8]
    w1_4 = w[9]
    w2_3 = w[13]
    w2_4 = w[14]
    w3_3 = w[18]
    w3_4 = w[19]
    w4_3 = w[23]
    w4_4 = w[24]
    for i in range(n):
        v0_3 = x[r0 + i + 3]
        v0_4 = x[r0 + i + 4]
        v1_3 = x[r1 + i + 3]
        v1_4 = x[r1 + i + 4]
        v2_3 = x[r2 + i + 3]
        v2_4 = x[r2 + i + 4]
        v3_3 = x[r3 + i + 3]
        v3_4 = x[r3 + i + 4]
        v4_3 = x[r4 + i + 3]
        v4_4 = x[r4 + i + 4]
        v5_3 = x[r5 + i + 3]
        v5_4 = x[r5 + i + 4]
        v6_3 = x[r6 + i + 3]
        v6_4 = x[r6 + i + 4]
        v7_3 = x[r7 + i + 3]
        v7_4 = x[r7 + i + 4]
        o[m0 + i] += w0_3 * v0_3 + w0_4 * v0_4 + w1_3 * v1_3 + w1_4 * v1_4 + w2_3 * v2_3 + w2_4 * v2_4 + w3_3 * v3_3 + w3_4 * v3_4 + w4_3 * v4_3 + w4_4 * v4_4
        o[m1 + i] += w0_3 * v1_3 + w0_4 * v1_4 + w1_3 * v2_3 + w1_4 * v2_4 + w2_3 * v3_3 + w2_4 * v3_4 + w3_3 * v4_3 + w3_4 * v4_4 + w4_3 * v5_3 + w4_4 * v5_4
        o[m2 + i] += w0_3 * v2_3 + w0_4 * v2_4 + w1_3 * v3_3 + w1_4 * v3_4 + w2_3 * v4_3 + w2_4 * v4_4 + w3_3 * v5_3 + w3_4 * v5_4 + w4_3 * v6_3 + w4_4 * v6_4
        o[m3 + i] += w0_3 * v3_3 + w0_4 * v3_4 + w1_3 * v4_3 + w1_4 * v4_4 + w2_3 * v5_3 + w2_4 * v5_4 + w3_3 * v6_3 + w3_4 * v6_4 + w4_3 * v7_3 + w4_4 * v7_4


def row_block_4x5_g2_2_1(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    m2 = 2 * ostride
    m3 = 3 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w1_0 = w[5]
    w1_1 = w[6]
    w2_0 = w[10]
    w2_1 = w[11]
    w3_0 = w[15]
    w3_1 = w[16]
    w4_0 = w[20]
    w4_1 = w[21]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v6_0 = x[r6 + i + 0]
        v6_1 = x[r6 + i + 1]
        v7_0 = x[r7 + i + 0]
        v7_1 = x[r7 + i + 1]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w1_0 * v1_0 + w1_1 * v1_1 + w2_0 * v2_0 + w2_1 * v2_1 + w3_0 * v3_0 + w3_1 * v3_1 + w4_0 * v4_0 + w4_1 * v4_1
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w1_0 * v2_0 + w1_1 * v2_1 + w2_0 * v3_0 + w2_1 * v3_1 + w3_0 * v4_0 + w3_1 * v4_1 + w4_0 * v5_0 + w4_1 * v5_1
        o[m2 + i] = w0_0 * v2_0 + w0_1 * v2_1 + w1_0 * v3_0 + w1_1 * v3_1 + w2_0 * v4_0 + w2_1 * v4_1 + w3_0 * v5_0 + w3_1 * v5_1 + w4_0 * v6_0 + w4_1 * v6_1
        o[m3 + i] = w0_0 * v3_0 + w0_1 * v3_1 + w1_0 * v4_0 + w1_1 * v4_1 + w2_0 * v5_0 + w2_1 * v5_1 + w3_0 * v6_0 + w3_1 * v6_1 + w4_0 * v7_0 + w4_1 * v7_1
    w0_2 = w[2]
    w0_3 = w[3]
    w1_2 = w[7]
    w1_3 = w[8]
    w2_2 = w[12]
    w2_3 = w[13]
    w3_2 = w[17]
    w3_3 = w[18]
    w4_2 = w[22]
    w4_3 = w[23]
    for i in range(n):
        v0_2 = x[r0 + i + 2]
        v0_3 = x[r0 + i + 3]
        v1_2 = x[r1 + i + 2]
        v1_3 = x[r1 + i + 3]
        v2_2 = x[r2 + i + 2]
        v2_3 = x[r2 + i + 3]
        v3_2 = x[r3 + i + 2]
        v3_3 = x[r3 + i + 3]
        v4_2 = x[r4 + i + 2]
        v4_3 = x[r4 + i + 3]
        v5_2 = x[r5 + i + 2]
        v5_3 = x[r5 + i + 3]
        v6_2 = x[r6 + i + 2]
        v6_3 = x[r6 + i + 3]
        v7_2 = x[r7 + i + 2]
        v7_3 = x[r7 + i + 3]
        o[m0 + i] += w0_2 * v0_2 + w0_3 * v0_3 + w1_2 * v1_2 + w1_3 * v1_3 + w2_2 * v2_2 + w2_3 * v2_3 + w3_2 * v3_2 + w3_3 * v3_3 + w4_2 * v4_2 + w4_3 * v4_3
        o[m1 + i] += w0_2 * v1_2 + w0_3 * v1_3 + w1_2 * v2_2 + w1_3 * v2_3 + w2_2 * v3_2 + w2_3 * v3_3 + w3_2 * v4_2 + w3_3 * v4_3 + w4_2 * v5_2 + w4_3 * v5_3
        o[m2 + i] += w0_2 * v2_2 + w0_3 * v2_3 + w1_2 * v3_2 + w1_3 * v3_3 + w2_2 * v4_2 + w2_3 * v4_3 + w3_2 * v5_2 + w3_3 * v5_3 + w4_2 * v6_2 + w4_3 * v6_3
        o[m3 + i] += w0_2 * v3_2 + w0_3 * v3_3 + w1_2 * v4_2 + w1_3 * v4_3 + w2_2 * v5_2 + w2_3 * v5_3 + w3_2 * v6_2 + w3_3 * v6_3 + w4_2 * v7_2 + w4_3 * v7_3
    w0_4 = w[4]
    w1_4 = w[9]
    w2_4 = w[14]
    w3_4 = w[19]
    w4_4 = w[24]
    for i in range(n):
        v0_4 = x[r0 + i + 4]
        v1_4 = x[r1 + i + 4]
        v2_4 = x[r2 + i + 4]
        v3_4 = x[r3 + i + 4]
        v4_4 = x[r4 + i + 4]
        v5_4 = x[r5 + i + 4]
        v6_4 = x[r6 + i + 4]
        v7_4 = x[r7 + i + 4]
        o[m0 + i] += w0_4 * v0_4 + w1_4 * v1_4 + w2_4 * v2_4 + w3_4 * v3_4 + w4_4 * v4_4
        o[m1 + i] += w0_4 * v1_4 + w1_4 * v2_4 + w2_4 * v3_4 + w3_4 * v4_4 + w4_4 * v5_4
        o[m2 + i] += w0_4 * v2_4 + w1_4 * v3_4 + w2_4 * v4_4 + w3_4 * v5_4 + w4_4 * v6_4
        o[m3 + i] += w0_4 * v3_4 + w1_4 * v4_4 + w2_4 * v5_4 + w3_4 * v6_4 + w4_4 * v7_4


def row_block_2x7(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w0_2 = w[2]
    w0_3 = w[3]
    w0_4 = w[4]
    w0_5 = w[5]
    w0_6 = w[6]
    w1_0 = w[7]
    w1_1 = w[8]
    w1_2 = w[9]
    w1_3 = w[10]
    w1_4 = w[11]
    w1_5 = w[12]
    w1_6 = w[13]
    w2_0 = w[14]
    w2_1 = w[15]
    w2_2 = w[16]
    w2_3 = w[17]
    w2_4 = w[18]
    w2_5 = w[19]
    w2_6 = w[20]
    w3_0 = w[21]
    w3_1 = w[22]
    w3_2 = w[23]
    w3_3 = w[24]
    w3_4 = w[25]
    w3_5 = w[26]
    w3_6 = w[27]
    w4_0 = w[28]
    w4_1 = w[29]
    w4_2 = w[30]
    w4_3 = w[31]
    w4_4 = w[32]
    w4_5 = w[33]
    w4_6 = w[34]
    w5_0 = w[35]
    w5_1 = w[36]
    w5_2 = w[37]
    w5_3 = w[38]
    w5_4 = w[39]
    w5_5 = w[40]
    w5_6 = w[41]
    w6_0 = w[42]
    w6_1 = w[43]
    w6_2 = w[44]
    w6_3 = w[45]
    w6_4 = w[46]
    w6_5 = w[47]
    w6_6 = w[48]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v0_2 = x[r0 + i + 2]
        v0_3 = x[r0 + i + 3]
        v0_4 = x[r0 + i + 4]
        v0_5 = x[r0 + i + 5]
        v0_6 = x[r0 + i + 6]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v1_2 = x[r1 + i + 2]
        v1_3 = x[r1 + i + 3]
        v1_4 = x[r1 + i + 4]
        v1_5 = x[r1 + i + 5]
        v1_6 = x[r1 + i + 6]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v2_2 = x[r2 + i + 2]
        v2_3 = x[r2 + i + 3]
        v2_4 = x[r2 + i + 4]
        v2_5 = x[r2 + i + 5]
        v2_6 = x[r2 + i + 6]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v3_2 = x[r3 + i + 2]
        v3_3 = x[r3 + i + 3]
        v3_4 = x[r3 + i + 4]
        v3_5 = x[r3 + i + 5]
        v3_6 = x[r3 + i + 6]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v4_2 = x[r4 + i + 2]
        v4_3 = x[r4 + i + 3]
        v4_4 = x[r4 + i + 4]
        v4_5 = x[r4 + i + 5]
        v4_6 = x[r4 + i + 6]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v5_2 = x[r5 + i + 2]
        v5_3 = x[r5 + i + 3]
        v5_4 = x[r5 + i + 4]
        v5_5 = x[r5 + i + 5]
        v5_6 = x[r5 + i + 6]
        v6_0 = x[r6 + i + 0]
        v6_1 = x[r6 + i + 1]
        v6_2 = x[r6 + i + 2]
        v6_3 = x[r6 + i + 3]
        v6_4 = x[r6 + i + 4]
        v6_5 = x[r6 + i + 5]
        v6_6 = x[r6 + i + 6]
        v7_0 = x[r7 + i + 0]
        v7_1 = x[r7 + i + 1]
        v7_2 = x[r7 + i + 2]
        v7_3 = x[r7 + i + 3]
        v7_4 = x[r7 + i + 4]
        v7_5 = x[r7 + i + 5]
        v7_6 = x[r7 + i + 6]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w0_3 * v0_3 + w0_4 * v0_4 + w0_5 * v0_5 + w0_6 * v0_6 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w1_3 * v1_3 + w1_4 * v1_4 + w1_5 * v1_5 + w1_6 * v1_6 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2 + w2_3 * v2_3 + w2_4 * v2_4 + w2_5 * v2_5 + w2_6 * v2_6 + w3_0 * v3_0 + w3_1 * v3_1 + w3_2 * v3_2 + w3_3 * v3_3 + w3_4 * v3_4 + w3_5 * v3_5 + w3_6 * v3_6 + w4_0 * v4_0 + w4_1 * v4_1 + w4_2 * v4_2 + w4_3 * v4_3 + w4_4 * v4_4 + w4_5 * v4_5 + w4_6 * v4_6 + w5_0 * v5_0 + w5_1 * v5_1 + w5_2 * v5_2 + w5_3 * v5_3 + w5_4 * v5_4 + w5_5 * v5_5 + w5_6 * v5_6 + w6_0 * v6_0 + w6_1 * v6_1 + w6_2 * v6_2 + w6_3 * v6_3 + w6_4 * v6_4 + w6_5 * v6_5 + w6_6 * v6_6
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w0_3 * v1_3 + w0_4 * v1_4 + w0_5 * v1_5 + w0_6 * v1_6 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w1_3 * v2_3 + w1_4 * v2_4 + w1_5 * v2_5 + w1_6 * v2_6 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2 + w2_3 * v3_3 + w2_4 * v3_4 + w2_5 * v3_5 + w2_6 * v3_6 + w3_0 * v4_0 + w3_1 * v4_1 + w3_2 * v4_2 + w3_3 * v4_3 + w3_4 * v4_4 + w3_5 * v4_5 + w3_6 * v4_6 + w4_0 * v5_0 + w4_1 * v5_1 + w4_2 * v5_2 + w4_3 * v5_3 + w4_4 * v5_4 + w4_5 * v5_5 + w4_6 * v5_6 + w5_0 * v6_0 + w5_1 * v6_1 + w5_2 * v6_2 + w5_3 * v6_3 + w5_4 * v6_4 + w5_5 * v6_5 + w5_6 * v6_6 + w6_0 * v7_0 + w6_1 * v7_1 + w6_2 * v7_2 + w6_3 * v7_3 + w6_4 * v7_4 + w6_5 * v7_5 + w6_6 * v7_6


def row_block_2x7_g4_3(o, ostride, x, xstride, w, n):
    m0 = 0 * ostride
    m1 = 1 * ostride
    r0 = 0 * xstride
    r1 = 1 * xstride
    r2 = 2 * xstride
    r3 = 3 * xstride
    r4 = 4 * xstride
    r5 = 5 * xstride
    r6 = 6 * xstride
    r7 = 7 * xstride
    w0_0 = w[0]
    w0_1 = w[1]
    w0_2 = w[2]
    w0_3 = w[3]
    w1_0 = w[7]
    w1_1 = w[8]
    w1_2 = w[9]
    w1_3 = w[10]
    w2_0 = w[14]
    w2_1 = w[15]
    w2_2 = w[16]
    w2_3 = w[17]
    w3_0 = w[21]
    w3_1 = w[22]
    w3_2 = w[23]
    w3_3 = w[24]
    w4_0 = w[28]
    w4_1 = w[29]
    w4_2 = w[30]
    w4_3 = w[31]
    w5_0 = w[35]
    w5_1 = w[36]
    w5_2 = w[37]
    w5_3 = w[38]
    w6_0 = w[42]
    w6_1 = w[43]
    w6_2 = w[44]
    w6_3 = w[45]
    for i in range(n):
        v0_0 = x[r0 + i + 0]
        v0_1 = x[r0 + i + 1]
        v0_2 = x[r0 + i + 2]
        v0_3 = x[r0 + i + 3]
        v1_0 = x[r1 + i + 0]
        v1_1 = x[r1 + i + 1]
        v1_2 = x[r1 + i + 2]
        v1_3 = x[r1 + i + 3]
        v2_0 = x[r2 + i + 0]
        v2_1 = x[r2 + i + 1]
        v2_2 = x[r2 + i + 2]
        v2_3 = x[r2 + i + 3]
        v3_0 = x[r3 + i + 0]
        v3_1 = x[r3 + i + 1]
        v3_2 = x[r3 + i + 2]
        v3_3 = x[r3 + i + 3]
        v4_0 = x[r4 + i + 0]
        v4_1 = x[r4 + i + 1]
        v4_2 = x[r4 + i + 2]
        v4_3 = x[r4 + i + 3]
        v5_0 = x[r5 + i + 0]
        v5_1 = x[r5 + i + 1]
        v5_2 = x[r5 + i + 2]
        v5_3 = x[r5 + i + 3]
        v6_0 = x[r6 + i + 0]
        v6_1 = x[r6 + i + 1]
        v6_2 = x[r6 + i + 2]
        v6_3 = x[r6 + i + 3]
        v7_0 = x[r7 + i + 0]
        v7_1 = x[r7 + i + 1]
        v7_2 = x[r7 + i + 2]
        v7_3 = x[r7 + i + 3]
        o[m0 + i] = w0_0 * v0_0 + w0_1 * v0_1 + w0_2 * v0_2 + w0_3 * v0_3 + w1_0 * v1_0 + w1_1 * v1_1 + w1_2 * v1_2 + w1_3 * v1_3 + w2_0 * v2_0 + w2_1 * v2_1 + w2_2 * v2_2 + w2_3 * v2_3 + w3_0 * v3_0 + w3_1 * v3_1 + w3_2 * v3_2 + w3_3 * v3_3 + w4_0 * v4_0 + w4_1 * v4_1 + w4_2 * v4_2 + w4_3 * v4_3 + w5_0 * v5_0 + w5_1 * v5_1 + w5_2 * v5_2 + w5_3 * v5_3 + w6_0 * v6_0 + w6_1 * v6_1 + w6_2 * v6_2 + w6_3 * v6_3
        o[m1 + i] = w0_0 * v1_0 + w0_1 * v1_1 + w0_2 * v1_2 + w0_3 * v1_3 + w1_0 * v2_0 + w1_1 * v2_1 + w1_2 * v2_2 + w1_3 * v2_3 + w2_0 * v3_0 + w2_1 * v3_1 + w2_2 * v3_2 + w2_3 * v3_3 + w3_0 * v4_0 + w3_1 * v4_1 + w3_2 * v4_2 + w3_3 * v4_3 + w4_0 * v5_0 + w4_1 * v5_1 + w4_2 * v5_2 + w4_3 * v5_3 + w5_0 * v6_0 + w5_1 * v6_1 + w5_2 * v6_2 + w5_3 * v6_3 + w6_0 * v7_0 + w6_1 * v7_1 + w6_2 * v7_2 + w6_3 * v7_3
    w0_4 = w[4]
    w0_5 = w[5]
    w0_6 = w[6]
    w1_4 = w[11]
    w1_5 = w[12]
    w1_6 = w[13]
    w2_4 = w[18]
    w2_5 = w[19]
    w2_6 = w[20]
    w3_4 = w[25]
    w3_5 = w[26]
    w3_6 = w[27]
    w4_4 = w[32]
    w4_5 = w[33]
    w4_6 = w[34]
    w5_4 = w[39]
    w5_5 = w[40]
    w5_6 = w[41]
    w6_4 = w[46]
    w6_5 = w[47]
    w6_6 = w[48]
    for i in range(n):
        v0_4 = x[r0 + i + 4]
        v0_5 = x[r0 + i + 5]
        v0_6 = x[r0 + i + 6]
        v1_4 = x[r1 + i + 4]
        v1_5 = x[r1 + i + 5]
        v1_6 = x[r1 + i + 6]
        v2_4 = x[r2 + i + 4]
        v2_5 = x[r2 + i + 5]
        v2_6 = x[r2 + i + 6]
        v3_4 = x[r3 + i + 4]
        v3_5 = x[r3 + i + 5]
        v3_6 = x[r3 + i + 6]
        v4_4 = x[r4 + i + 4]
        v4_5 = x[r4 + i + 5]
        v4_6 = x[r4 + i + 6]
        v5_4 = x[r5 + i + 4]
        v5_5 = x[r5 + i + 5]
        v5_6 = x[r5 + i + 6]
        v6_4 = x[r6 + i + 4]
        v6_5 = x[r6 + i + 5]
        v6_6 = x[r6 + i + 6]
        v7_4 = x[r7 + i + 4]
        v7_5 = x[r7 + i + 5]
        v7_6 = x[r7 + i + 6]
        o[m0 + i] += w0_4 * v0_4 + w0_5 * v0_5 + w0_6 * v0_6 + w1_4 * v1_4 + w1_5 * v1_5 + w1_6 * v1_6 + w2_4 * v2_4 + w2_5 * v2_5 + w2_6 * v2_6 + w3_4 * v3_4 + w3_5 * v3_5 + w3_6 * v3_6 + w4_4 * v4_4 + w4_5 * v4_5 + w4_6 * v4_6 + w5_4 * v5_4 + w5_5 * v5_5 + w5_6 * v5_6 + w6_4 * v6_4 + w6_5 * v6_5 + w6_6 * v6_6
        o[m1 + i] += w0_4 * v1_4 + w0_5 * v1_5 + w0_6 * v1_6 + w1_4 * v2_4 + w1_5 * v2_5 + w1_6 * v2_6 + w2_4 * v3_4 + w2_5 * v3_5 + w2_6 * v3_6 + w3_4 * v4_4 + w3_5 * v4_5 + w3_6 * v4_6 + w4_4 * v5_4 + w4_5 * v5_5 + w4_6 * v5_6 + w5_4 * v6_4 + w5_5 * v6_5 + w5_6 * v6_6 + w6_4 * v7_4 + w6_5 * v7_5 + w6_6 * v7_6
