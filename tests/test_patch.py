"""convkit.patch_scipy(): scipy's convolution functions routed to convkit where callers look them up."""

from __future__ import annotations

import importlib
import sys
import types

import numpy as np
import pytest
import scipy.ndimage
import scipy.signal
import scipy.signal._signaltools as st

import convkit
import convkit._signal as cs
from convkit import _patch
from convkit._patch import NDIMAGE_NAMES, SIGNAL_NAMES, original

REAL = {name: getattr(scipy.signal, name) for name in SIGNAL_NAMES}
REAL_NDIMAGE = {name: getattr(scipy.ndimage, name) for name in NDIMAGE_NAMES}


@pytest.fixture(autouse=True)
def _no_patch_left_on():
    """Every test starts and ends with scipy's own functions in place."""
    assert all(getattr(scipy.signal, n) is REAL[n] for n in SIGNAL_NAMES)
    yield
    convkit.unpatch_scipy()
    for name in SIGNAL_NAMES:
        assert getattr(scipy.signal, name) is REAL[name]
        assert getattr(st, name) is REAL[name]
    for name in NDIMAGE_NAMES:
        assert getattr(scipy.ndimage, name) is REAL_NDIMAGE[name]


def _importers(name):
    """Loaded scipy.signal modules (besides the two named ones) that imported ``name`` by name."""
    return [m for key, m in sorted(sys.modules.items())
            if key.startswith("scipy.signal.") and key != "scipy.signal._signaltools"
            and isinstance(m, types.ModuleType) and m.__dict__.get(name) is REAL[name]]


def test_context_manager_routes_every_lookup_site():
    importlib.import_module("scipy.signal._wavelets")  # imports convolve from _signaltools by name
    importers = {name: _importers(name) for name in SIGNAL_NAMES}
    assert importers["convolve"], "expected a scipy.signal module that imported convolve by name"
    with convkit.patch_scipy() as patch:
        assert patch.active
        for name in SIGNAL_NAMES:
            ours = getattr(cs, name)
            assert getattr(scipy.signal, name) is ours
            assert getattr(st, name) is ours
            for module in importers[name]:
                assert module.__dict__[name] is ours, module.__name__
            assert f"scipy.signal.{name}" in patch.patched
        assert "scipy.signal._signaltools.convolve" in patch.sites
    assert not patch.active
    for name in SIGNAL_NAMES:
        for module in importers[name]:
            assert module.__dict__[name] is REAL[name]


def test_plain_call_stays_on_until_undo():
    patch = convkit.patch_scipy()
    try:
        assert scipy.signal.fftconvolve is convkit.fftconvolve
        assert "on" in repr(patch)
    finally:
        patch.undo()
    assert scipy.signal.fftconvolve is REAL["fftconvolve"]
    patch.undo()  # idempotent
    assert "undone" in repr(patch)


def test_unpatch_scipy_undoes_every_patch_and_nesting_unwinds(monkeypatch):
    outer = convkit.patch_scipy()
    inner = convkit.patch_scipy()
    assert scipy.signal.convolve is convkit.convolve
    assert original("convolve") is REAL["convolve"]  # not the convkit function the outer patch put there
    inner.undo()
    assert scipy.signal.convolve is convkit.convolve  # the outer patch is still on
    outer.undo()
    assert scipy.signal.convolve is REAL["convolve"]
    # out of order: still ends with scipy's own functions
    a, b = convkit.patch_scipy(), convkit.patch_scipy()
    a.undo()
    b.undo()
    assert scipy.signal.convolve is REAL["convolve"]
    convkit.patch_scipy()
    convkit.patch_scipy()
    convkit.unpatch_scipy()
    assert scipy.signal.correlate2d is REAL["correlate2d"]


def test_scipy_internal_calls_reach_convkit():
    """scipy's own correlate (called through scipy's namespace before the patch) calls convolve
    through _signaltools' globals: with the patch on, that is convkit's."""
    calls = []
    real_correlate = REAL["correlate"]
    with convkit.patch_scipy():
        spy = st.convolve

        def counting(*args, **kwargs):
            calls.append(args[2] if len(args) > 2 else kwargs.get("mode"))
            return spy(*args, **kwargs)

        st.convolve = counting
        try:
            out = real_correlate(np.arange(5.0), np.ones(3), "same", method="fft")
        finally:
            st.convolve = spy
    assert calls == ["same"]
    np.testing.assert_allclose(out, np.correlate(np.arange(5.0), np.ones(3), "same"))


def test_fallbacks_reach_the_real_scipy_while_patched(monkeypatch):
    """Dtypes convkit hands over (object, long double, datetime) go to scipy's own functions,
    not back to convkit (which would recurse)."""
    from decimal import Decimal

    handed = []
    for name in ("convolve", "correlate", "fftconvolve", "convolve2d"):
        real = REAL[name]

        def spy(*args, _real=real, _name=name, **kwargs):
            handed.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setitem(_patch._originals, ("scipy.signal", name), spy)
    a = np.array([Decimal(1), Decimal(2), Decimal(3)], dtype=object)
    ld = np.arange(6, dtype=np.longdouble)
    with convkit.patch_scipy():
        assert scipy.signal.convolve is convkit.convolve
        np.testing.assert_array_equal(scipy.signal.convolve(a, a[:2]), [Decimal(1), Decimal(4), Decimal(7),
                                                                         Decimal(6)])
        assert scipy.signal.correlate(ld, ld[:3]).dtype == np.longdouble
        assert scipy.signal.fftconvolve(ld, ld[:3]).dtype == np.longdouble
    # scipy's correlate then calls convolve through its module (convkit's, patched), which hands
    # the long double call to scipy's convolve again: every hand-over reached scipy, none recursed
    assert handed == ["convolve", "correlate", "convolve", "fftconvolve"]
    monkeypatch.undo()
    assert original("convolve") is REAL["convolve"]


def test_problem_fallback_uses_original_without_a_patch():
    from convkit._problem import _scipy

    assert _scipy("convolve") is REAL["convolve"]
    with convkit.patch_scipy():
        assert _scipy("convolve") is REAL["convolve"]
        assert _scipy("fftconvolve") is REAL["fftconvolve"]


def test_patched_results_equal_convkit_and_scipy():
    rng = np.random.default_rng(5)
    x, h = rng.standard_normal(300), rng.standard_normal(31)
    expected = {name: getattr(scipy.signal, name)(x, h, "same") for name in ("convolve", "correlate", "fftconvolve")}
    with convkit.patch_scipy():
        for name, value in expected.items():
            np.testing.assert_allclose(getattr(scipy.signal, name)(x, h, "same"), value, rtol=1e-10, atol=1e-12)
        assert scipy.signal.choose_conv_method(x, h) in ("direct", "fft")


def test_signal_only_and_everywhere_options():
    module = types.ModuleType("convkit_test_client")
    module.fftconvolve = REAL["fftconvolve"]  # `from scipy.signal import fftconvolve` before the patch
    module.other = REAL["convolve"]           # a different name for the same object is left alone
    sys.modules[module.__name__] = module
    try:
        with convkit.patch_scipy():
            assert module.fftconvolve is REAL["fftconvolve"]
        with convkit.patch_scipy(everywhere=True) as patch:
            assert module.fftconvolve is convkit.fftconvolve
            assert module.other is REAL["convolve"]
            assert "convkit_test_client.fftconvolve" in patch.sites
        assert module.fftconvolve is REAL["fftconvolve"]
        with convkit.patch_scipy(signal=False):
            assert scipy.signal.convolve is REAL["convolve"]
    finally:
        del sys.modules[module.__name__]


# --------------------------------------------------------------------------
# scipy.ndimage: patched only for the names convkit.ndimage defines


def test_ndimage_names_follow_convkit_ndimage():
    """Whatever convkit.ndimage holds today: its names are routed, the others are untouched."""
    try:
        ours = importlib.import_module("convkit.ndimage")
    except ModuleNotFoundError:
        ours = None
    with convkit.patch_scipy() as patch:
        for name in NDIMAGE_NAMES:
            mine = getattr(ours, name, None)
            if callable(mine):
                assert getattr(scipy.ndimage, name) is mine
                assert f"scipy.ndimage.{name}" in patch.patched
            else:
                assert getattr(scipy.ndimage, name) is REAL_NDIMAGE[name]
                assert f"scipy.ndimage.{name}" not in patch.patched
        # signal's convolve and ndimage's convolve are different functions, each routed to its own
        assert scipy.signal.convolve is convkit.convolve


def test_ndimage_partial_module_patches_only_present_names(monkeypatch):
    """A convkit.ndimage with only some of the names: those are patched (also in scipy.ndimage._filters,
    where gaussian_filter looks up gaussian_filter1d), every other name is left as scipy's."""
    fake = types.ModuleType("convkit.ndimage")

    def gaussian_filter1d(*args, **kwargs):
        return "convkit"

    fake.gaussian_filter1d = gaussian_filter1d
    fake.uniform_filter = "not a function"
    monkeypatch.setitem(sys.modules, "convkit.ndimage", fake)
    filters = sys.modules[scipy.ndimage.gaussian_filter1d.__module__]
    with convkit.patch_scipy() as patch:
        assert scipy.ndimage.gaussian_filter1d is gaussian_filter1d
        assert filters.gaussian_filter1d is gaussian_filter1d
        for name in NDIMAGE_NAMES:
            if name != "gaussian_filter1d":
                assert getattr(scipy.ndimage, name) is REAL_NDIMAGE[name], name
        assert [k for k in patch.patched if k.startswith("scipy.ndimage.")] == ["scipy.ndimage.gaussian_filter1d"]
        assert original("gaussian_filter1d", "scipy.ndimage") is REAL_NDIMAGE["gaussian_filter1d"]
    assert scipy.ndimage.gaussian_filter1d is REAL_NDIMAGE["gaussian_filter1d"]
    assert filters.gaussian_filter1d is REAL_NDIMAGE["gaussian_filter1d"]


def test_ndimage_can_be_left_out(monkeypatch):
    fake = types.ModuleType("convkit.ndimage")
    fake.convolve = lambda *a, **k: None
    monkeypatch.setitem(sys.modules, "convkit.ndimage", fake)
    with convkit.patch_scipy(ndimage=False) as patch:
        assert scipy.ndimage.convolve is REAL_NDIMAGE["convolve"]
        assert not any(k.startswith("scipy.ndimage.") for k in patch.patched)
