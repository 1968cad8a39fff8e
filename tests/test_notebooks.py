"Run every notebook in nbs/ as one pytest test: the notebooks are the lessons and their checks."
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_nb   # renamed so that pytest does not collect it as a test

NBS = sorted(p for p in (Path(__file__).parent.parent/'nbs').glob('*.ipynb') if not p.name.startswith('_'))

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    ok, secs = run_nb(nb.resolve(), skip_flags=['slow'], cell_timeout=1200)
    assert ok, f"{nb.name} failed (its traceback is printed above)"
