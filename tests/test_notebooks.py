"""Run every notebook in nbs/ as one pytest test: the notebooks are the lessons and their checks.

Each notebook runs through `nbdev.test.test_nb` in a fresh Python process: TensorFlow keeps memory that an
in-process run never gives back, and one process running all the lessons one after the other grew past 16 GB."""
import subprocess, sys
from pathlib import Path
import pytest

NBS = sorted(p for p in (Path(__file__).parent.parent/'nbs').glob('*.ipynb') if not p.name.startswith('_'))
RUN = ("import sys; from nbdev.test import test_nb as run_nb; "   # renamed so that pytest does not collect it as a test
       "ok, secs = run_nb(sys.argv[1], skip_flags=['slow'], cell_timeout=1200); sys.exit(0 if ok else 1)")

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    r = subprocess.run([sys.executable, '-c', RUN, str(nb.resolve())], capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, f"{nb.name} failed:\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}"
