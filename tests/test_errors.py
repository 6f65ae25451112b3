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


# --------------------------------------------------------------------------
# Errors that help (issue 16 item 5): scipy's type and words first, then the fix.

X1, H1, X2 = np.ones(8), np.ones(3), np.ones((3, 8))

HINTS = [
    # (function, args, kwargs, fragments that must follow scipy's message)
    ("convolve", (X2, H1), {}, ["in2[None, :]", "axes=-1"]),
    ("correlate", (X2, H1), {}, ["in2[None, :]", "axes=-1"]),
    ("convolve", (H1, X2), {}, ["in1[None, :]"]),
    ("convolve", (np.ones((2, 3, 8)), H1), {}, ["in2[None, None, :]"]),
    ("fftconvolve", (X2, H1), {}, ["in2[None, :]", "axes=-1"]),
    ("oaconvolve", (X2, H1), {}, ["in2[None, :]", "axes=-1"]),
    ("convolve2d", (X2, H1), {}, ["in2[None, :]", "in2[:, None]"]),
    ("correlate2d", (H1, X2), {}, ["in1[None, :]"]),
    ("convolve", (X1, H1, "fft"), {}, ["Did you mean method='fft'?"]),
    ("convolve", (X1, H1, "direct"), {}, ["Did you mean method='direct'?"]),
    ("correlate", (X1, H1, "auto"), {}, ["Did you mean method='auto'?"]),
    ("convolve", (X1, H1), {"mode": "sme"}, ["Did you mean mode='same'?"]),
    ("convolve", (X1, H1), {"mode": "Same"}, ["Did you mean mode='same'?"]),
    ("correlate", (X1, H1), {"mode": "vaild"}, ["Did you mean mode='valid'?"]),
    ("fftconvolve", (X1, H1), {"mode": "ful"}, ["Did you mean mode='full'?"]),
    ("oaconvolve", (X1, H1), {"mode": "same "}, ["Did you mean mode='same'?"]),
    ("convolve2d", (X2, X2), {"mode": "fft"}, ["Did you mean method='fft'?"]),
    ("convolve2d", (X2, X2), {"mode": "vald"}, ["Did you mean mode='valid'?"]),
    ("convolve", (X1, H1), {"method": "overlap-add"}, ["Did you mean method='oa'?"]),
    ("correlate", (X1, H1), {"method": "fftconvolve"}, ["Did you mean method='fft'?"]),
    ("convolve", (X1, H1), {"method": "dirct"}, ["Did you mean method='direct'?"]),
    ("convolve", (X1, H1), {"method": "FFT"}, ["Did you mean method='fft'?"]),
    ("convolve2d", (X2, X2), {"boundary": "symetric"}, ["Did you mean boundary='symmetric'?"]),
    ("convolve2d", (X2, X2), {"boundary": "circ"}, ["Did you mean boundary="]),
    ("convolve2d", (X2, X2), {"boundary": "reflect"}, ["boundary='symm'"]),
]


@pytest.mark.parametrize("name,args,kwargs,fragments", HINTS, ids=[f"{c[0]}-{i}" for i, c in enumerate(HINTS)])
def test_messages_keep_scipy_words_and_add_the_fix(name, args, kwargs, fragments):
    with pytest.raises(Exception) as scipy_exc:
        getattr(ss, name)(*args, **kwargs)
    with pytest.raises(type(scipy_exc.value)) as ours:
        getattr(convkit, name)(*args, **kwargs)
    message = str(ours.value)
    if "method" not in kwargs:  # convkit's method message also lists 'oa' (README)
        assert message.startswith(str(scipy_exc.value)), (message, str(scipy_exc.value))
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize("mode", ["foo", "xyz", 3])
def test_no_hint_without_a_close_match(mode):
    with pytest.raises(ValueError) as ours:
        convkit.convolve(X1, H1, mode)
    assert "Did you mean" not in str(ours.value)
    with pytest.raises(ValueError) as ours:
        convkit.convolve(X1, H1, method="banana")
    assert "Did you mean" not in str(ours.value)


WORKERS = [("2", "got str '2' (write workers=2)"), (True, "got bool True"), (2.0, "got float 2.0 (write workers=2)"),
           (2.5, "got float 2.5"), ([2], "got list [2]")]


@pytest.mark.parametrize("bad,fragment", WORKERS, ids=[repr(w[0]) for w in WORKERS])
def test_workers_of_the_wrong_type_raise_typeerror_naming_workers(bad, fragment):
    calls = [lambda: convkit.convolve(X1, H1, workers=bad),
             lambda: convkit.correlate(X1, H1, method="direct", workers=bad),
             lambda: convkit.fftconvolve(X1, H1, workers=bad),
             lambda: convkit.oaconvolve(X1, H1, workers=bad),
             lambda: convkit.convolve2d(X2, X2, workers=bad),
             lambda: convkit.correlate2d(X2, X2, workers=bad),
             lambda: convkit.choose_method(X1, H1, workers=bad),
             lambda: convkit.plan((8,), (3,), workers=bad),
             lambda: convkit.set_workers(bad).__enter__()]
    for call in calls:
        with pytest.raises(TypeError, match="workers must be an int or None") as exc:
            call()
        assert fragment in str(exc.value)
    assert convkit.get_workers() == 1


def test_workers_accepts_numpy_integers():
    assert_ok = convkit.convolve(X1, H1, workers=np.int64(2))
    np.testing.assert_array_equal(assert_ok, np.convolve(X1, H1))


PLAN_ERRORS = [
    ((100, 5), {}, TypeError, "plan: shape1 must be a shape (a tuple of ints), got int 100; "
                              "for a 1-D input of length 100 write (100,)"),
    (((100,), 5), {}, TypeError, "plan: shape2 must be a shape (a tuple of ints), got int 5"),
    (("abc", (5,)), {}, TypeError, "plan: shape1 must be a shape (a tuple of ints), got str 'abc'"),
    (((100,), (5.0,)), {}, TypeError, "item 5.0 is not an int"),
    ((np.ones(100), (5,)), {}, TypeError, "pass the array's .shape"),
    (((100,), (-5,)), {}, ValueError, "plan: shape2 has a negative length"),
    (((100,), (5,)), {"dtype": "f32"}, TypeError, "did you mean 'float32'?"),
    (((100,), (5,)), {"correlate": "yes"}, TypeError, "plan: correlate must be True or False"),
    (((100,), (5,)), {"mode": "sme"}, ValueError, "Did you mean mode='same'?"),
    (((100,), (5,)), {"method": "overlap-add"}, ValueError, "Did you mean method='oa'?"),
]


@pytest.mark.parametrize("args,kwargs,exc,fragment", PLAN_ERRORS, ids=[c[3][:30] for c in PLAN_ERRORS])
def test_plan_argument_errors_name_the_argument(args, kwargs, exc, fragment):
    with pytest.raises(exc) as info:
        convkit.plan(*args, **kwargs)
    assert fragment in str(info.value)
    assert "is not iterable" not in str(info.value)


def test_plan_accepts_shape_like_values():
    p = convkit.plan([np.int64(100)], np.array([5]), dtype="float32", mode="same")
    assert p.shape == (100,) and p.dtype == np.float32
