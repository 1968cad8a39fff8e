"""ktrain's low-code workflow for transformer text models, on Keras 3 + keras-hub + TensorFlow.

A ktrain user changes one line: `import ktrain_lit as ktrain` (and `from ktrain_lit import text`).
This file is written by hand; the modules it imports are generated from `nbs/` by `nbdev-export`.

The package imports lazily: `ktrain_lit.onnx_predictor` (ONNX Runtime + `tokenizers` only) must import on a
machine without TensorFlow, so TensorFlow is loaded the first time a name below is used (or a submodule
that needs it is imported).
"""
__version__ = "0.1.0"

__all__ = ['Learner', 'ArrayLearner', 'get_learner', 'release_gpu_memory', 'Predictor', 'get_predictor', 'load_predictor', 'top_losses_explorer',
           'export_onnx', 'export_tflite', 'export_savedmodel', 'export_tfjs', 'distribute', 'text']

def _load():
    "Import the TensorFlow side: the learner, the predictor, and every lesson that adds methods to them (`core.EXTENSIONS`)."
    from importlib import import_module   # not `from . import`: that would ask `__getattr__` for 'text' again
    import_module(f'{__name__}.core').load_extensions()
    learner, predictor, text, export, tfjs, widgets, dist = (import_module(f'{__name__}.{m}') for m in
                                                              ('learner', 'predictor', 'text', 'export', 'tfjs', 'widgets', 'distributed'))
    globals().update(Learner=learner.Learner, ArrayLearner=learner.ArrayLearner, get_learner=learner.get_learner,
                     release_gpu_memory=learner.release_gpu_memory, Predictor=predictor.Predictor,
                     get_predictor=predictor.get_predictor, load_predictor=predictor.load_predictor,
                     top_losses_explorer=widgets.top_losses_explorer, export_onnx=export.export_onnx,
                     export_tflite=export.export_tflite, export_savedmodel=export.export_savedmodel, export_tfjs=tfjs.export_tfjs,
                     distribute=dist.distribute, text=text)

def __getattr__(name):
    if name in __all__:
        _load()
        return globals()[name]
    raise AttributeError(f"module 'ktrain_lit' has no attribute {name!r}")
