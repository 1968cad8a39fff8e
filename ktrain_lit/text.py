"""ktrain's `text` namespace: `from ktrain_lit import text`, then `text.texts_from_folder(...)`, `text.transformer(...)`.

Written by hand: it only gathers names from the generated modules (`data`, `tokenizer`, `checkpoints`, `models`, `classic`, `datasets`).
"""
from .data import texts_from_array, texts_from_csv, texts_from_df, texts_from_folder, TextPreprocessor, load_preprocessor
from .tokenizer import TransformerTokenizer
from .checkpoints import resolve_checkpoint
from .models import Transformer, TransformerClassifier, transformer, print_transformers
from .classic import text_classifier, text_regression_model, print_text_classifiers, print_text_regression_models
from . import datasets   # `text.datasets.imdb()`, `text.datasets.twenty_newsgroups()`

__all__ = ['texts_from_array', 'texts_from_csv', 'texts_from_df', 'texts_from_folder', 'TextPreprocessor',
           'TransformerTokenizer', 'load_preprocessor', 'resolve_checkpoint', 'Transformer', 'TransformerClassifier', 'transformer', 'print_transformers', 'datasets',
           'text_classifier', 'text_regression_model', 'print_text_classifiers', 'print_text_regression_models']
