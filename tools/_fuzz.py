"""What the fuzz tools share: random operands and layouts, the capture of a call's exception, the
comparison of a result's kind (exception type, dtype, shape) with the reference's, and the run
loop with its command line (``--seconds``, ``--seed``, ``--save-dir``, ``--case``).

Used by ``tools/fuzz_signal.py`` and ``tools/fuzz_ndimage.py``; the tolerance rule itself is the
test suite's (``tests/_helpers.py``), which both import from there.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

# The checkout this file is in is what is fuzzed (not an installed convkit: an editable install
# may point at another worktree), with its tests/ for the tolerance rule and the oracle.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _path in (os.path.join(ROOT, "tests"), ROOT):
    if _path not in sys.path:
        sys.path.insert(0, _path)

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16", "float32",
          "float64", "complex64", "complex128"]
LAYOUTS = ["c", "f", "strided", "big-endian", "negative", "read-only"]


def draw_array(rng, shape, dtype, big):
    """Random operand: small or extreme integers, normal floats with a rare NaN or infinity."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        if big:
            return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
        return rng.integers(max(info.min, -50), min(info.max, 50), size=shape, endpoint=True).astype(dtype)
    x = rng.standard_normal(shape) * (1e3 if big else 1.0)
    if dtype.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    if x.size and rng.random() < 0.03:
        x.flat[rng.integers(x.size)] = rng.choice([np.nan, np.inf, -np.inf])
    return x.astype(dtype)


def draw_shape(rng, ndim):
    """Mostly short axes, a quarter of length 1 or 2, a fifth up to 600."""
    out = []
    for _ in range(ndim):
        r = rng.random()
        out.append(int(rng.integers(1, 3)) if r < 0.25 else int(rng.integers(1, 40)) if r < 0.8
                   else int(rng.integers(40, 600)))
    return tuple(out)


def relayout(rng, a, p=0.3):
    """The same values in another memory layout (a fraction ``p`` of calls)."""
    layout = rng.choice(LAYOUTS) if rng.random() < p else "c"
    if layout == "f":
        return np.asfortranarray(a)
    if layout == "strided" and a.ndim:
        return np.repeat(a, 2, axis=-1)[..., ::2]
    if layout == "big-endian" and a.dtype.itemsize > 1 and a.dtype.kind != "b":
        return a.astype(a.dtype.newbyteorder(">"))
    if layout == "negative":
        return np.flip(np.flip(a).copy())
    if layout == "read-only":
        a = a.copy()
        a.flags.writeable = False
    return a


def capture(func, *args, **kw):
    """``func``'s result, or the exception it raised (the exception is what is compared)."""
    try:
        return func(*args, **kw)
    except Exception as exc:  # noqa: BLE001 - the exception is what is compared
        return exc


def against_reference(got, ref, *, messages=False):
    """The first difference in kind between convkit's result and the reference's: one raises and
    the other not, the exception types (and, with ``messages``, texts), the dtype or the shape."""
    if isinstance(ref, Exception):
        if not isinstance(got, Exception):
            return f"reference raised {type(ref).__name__}({ref}) but convkit returned {got.dtype} {got.shape}"
        if type(got) is not type(ref):
            return f"exception {type(got).__name__}({got}) where the reference raised {type(ref).__name__}({ref})"
        if messages and str(got) != str(ref):
            return f"message {str(got)!r} where the reference says {str(ref)!r}"
        return None
    if isinstance(got, Exception):
        return f"convkit raised {type(got).__name__}({got}); the reference returned {ref.dtype} {ref.shape}"
    if got.dtype != ref.dtype:
        return f"dtype {got.dtype}, reference {ref.dtype}"
    if got.shape != ref.shape:
        return f"shape {got.shape}, reference {ref.shape}"
    return None


def run(doc, draw, check, describe, arrays, argv=None, skip=None):
    """The fuzz loop and its command line.

    ``draw(rng)`` makes one call's description (a tuple whose ``case[0]`` names the function:
    calls are counted per function), ``check(case)`` returns a problem's text or None,
    ``describe(case)`` one line naming the call, ``arrays(case)`` the dict of arrays saved for a
    problem (``--save-dir``), and ``skip(case)`` (optional) whether the call is too slow for the
    reference to run (skipped calls are not counted). ``--case N`` replays call N of the seed
    alone: the draws are a function of the seed, so a printed ``#N`` is reproduced by
    ``--seed S --case N``. The exit status is 1 if anything was found.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save-dir", default=None, help="save each problem's operands as case_N.npz here")
    parser.add_argument("--case", type=int, default=None, help="replay only call N of this seed")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    deadline = time.monotonic() + args.seconds
    calls = problems = 0
    per_function = {}
    while args.case is not None or time.monotonic() < deadline:
        case = draw(rng)
        if skip is not None and skip(case):
            continue
        calls += 1
        per_function[case[0]] = per_function.get(case[0], 0) + 1
        if args.case is not None and calls < args.case:
            continue
        msg = check(case)
        if msg:
            problems += 1
            if args.case is None:
                print(f"#{calls} {describe(case)}: {msg}", flush=True)
            if args.save_dir:
                os.makedirs(args.save_dir, exist_ok=True)
                np.savez(os.path.join(args.save_dir, f"case_{calls}.npz"), **arrays(case))
        if args.case is not None:
            print(f"case {calls}: {describe(case)}: {msg or 'no problem'}")
            break
    else:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(per_function.items()))
        print(f"{calls} calls ({counts}), {problems} problems (seed {args.seed})")
    return 1 if problems else 0
