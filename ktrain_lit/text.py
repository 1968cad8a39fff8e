# ktrain's `text` namespace: `from ktrain_lit import text`, then `text.texts_from_folder(...)`, `text.transformer(...)`.
#
# Written by hand: it only gathers names from the generated modules (`data`, `tokenizer`, `checkpoints`, `models`, `classic`,
# `embeddings`, `datasets`). A comment, not a docstring: nbdev 3.3's export lists every module with a docstring in the
# package's `__init__.py` docstring, replacing the hand-written one there.
from .data import texts_from_array, texts_from_csv, texts_from_df, texts_from_folder, TextPreprocessor, load_preprocessor
from .data import detect_lang, is_chinese, is_nospace_lang, segment_chinese, word_ids
from .texts import WordIds
from .tokenizer import TransformerTokenizer
from .checkpoints import resolve_checkpoint
from .models import Transformer, TransformerClassifier, transformer, print_transformers
from .classic import text_classifier, text_regression_model, print_text_classifiers, print_text_regression_models
from .embeddings import TransformerEmbedding
from . import datasets   # `text.datasets.imdb()`, `text.datasets.twenty_newsgroups()`

__all__ = ['texts_from_array', 'texts_from_csv', 'texts_from_df', 'texts_from_folder', 'TextPreprocessor',
           'TransformerTokenizer', 'load_preprocessor', 'resolve_checkpoint', 'Transformer', 'TransformerClassifier', 'transformer', 'print_transformers', 'datasets',
           'text_classifier', 'text_regression_model', 'print_text_classifiers', 'print_text_regression_models',
           'TransformerEmbedding', 'detect_lang', 'is_chinese', 'is_nospace_lang', 'segment_chinese', 'word_ids', 'WordIds']
