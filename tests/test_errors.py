"""Invalid input raises what scipy.signal raises: same exception type, a message naming the problem."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss

import convkit

ONE = np.ones(4)
TWO = np.ones((3, 3))

CASES = [
    # (function name, args, kwargs, message fragment convkit must show)
    ("convolve", (ONE, TWO), {}, "volume and kernel should have the same dimensionality"),
    ("correlate", (ONE, TWO), {}, "in1 and in2 should have the same dimensionality"),
    ("fftconvolve", (ONE, TWO), {}, "in1 and in2 should have the same dimensionality"),
    ("oaconvolve", (ONE, TWO), {}, "in1 and in2 should have the same dimensionality"),
    ("convolve2d", (ONE, TWO), {}, "convolve2d inputs must both be 2-D arrays"),
    ("correlate2d", (ONE, TWO), {}, "correlate2d inputs must both be 2-D arrays"),
    ("convolve", (ONE, ONE), {"mode": "foo"}, "Acceptable mode flags are 'valid', 'same', or 'full', not mode=foo"),
    ("convolve", (ONE, ONE), {"mode": 1}, "Acceptable mode flags"),
    ("correlate", (ONE, ONE), {"mode": "foo"}, "Acceptable mode flags are 'valid', 'same', or 'full'"),
    ("fftconvolve", (ONE, ONE), {"mode": "foo"}, "acceptable mode flags are 'valid', 'same', or 'full'"),
    ("oaconvolve", (ONE, ONE), {"mode": "foo"}, "acceptable mode flags are 'valid', 'same', or 'full'"),
    ("convolve2d", (TWO, TWO), {"mode": "foo"}, "Acceptable mode flags are 'valid', 'same', or 'full'."),
    ("convolve", (ONE, ONE), {"method": "foo"}, "Acceptable method flags are 'auto', 'direct'"),
    ("correlate", (ONE, ONE), {"method": "foo"}, "Acceptable method flags are 'auto', 'direct'"),
    ("convolve2d", (TWO, TWO), {"boundary": "foo"}, "Acceptable boundary flags are 'fill', 'circular' (or 'wrap')"),
    ("convolve2d", (TWO, TWO), {"boundary": "reflect"}, "Incorrect boundary value."),
    ("convolve", (np.ones((3, 4)), np.ones((4, 3))), {"mode": "valid"}, "For 'valid' mode, one must be at least as large"),
    ("correlate", (np.ones((3, 4)), np.ones((2, 5))), {"mode": "valid"}, "For 'valid' mode, one must be at least as large"),
    ("convolve2d", (np.ones((3, 4)), np.ones((4, 3))), {"mode": "valid"}, "For 'valid' mode, one must be at least as large"),
    ("fftconvolve", (np.ones((3, 4)), np.ones((4, 3))), {"mode": "valid"}, "For 'valid' mode, one must be at least as large"),
    ("fftconvolve", (ONE, ONE), {"axes": []}, "when provided, axes cannot be empty"),
    ("fftconvolve", (ONE, ONE), {"axes": [1]}, "axes exceeds dimensionality of input"),
    ("fftconvolve", (ONE, ONE), {"axes": [0, 0]}, "all axes must be unique"),
    ("oaconvolve", (ONE, ONE), {"axes": [0.5]}, "axes must be a scalar or iterable of integers"),
    ("fftconvolve", (np.ones((3, 4)), np.ones((2, 3))), {"axes": 0}, "incompatible shapes for in1 and in2: (3, 4) and (2, 3)"),
    ("convolve2d", (TWO, TWO), {"fillvalue": np.array([])}, "`fillvalue` cannot be an empty array."),
    ("convolve2d", (TWO, TWO), {"fillvalue": [1, 2]}, "`fillvalue` must be scalar or an array with one element."),
    ("convolve2d", (TWO, TWO), {"fillvalue": 1j}, "could not cast `fillvalue` directly to the output type"),
    ("convolve2d", (TWO.astype(np.int8), TWO.astype(np.int8)), {"fillvalue": 300}, "could not cast `fillvalue`"),
    ("convolve2d", (TWO.astype(np.int8), TWO.astype(np.int8)), {"fillvalue": None}, "could not cast `fillvalue`"),
    ("convolve2d", (TWO.astype(bool), TWO.astype(bool)), {}, "convolve2d not available for this type."),
    ("correlate2d", (TWO.astype(np.float16), TWO.astype(np.float16)), {}, "convolve2d not available for this type."),
    ("convolve2d", (TWO.astype(object), TWO), {}, "convolve2d not available for this type."),
]


@pytest.mark.parametrize("name,args,kwargs,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_invalid_input_matches_scipy(name, args, kwargs, message):
    with pytest.raises(Exception) as scipy_exc:
        getattr(ss, name)(*args, **kwargs)
    with pytest.raises(type(scipy_exc.value)) as ours:
        getattr(convkit, name)(*args, **kwargs)
    assert message in str(ours.value)


@pytest.mark.parametrize("name", ["convolve", "correlate", "fftconvolve", "oaconvolve"])
def test_non_numeric_dtypes_raise_like_scipy(name):
    a = np.array(["a", "b"])
    with pytest.raises(Exception) as scipy_exc:
        getattr(ss, name)(a, a)
    with pytest.raises(type(scipy_exc.value)):
        getattr(convkit, name)(a, a)
    # datetime: convolve/correlate raise; the FFT functions cast to float as scipy does.
    t = np.array([1, 2], dtype="M8[s]")
    try:
        expected = getattr(ss, name)(t, t)
    except Exception as exc:
        with pytest.raises(type(exc)):
            getattr(convkit, name)(t, t)
    else:
        np.testing.assert_array_equal(getattr(convkit, name)(t, t), expected)


def test_object_and_longdouble_are_handed_to_scipy():
    from decimal import Decimal

    a = np.array([Decimal(1), Decimal(2)], dtype=object)
    np.testing.assert_array_equal(convkit.convolve(a, a), ss.convolve(a, a))
    ld = np.arange(5, dtype=np.longdouble)
    out = convkit.convolve(ld, ld[:3])
    assert out.dtype == np.longdouble
    np.testing.assert_array_equal(out, ss.convolve(ld, ld[:3]))
    assert convkit.fftconvolve(ld, ld[:3]).dtype == ss.fftconvolve(ld, ld[:3]).dtype
    t = np.array([1, 2], dtype="m8[s]")
    np.testing.assert_array_equal(convkit.convolve(t, t), ss.convolve(t, t))
