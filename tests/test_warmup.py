"""convkit._warmup: which paths it warms, its progress report, and the CLI."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import convkit
from convkit import _tuning
from convkit import _warmup as W


def test_items_follow_dtypes_and_ndims():
    items = W.work_items(("float32",), (2,))
    labels = [label for label, _ in items]
    assert labels and all(label.startswith("float32") for label in labels)
    assert any("direct 2-D 3x3" in label for label in labels)
    assert any(label.endswith("fft 2-D") for label in labels) and any(label.endswith("oa 2-D") for label in labels)
    assert not any("1-D" in label or "3-D" in label for label in labels)
    # integers warm the direct engine and, in 1-D, the exact FFT path by limbs
    int_labels = [label for label, _ in W.work_items(("int64",), (1, 2, 3))]
    assert [label for label in int_labels if " direct " not in label] == ["int64 exact FFT (limbs) 1-D"]


def test_progress_reports_every_item_in_order():
    seen = []
    done = W.warmup(("float64",), (1,), progress=lambda i, n, label, s: seen.append((i, n, label, s)))
    assert [i for i, *_ in seen] == list(range(1, len(done) + 1))
    assert all(n == len(done) for _, n, _, _ in seen)
    assert [label for _, _, label, _ in seen] == [label for label, _ in done]
    assert all(s >= 0 for *_, s in seen)


def test_warm_calls_compute_right_results():
    """The items are real calls: their results are the convolutions they claim to be."""
    for label, call in W.work_items(("float64",), (1,)):
        out = np.asarray(call())
        assert np.isfinite(out).all() and out.max() > 0, label


def test_cli_prints_progress_and_rejects_unknown_dtypes():
    ok = subprocess.run([sys.executable, "-m", "convkit", "warmup", "--dtype", "float64", "--ndim", "1"],
                        capture_output=True, text=True, timeout=600)
    assert ok.returncode == 0, ok.stderr
    assert "[  1/" in ok.stderr and "warmed" in ok.stderr
    bad = subprocess.run([sys.executable, "-m", "convkit", "warmup", "--dtype", "f32"],
                         capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "'f32'" in bad.stderr


@pytest.mark.parametrize("ndim", [1, 2, 3])
def test_each_dimensionality_has_direct_items(ndim):
    assert any(f"{ndim}-D" in label and "direct" in label for label, _ in W.work_items(("float64",), (ndim,)))


def test_fft_items_cover_both_engines_in_float_dtypes_only():
    labels = [label for label, _ in W.fft_items([((100,), (7,))], ("float32", "complex128", "int64"))]
    assert labels == ["float32 fft plan (100,) x (7,) full", "float32 oa plan (100,) x (7,) full",
                      "complex128 fft plan (100,) x (7,) full", "complex128 oa plan (100,) x (7,) full"]
    with pytest.raises(ValueError, match="fft_shapes entries"):
        W.fft_items([((100,),)])


@pytest.mark.parametrize("entry,call", [
    (((3001,), (257,)), lambda a, b: convkit.fftconvolve(a, b)),
    (((96, 80), (9, 7), "same"), lambda a, b: convkit.fftconvolve(a, b, "same")),
    (((6, 5000), (1, 129), "valid", -1), lambda a, b: convkit.oaconvolve(a, b, "valid", axes=-1)),
])
def test_fft_shapes_are_planned_before_the_call(entry, call, monkeypatch):
    from convkit._engines import _fft_plans

    _fft_plans.clear_plans()
    W.warmup(("float64",), (), fft_shapes=[entry])
    planned = []
    real_plan = _fft_plans._plan
    monkeypatch.setattr(_fft_plans, "_plan", lambda key, factory: planned.append(key) or real_plan(key, factory))
    rng = np.random.default_rng(3)
    out = call(rng.standard_normal(entry[0]), rng.standard_normal(entry[1]))
    assert planned == [] and np.isfinite(out).all()


def test_measure_plans_only_on_request_and_only_in_the_warming_thread(monkeypatch):
    import threading

    from convkit._engines import _fft_plans

    efforts = []
    real = _fft_plans.make_fftw
    monkeypatch.setattr(_fft_plans, "make_fftw",
                        lambda *a, **k: efforts.append((threading.current_thread().name, a[4])) or real(*a, **k))
    monkeypatch.setitem(_fft_plans._wisdom, "enabled", False)      # no wisdom file written
    # these short transforms run FFTW too (pocketfft takes them by default: no plans at all)
    monkeypatch.setattr(_tuning, "FFT_POCKET_MAX_LEN", {"real": 0, "complex": 0})
    _fft_plans.clear_plans()
    try:
        W.warmup(("float64",), (), fft_shapes=[((70,), (5,))])
        assert efforts and {e for _, e in efforts} == {"FFTW_ESTIMATE"}
        efforts.clear()
        other = []

        def user_call():          # another thread's call while the warm-up measures
            other.append(convkit.fftconvolve(np.ones(90), np.ones(6)))
        with _fft_plans.force_measure():
            t = threading.Thread(target=user_call, name="user")
            t.start()
            t.join()
        W.warmup(("float64",), (), fft_shapes=[((70,), (5,))], measure=True)
        assert {e for name, e in efforts if name == "user"} == {"FFTW_ESTIMATE"}
        assert {e for name, e in efforts if name != "user"} == {"FFTW_MEASURE"}
    finally:
        _fft_plans.clear_plans()


def test_fft_lengths_item_plans_the_real_lengths(monkeypatch):
    from convkit._engines import _fft_fill
    from convkit._engines._fft_sizes import next_fast_len

    got = []
    monkeypatch.setattr(_fft_fill, "plan_ahead", lambda lengths: got.append(list(lengths)) or len(lengths))
    done = W.warmup(("float64",), (), fft_lengths=3000)
    assert [label for label, _ in done] == [f"FFT plans: 1-D real lengths up to 3000 ({len(got[0])})"]
    # every length a 1-D real call up to 3000 can ask for that FFTW transforms (pocketfft takes
    # the short ones, no plan needed), and nothing else
    fftw_min = _tuning.FFT_POCKET_MAX_LEN["real"]
    assert got[0] == sorted({next_fast_len(n, True) for n in range(2, 3001)} - set(range(fftw_min + 1)))
    assert got[0] and got[0][0] > fftw_min
    assert W.warmup(("float64",), ()) == []


def _running_overloads():
    """Compiled signatures of every Numba dispatcher in convkit._running."""
    from numba.core.registry import CPUDispatcher

    from convkit import _running
    return {name: set(obj.overloads) for name, obj in vars(_running).items() if isinstance(obj, CPUDispatcher)}


def test_image_items_follow_real_dtypes_and_image_ndims():
    labels = [label for label, _ in W.image_items(("float32", "complex128", "uint8"), (1, 2, 3))]
    assert labels and not any("complex" in label for label in labels)
    assert not any("1-D" in label for label in labels)
    for dtype in ("float32", "uint8"):
        for ndim in (2, 3):
            assert any(label.startswith(f"{dtype} match_template {ndim}-D") for label in labels)
            assert any(label.startswith(f"{dtype} ndimage {ndim}-D gaussian_filter") for label in labels)


def test_image_warmup_compiles_what_a_later_filter_call_runs():
    """After warmup(images=True), these filter calls add no compiled signature to any pass kernel."""
    W.warmup(("float64",), (2,), images=True)
    before = _running_overloads()
    assert sum(map(len, before.values())) > 0
    rng = np.random.default_rng(0)
    img = rng.random((40, 3000))
    convkit.ndimage.gaussian_filter(img, 2.0)
    convkit.ndimage.uniform_filter(img, 7)
    convkit.ndimage.correlate1d(img, [1.0, -2.0, 1.0], axis=0)
    convkit.ndimage.correlate(rng.random((20, 20)), rng.random((3, 3)))
    convkit.match_template(rng.random((30, 30)), rng.random((5, 5)))
    assert _running_overloads() == before


def test_limb_item_runs_the_limb_path_and_warms_its_kernels():
    """The integer item is a call the limb plan runs (not direct), and afterwards the limb kernels exist."""
    from convkit import _execute_limbs
    label, call = next(item for item in W.work_items(("int64",), (1,)) if "limbs" in item[0])
    rng = np.random.default_rng(0)
    a = rng.integers(-(2**23), 2**23, 4096)
    b = rng.integers(-(2**23), 2**23, 1025)
    assert "limb" in str(convkit.choose_method(a, b, "full"))
    out = call()
    np.testing.assert_array_equal(out, np.convolve(a, b))   # numpy's int64 sums are exact here
    assert _execute_limbs._compiled is not None
