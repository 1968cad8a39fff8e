"""ktrain's low-code workflow for transformer text models, on Keras 3 + keras-hub + TensorFlow.

A ktrain user changes one line: `import ktrain_lit as ktrain` (and `from ktrain_lit import text`).
This file is written by hand; the modules it imports are generated from `nbs/` by `nbdev-export`.
"""
__version__ = "0.1.0"

from .learner import Learner, get_learner
from . import evaluation as _evaluation, lr_finder as _lr_finder   # add `validate`, `view_top_losses`, `lr_find`, ... to `Learner`
from .predictor import Predictor, get_predictor, load_predictor
from . import export as _export  # adds `model.save(folder)` (SavedModel) and the `export_to_*` methods
from . import text

__all__ = ['Learner', 'get_learner', 'Predictor', 'get_predictor', 'load_predictor', 'text']
