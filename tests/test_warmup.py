"""convkit._warmup: which paths it warms, its progress report, and the CLI."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from convkit import _warmup as W


def test_items_follow_dtypes_and_ndims():
    items = W.work_items(("float32",), (2,))
    labels = [label for label, _ in items]
    assert labels and all(label.startswith("float32") for label in labels)
    assert any("direct 2-D 3x3" in label for label in labels)
    assert any(label.endswith("fft 2-D") for label in labels) and any(label.endswith("oa 2-D") for label in labels)
    assert not any("1-D" in label or "3-D" in label for label in labels)
    # integers warm only the direct engine (their FFT path is float64's)
    assert all(" direct " in label for label, _ in W.work_items(("int64",), (1, 2, 3)))


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
