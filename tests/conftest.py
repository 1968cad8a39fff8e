"Shared fixtures: where the shared data lives, and a tiny random BERT for quick logic tests."
import os
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault('KTRAIN_LIT_DATA', str(ROOT.parent/'shared'/'data'))

@pytest.fixture(scope='session')
def data():
    d = Path(os.environ['KTRAIN_LIT_DATA'])
    if not d.is_dir(): pytest.fail(f"The shared data sets are missing at {d}: set KTRAIN_LIT_DATA.")
    return d

@pytest.fixture(scope='session')
def tiny(tmp_path_factory):
    from ktrain_lit.models import tiny_checkpoint
    return tiny_checkpoint(tmp_path_factory.mktemp('ckpt')/'tiny-bert')

@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path, monkeypatch):
    "Run each test in its own temporary folder: ktrain's calls write beside the caller (`validate(print_report=False)` "
    "writes ktrain_classification_report.csv, as ktrain does) and must not leave files in the checkout."
    monkeypatch.chdir(tmp_path)
