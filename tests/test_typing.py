"""Type hints on the public API (issue 15, item 7): ``py.typed`` promises them, these tests keep the promise.

The public API is every name in ``convkit.__all__`` (the modules among them walked through their own
``__all__``), ``convkit.dask``, and the public methods and properties of the classes among them.
Every one annotates all its parameters and its return, the annotations resolve with
``typing.get_type_hints`` (every name importable where the function is defined), and the defining
module keeps ``from __future__ import annotations`` (nothing evaluated at import). The ``Literal``
values of the modes and methods are checked against what the functions accept.
"""

from __future__ import annotations
import __future__

import importlib
import importlib.util
import inspect
import typing
from collections.abc import Callable

import numpy as np
import pytest

import convkit
from convkit import _typing

HAS_DASK = importlib.util.find_spec("dask") is not None

# the methods a class exposes besides its public names
_DUNDERS = ("__init__", "__call__")


def _members(prefix: str, cls: type) -> list[tuple[str, Callable]]:
    """The public methods (and the getters of the public properties) of ``cls``."""
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_") and name not in _DUNDERS:
            continue
        if isinstance(value, property):
            out.append((f"{prefix}.{name}", value.fget))
        elif inspect.isfunction(value):
            out.append((f"{prefix}.{name}", value))
    return out


def _walk(prefix: str, module) -> list[tuple[str, Callable]]:
    out = []
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.ismodule(obj):
            out += _walk(f"{prefix}.{name}", obj)
        elif inspect.isclass(obj):
            out += _members(f"{prefix}.{name}", obj)
        else:
            out.append((f"{prefix}.{name}", obj))
    return out


def public_callables() -> list[tuple[str, Callable]]:
    """``(dotted name, function)`` for the whole public API (convkit.dask only where dask is installed)."""
    found = _walk("convkit", convkit)
    if HAS_DASK:
        found += _walk("convkit.dask", importlib.import_module("convkit.dask"))
    return found


PUBLIC = public_callables()


def missing_annotations(func: Callable) -> list[str]:
    """The parameters of ``func`` (``self`` aside) without an annotation, then ``'return'`` if it has none."""
    sig = inspect.signature(func)
    missing = [name for i, (name, p) in enumerate(sig.parameters.items())
               if p.annotation is inspect.Parameter.empty and not (i == 0 and name == "self")]
    if sig.return_annotation is inspect.Signature.empty:
        missing.append("return")
    return missing


def test_missing_annotations_finds_what_lacks_one():
    def half(self, a: int, b, *args, c: int = 0, **kwargs): ...

    def whole(a: int, *, b: str = "") -> None: ...

    assert missing_annotations(half) == ["b", "args", "kwargs", "return"]
    assert missing_annotations(whole) == []
    assert missing_annotations(lambda self: 0) == ["return"]


def test_the_walk_reaches_every_part_of_the_public_api():
    names = {name for name, _ in PUBLIC}
    expected = {"convkit.convolve", "convkit.choose_conv_method", "convkit.set_workers", "convkit.warmup",
                "convkit.ndimage.gaussian_filter", "convkit.kernels.box", "convkit.Plan.__init__",
                "convkit.Plan.__call__", "convkit.StreamConvolver.__init__", "convkit.StreamConvolver.feed",
                "convkit.StreamConvolver.flush", "convkit.StreamConvolver.nbytes"}
    if HAS_DASK:
        expected.add("convkit.dask.oaconvolve")
    assert expected <= names, sorted(expected - names)
    assert not any(name.rsplit(".", 1)[1].startswith("_") and not name.endswith(_DUNDERS) for name in names)


def test_every_public_callable_annotates_its_parameters_and_return():
    lacking = {name: missing for name, func in PUBLIC if (missing := missing_annotations(func))}
    assert not lacking, "public callables without annotations: " + "; ".join(
        f"{name} ({', '.join(missing)})" for name, missing in sorted(lacking.items()))


@pytest.mark.parametrize("name, func", PUBLIC, ids=[name for name, _ in PUBLIC])
def test_type_hints_resolve(name, func):
    hints = typing.get_type_hints(func)     # raises NameError for a name its module does not import
    params = [p for i, p in enumerate(inspect.signature(func).parameters) if not (i == 0 and p == "self")]
    assert set(hints) == {*params, "return"}, name


@pytest.mark.parametrize("module", sorted({inspect.getmodule(func).__name__ for _, func in PUBLIC}))
def test_defining_modules_postpone_annotations(module):
    # annotations stay strings: resolving them costs nothing at import
    assert getattr(importlib.import_module(module), "annotations", None) is __future__.annotations


def _values(alias) -> list[str]:
    return list(typing.get_args(alias))


def test_literal_aliases_are_the_literals_of_the_signatures():
    hints = typing.get_type_hints(convkit.convolve)
    assert _values(hints["mode"]) == ["full", "valid", "same"]
    assert _values(hints["method"]) == ["auto", "direct", "fft", "oa"]


@pytest.mark.parametrize("mode", _values(_typing.Mode))
@pytest.mark.parametrize("method", _values(_typing.Method))
def test_every_mode_and_method_literal_is_accepted(mode, method):
    out = convkit.convolve(np.arange(6.0), np.ones(3), mode=mode, method=method)
    assert out.shape == {"full": (8,), "valid": (4,), "same": (6,)}[mode]


@pytest.mark.parametrize("boundary", _values(_typing.Boundary))
def test_every_boundary_literal_is_accepted(boundary):
    assert convkit.convolve2d(np.ones((4, 4)), np.ones((2, 2)), boundary=boundary).shape == (5, 5)


@pytest.mark.parametrize("mode", _values(_typing.NdMode))
def test_every_ndimage_mode_literal_is_accepted(mode):
    import convkit.ndimage

    assert convkit.ndimage.correlate1d(np.arange(6.0), [1.0, 2.0, 1.0], mode=mode).shape == (6,)


@pytest.mark.parametrize("mode", _values(_typing.PadMode))
def test_every_pad_mode_literal_is_accepted(mode):
    image = np.arange(36.0).reshape(6, 6) ** 1.5
    assert convkit.match_template(image, image[:3, :3], pad_input=True, mode=mode).shape == (6, 6)


@pytest.mark.parametrize("method", _values(_typing.StreamMethod))
@pytest.mark.parametrize("partition", _values(_typing.Partition))
def test_every_stream_literal_is_accepted(method, partition):
    sc = convkit.StreamConvolver(np.ones(3), method=method, partition=partition, block_size=4)
    assert sc.feed(np.ones(8)).shape[0] + sc.flush().shape[0] == 10


def test_the_typing_example_runs(capsys):
    # tests/typing_example.py is what mypy checks by hand (no mypy in CI): it must stay a working program
    import typing_example

    typing_example.main()
    assert capsys.readouterr().out.strip() in ("direct", "fft", "oa")
