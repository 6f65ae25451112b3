"""The committed generated kernels are exactly the generator's output (no Numba import needed)."""
import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _generator():
    spec = importlib.util.spec_from_file_location("gen_direct_kernels", os.path.join(ROOT, "tools", "gen_direct_kernels.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_kernels_are_current():
    gen = _generator()
    with open(gen.TARGET) as f:
        committed = f.read()
    assert committed == gen.source(), "run: python tools/gen_direct_kernels.py"


def test_generated_kernels_import_nothing():
    """The generated module is plain Python functions: ``_compiled`` compiles each one on first use."""
    gen = _generator()
    lines = gen.source().splitlines()
    assert not [ln for ln in lines if ln.startswith(("import ", "from ", "@"))]


def test_every_row_block_of_every_cpu_table_has_its_kernel():
    from convkit import _tuning
    from convkit._engines.direct._tiling import row_block_name
    text = _generator().source()
    for regs, table in _tuning.DIRECT_ROW_BLOCKS.items():
        for k, (rows, groups) in table.items():
            assert f"def {row_block_name(k, rows, groups)}(o, ostride, x, xstride, w, n):" in text, (regs, k)
