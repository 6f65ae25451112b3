"""_problem.py's geometry and message helpers, checked directly (the public functions are tested
against scipy in test_signal.py and test_errors.py)."""

from __future__ import annotations

import numpy as np
import pytest

from convkit import _problem
from convkit._problem import (
    Immediate,
    Problem,
    _did_you_mean,
    _mode_hint,
    _ndim_hint,
    _with_hint,
    check_method,
    normalize_freq,
)


@pytest.mark.parametrize("s1,s2,axes,mode,shape,conv_axes", [
    # a length-1 in1 on a convolved axis in 'same' is a convolution axis (start at the kernel's centre)
    ((1, 16), (7, 3), [0, 1], "same", (1, 16), (0, 1)),
    ((1, 5), (3, 5), None, "same", (1, 5), (0, 1)),
    ((1, 5), (3, 5), None, "full", (3, 9), (1,)),
    ((1, 5), (3, 5), None, "valid", (3, 1), (1,)),
    # off `axes`, the broadcast length stays in every mode (README difference 4)
    ((1, 30), (4, 5), -1, "same", (4, 30), (1,)),
    ((1, 30), (4, 5), -1, "full", (4, 34), (1,)),
    ((5, 1), (5, 8), None, "same", (5, 1), (0, 1)),
])
def test_freq_geometry(s1, s2, axes, mode, shape, conv_axes):
    p = normalize_freq(np.ones(s1), np.ones(s2), mode, axes, name="fftconvolve", workers=None)
    assert isinstance(p, Problem)
    assert p.shape == shape and p.axes == conv_axes
    for i in conv_axes:
        if mode == "same":
            assert p.start[i] == (s2[i] - 1) // 2


def test_freq_geometry_with_nothing_to_convolve_is_the_cropped_product():
    out = normalize_freq(np.array([3]), np.arange(10), "same", None, name="fftconvolve", workers=None)
    assert isinstance(out, Immediate)
    np.testing.assert_array_equal(out.value, [3 * 4])
    assert out.value.dtype == np.int64
    out = normalize_freq(np.ones((1, 4)), np.ones((6, 1)), "same", [0], name="oaconvolve", workers=None)
    assert isinstance(out, Immediate) and out.value.shape == (1, 4)


def test_hint_helpers():
    assert _did_you_mean("sme", ("full", "valid", "same"), "mode") == "Did you mean mode='same'?"
    assert _did_you_mean("FULL", ("full", "valid", "same"), "mode") == "Did you mean mode='full'?"
    assert _did_you_mean("zzzz", ("full", "valid", "same"), "mode") == ""
    assert _did_you_mean(3, ("full",), "mode") == ""
    assert _mode_hint("oa", ("auto", "direct", "fft", "oa")).startswith("Did you mean method='oa'?")
    assert _mode_hint("oa") == ""
    assert _with_hint("no period", "Hint.") == "no period. Hint."
    assert _with_hint("period.", "Hint.") == "period. Hint."
    assert _with_hint("unchanged", "") == "unchanged"
    assert _ndim_hint(2, 2) == "" and _ndim_hint(0, 2) == "" and _ndim_hint(3, 2) == ""
    assert "in2[None, :]" in _ndim_hint(2, 1)
    assert "in1[None, None, :]" in _ndim_hint(1, 3)
    for alias in ("overlap-add", "Overlap_Add", "ola", "overlap-save", "oaconvolve"):
        with pytest.raises(ValueError, match=r"Did you mean method='oa'\?$"):
            check_method(alias)


def test_a_memoised_call_still_checks_its_output_against_the_machine(monkeypatch):
    """normalize_convolve keeps a valid call's checks and geometry per shape, but the memory guard
    runs on every call: a shape seen before is refused once the machine's memory says so."""
    from convkit import _memory
    from convkit._problem import normalize_convolve

    x = h = np.broadcast_to(1.0, (5_000_000,))  # a 76 MiB output: past the guard's always-fits bound
    assert isinstance(normalize_convolve(x, h, "full", "auto", correlate=False, workers=1), Problem)
    monkeypatch.setattr(_memory, "physical_memory", lambda: 1000)
    with pytest.raises(MemoryError, match="needs"):
        normalize_convolve(x, h, "full", "auto", correlate=False, workers=1)


@pytest.mark.parametrize("mode,method,message", [
    ("bogus", "auto", "Acceptable mode flags"), ("full", "bogus", "Acceptable method flags"),
    (["full"], "auto", "Acceptable mode flags"), ("full", ["auto"], "Acceptable method flags")])
def test_a_shape_seen_before_still_raises_on_a_bad_mode_or_method(mode, method, message):
    """The memo is keyed by the mode and method too (unhashable ones skip it): a valid call of a
    shape does not let a bad mode or method of the same shape through."""
    from convkit._problem import normalize_convolve

    x, h = np.ones(50), np.ones(5)
    normalize_convolve(x, h, "full", "auto", correlate=False, workers=1)
    with pytest.raises(ValueError, match=message):
        normalize_convolve(x, h, mode, method, correlate=False, workers=1)


def test_a_memoised_call_keeps_the_correlate_flip_and_the_operands_of_each_call():
    """The memo holds geometry only: each call's own operands are used, flipped for correlate."""
    from convkit._problem import normalize_convolve

    rng = np.random.default_rng(1)
    for _ in range(2):
        x, h = rng.standard_normal(40), rng.standard_normal(6)
        p = normalize_convolve(x, h, "same", "auto", correlate=True, workers=1)
        np.testing.assert_array_equal(p.a, x)
        np.testing.assert_array_equal(p.b, h[::-1])
        q = normalize_convolve(x, h, "same", "auto", correlate=False, workers=1)
        np.testing.assert_array_equal(q.b, h)


@pytest.mark.parametrize("method, checked", [("direct", False), ("auto", True), ("fft", True)])
def test_the_fft_exactness_check_runs_only_where_an_fft_may(monkeypatch, method, checked):
    # the check reads both inputs four times; a method='direct' call never transforms
    calls = []
    monkeypatch.setattr(_problem, "fft_exact_for_integers", lambda a, b: calls.append(1) or True)
    a = np.arange(300 * 300, dtype=np.int32).reshape(300, 300) % 97
    b = np.ones((9, 9), np.int32)
    problem = _problem.normalize_convolve(a, b, "same", method, correlate=False, workers=1)
    assert bool(calls) is checked
    assert problem.fft_allowed is checked
