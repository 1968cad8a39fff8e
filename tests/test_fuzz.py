"""Property-based fuzzing of the public API with Hypothesis (issue 15).

Properties:
- no exception type other than the library's documented ones (ValueError, TypeError, FileNotFoundError,
  FileExistsError) escapes `Predictor.predict`, `OnnxPredictor.predict`, `TransformerTokenizer.encode` or
  `texts_from_array`, whatever they are given;
- `predict` on any valid string (or list of them) returns a valid answer: probabilities finite, in [0, 1] and
  summing to 1 for classification, in [0, 1] for multi-label, finite for regression; the same answer for a text
  alone or in a list, in any order;
- a string that is not valid Unicode (a lone surrogate) is refused with a ValueError naming its index;
- the ONNX export answers as the Keras model does, within `ONNX_TOL` (1e-4);
- the tokenizer never returns more than `maxlen` ids, nor fewer than one;
- a loader either loads what it was given (every text kept, no missing or non-finite target) or says why not.

The default profile (`ci`) is short and derandomized, so CI runs are reproducible: 50 examples a test,
the whole file in about 30 s on 2 cores. `make fuzz` selects the `fuzz` profile (HYPOTHESIS_PROFILE=fuzz):
1000 random examples a test, with failures kept in ~/.cache/ktrain_lit/hypothesis to be replayed first next time.
"""
import math, os, re, warnings
from pathlib import Path
import numpy as np, pytest
from hypothesis import given, settings, note, event, HealthCheck, strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example, HealthCheck.function_scoped_fixture]
settings.register_profile('ci', max_examples=50, deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_OK)
settings.register_profile('fuzz', max_examples=1000, deadline=None, suppress_health_check=SLOW_OK,
                          database=DirectoryBasedExampleDatabase(Path.home()/'.cache'/'ktrain_lit'/'hypothesis'))
FUZZ = settings.get_profile(os.environ.get('HYPOTHESIS_PROFILE', 'ci'))   # a decorator: only this file's tests use it
DOCUMENTED = (ValueError, TypeError, FileNotFoundError, FileExistsError)

# ---------------------------------------------------------------- strategies

HOSTILE = ['\x00', '\x01', '\x1b[31m', '\x7f', '\x85', '\u202e', '\u202d', '\u200f', '\u200e', '\u200b', '\u200c', '\u200d', '\u2028',
           '\u0301', '\u0336', '\ufeff', '\ufffd', '\uffff', '\ufdd0', '\U0010ffff', '\ue000', '👍🏽', '👨‍👩‍👧', '🇫🇷', ' ', '\t', '\n', '\r\n',
           '\u3000', '\xa0', '[SEP]', '[CLS]', '[PAD]', '[UNK]', '[MASK]', '##', '##ing', '<s>', '</s>', 'é', 'ß', 'İ', 'ﬁ', '日本語', 'ไทย',
           'עברית', 'مرحبا', 'word', 'a', '.', '!?', 'http://x.y/z?a=1', '\ud800', '\udfff', '\ud83d\ude42']
any_char = st.characters(codec=None, exclude_categories=())   # every code point, lone surrogates (category Cs) included

def _long(piece, n):
    "A string of exactly `n` characters made of `piece` repeated."
    return (piece * (n // len(piece) + 1))[:n]

long_text = st.builds(_long, st.sampled_from([p for p in HOSTILE if p] + ['word ', 'a', 'x y ']), st.integers(0, 1_000_000))   # up to 1 MB
short_texts = st.one_of(st.text(any_char, max_size=100), st.lists(st.sampled_from(HOSTILE), max_size=30).map(''.join),
                        st.text(st.characters(codec='utf-8'), max_size=200))
texts = short_texts | long_text
text_lists = st.lists(short_texts, min_size=1, max_size=12) | st.lists(texts, min_size=1, max_size=2)   # at most two long texts at once

def lone_surrogate(s:str) -> bool:
    try: s.encode('utf-8'); return False
    except UnicodeEncodeError: return True

def first_bad(xs:list):
    return next((i for i, s in enumerate(xs) if lone_surrogate(s)), None)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
                    st.binary(max_size=20), short_texts, st.just(np.nan), st.just(np.int64(3)), st.just(np.str_('np text')))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.tuples(inner, inner), st.tuples(inner), st.dictionaries(st.text(max_size=5), inner, max_size=3),
    st.frozensets(st.text(max_size=5), max_size=3), st.lists(inner, max_size=5).map(iter), st.lists(inner, max_size=5).map(lambda xs: (x for x in xs)),
    st.lists(st.text(max_size=5), max_size=4).map(lambda xs: np.array(xs, dtype=object)),
    st.lists(st.text(max_size=5), max_size=4).map(np.array), st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3).map(np.array)),
    max_leaves=12)

# ---------------------------------------------------------------- the tiny models, built once

@pytest.fixture(scope='module')
def predictors(tiny):
    "A tiny random BERT for each task, its head weights scaled up so that answers vary from text to text."
    import ktrain_lit
    from ktrain_lit import text
    out = {}
    for task, names in (('classification', ['neg', 'pos', 'neutral']), ('multilabel', ['a', 'b', 'c']), ('regression', None)):
        model = text.transformer('bert', tiny, maxlen=32, class_names=names, task=task, seed=0)
        model.head.set_weights([w * 30 for w in model.head.get_weights()])
        out[task] = ktrain_lit.get_predictor(model)
    return out

@pytest.fixture(scope='module')
def onnx_predictor(predictors, tmp_path_factory):
    pytest.importorskip('onnxruntime'); pytest.importorskip('tf2onnx')
    from ktrain_lit.export import export
    from ktrain_lit.onnx_predictor import OnnxPredictor
    folder = export(predictors['classification'].model, tmp_path_factory.mktemp('onnx')/'tiny', 'onnx')
    return OnnxPredictor(folder)

def check_answer(task, p, n):
    "`p` is a valid output for `n` texts of a `task` model."
    assert p.shape[0] == n and np.isfinite(p).all(), p
    if task == 'classification':
        assert ((p >= 0) & (p <= 1)).all(), p
        np.testing.assert_allclose(p.sum(1), 1, atol=1e-5)
    elif task == 'multilabel': assert ((p >= 0) & (p <= 1)).all(), p

# ---------------------------------------------------------------- predict

@FUZZ
@given(s=texts, task=st.sampled_from(['classification', 'multilabel', 'regression']))
def test_predict_one_text(predictors, s, task):
    "One string: a valid answer, or (a lone surrogate) a ValueError naming it."
    p = predictors[task]
    if lone_surrogate(s):
        with pytest.raises(ValueError, match=r'`texts\[0\]` holds a lone surrogate'): p.predict(s)
        return
    proba = p.predict(s, return_proba=True)
    assert proba.ndim == 1
    check_answer(task, proba[None], 1)
    label = p.predict(s)
    if task == 'classification': assert label == p.class_names[int(proba.argmax())]
    elif task == 'multilabel':   # every (class, probability) pair, in class order, as ktrain (no threshold by default)
        assert [c for c, _ in label] == p.class_names and np.allclose([v for _, v in label], proba, atol=1e-6)
    else: assert math.isfinite(label)

@FUZZ
@given(xs=text_lists)
def test_predict_many_texts(predictors, xs):
    "A list: one valid row per text, in the order given (the same rows reversed), each as if predicted alone."
    p = predictors['classification']
    bad = first_bad(xs)
    if bad is not None:
        with pytest.raises(ValueError, match=rf'`texts\[{bad}\]` holds a lone surrogate'): p.predict(xs)
        return
    proba = p.predict(xs, return_proba=True)
    check_answer('classification', proba, len(xs))
    np.testing.assert_allclose(p.predict_proba(xs[::-1])[::-1], proba, atol=1e-5)
    np.testing.assert_allclose(p.predict_proba(xs[0]), proba[0], atol=1e-5)
    assert p.predict(iter(xs)) == p.predict(xs)

@FUZZ
@given(x=anything)
def test_predict_anything(predictors, x):
    "Whatever is passed, `predict` answers validly or raises a documented error."
    note(repr(x)[:300])
    try: proba = predictors['classification'].predict(x, return_proba=True)
    except DOCUMENTED as e:
        assert str(e) and ('`texts' in str(e)), e   # the message names the argument
        return
    check_answer('classification', np.atleast_2d(proba), np.atleast_2d(proba).shape[0])

@FUZZ
@given(a=texts, b=texts)
def test_predict_pairs(predictors, a, b):
    "A model that has not seen data reads a `(text_a, text_b)` tuple as one pair: valid answer, or the surrogate named."
    p = predictors['classification']
    try: proba = p.predict_proba([(a, b)])
    except ValueError as e:
        assert lone_surrogate(a) or lone_surrogate(b)
        assert '`texts[0][' in str(e) and 'lone surrogate' in str(e)
        return
    assert not (lone_surrogate(a) or lone_surrogate(b))
    check_answer('classification', proba, 1)

@FUZZ
@given(threshold=scalars)
def test_predict_threshold(predictors, onnx_predictor, threshold):
    "`threshold` is a number strictly between 0 and 1, or a ValueError naming it (Keras and ONNX alike)."
    for p in (predictors['multilabel'], onnx_predictor):
        try: out = p.predict(['a text'], threshold=threshold)
        except ValueError as e: assert '`threshold`' in str(e); continue
        assert threshold is None or 0 < threshold < 1
        if p is predictors['multilabel']:   # `None`: every pair; a number: only the pairs above it
            want = [(c, v) for c, v in zip(p.class_names, p.predict_proba('a text')) if threshold is None or v > threshold]
            assert [c for c, _ in out[0]] == [c for c, _ in want] and np.allclose([v for _, v in out[0]], [v for _, v in want], atol=1e-6)

# ---------------------------------------------------------------- ONNX

@FUZZ
@given(xs=text_lists, pairs=st.booleans())
def test_onnx_agrees_with_keras(predictors, onnx_predictor, xs, pairs):
    "The ONNX export answers as Keras does within ONNX_TOL (texts or pairs), and refuses what Keras refuses."
    from ktrain_lit.export import ONNX_TOL
    batch = [(a, b) for a, b in zip(xs, xs[::-1])] if pairs else xs
    bad = first_bad(xs)
    if bad is not None:
        i = next(i for i, t in enumerate(batch) if any(map(lone_surrogate, [t] if isinstance(t, str) else t)))
        where = f'`texts[{i}]' + (f'[{int(not lone_surrogate(batch[i][0]))}]`' if pairs else '`')
        for p in (onnx_predictor, predictors['classification']):
            with pytest.raises(ValueError, match=re.escape(where + ' holds a lone surrogate')): p.predict(batch)
        return
    got, want = onnx_predictor.predict(batch, return_proba=True), predictors['classification'].predict(batch, return_proba=True)
    check_answer('classification', got, len(xs))
    np.testing.assert_allclose(got, want, atol=ONNX_TOL)
    assert onnx_predictor.predict(batch[0]) == onnx_predictor.class_names[int(np.argmax(got[0]))]

@FUZZ
@given(x=anything)
def test_onnx_anything(onnx_predictor, x):
    note(repr(x)[:300])
    try: proba = onnx_predictor.predict(x, return_proba=True)
    except DOCUMENTED as e: assert '`texts' in str(e), e; return
    check_answer('classification', np.atleast_2d(proba), np.atleast_2d(proba).shape[0])

# ---------------------------------------------------------------- the tokenizer

@pytest.fixture(scope='module')
def tokenizers(tiny):
    from ktrain_lit.tokenizer import TransformerTokenizer
    return {n: TransformerTokenizer(tiny, maxlen=n) for n in (4, 5, 16, 512)}

@FUZZ
@given(xs=text_lists, maxlen=st.sampled_from([4, 5, 16, 512]), pairs=st.booleans())
def test_tokenizer_encode(tokenizers, xs, maxlen, pairs):
    "At most `maxlen` ids, at least one, all in the vocabulary, as `tokenizers` itself makes them; a lone surrogate named by index."
    tok = tokenizers[maxlen]
    batch = [(a, b) for a, b in zip(xs, xs[1:] + xs[:1])] if pairs else xs
    bad = first_bad(xs)
    try: enc = tok.encode(batch)
    except ValueError as e:
        assert bad is not None and 'lone surrogate' in str(e), e
        return
    assert bad is None
    size = tok.tokenizer.get_vocab_size()
    for ids, seg in enc:
        assert 1 <= len(ids) <= maxlen and ((ids >= 0) & (ids < size)).all()
        assert seg is None or (len(seg) == len(ids) and set(seg.tolist()) <= {0, 1})
    if sum(map(len, xs)) < 3000:   # short enough for `tokenizers`' own pair truncation (its cost grows as the product of the lengths)
        assert [(ids.tolist(), [0] * len(ids) if seg is None else seg.tolist()) for ids, seg in enc] == \
               [(e.ids or [tok.empty_id], e.type_ids or [0]) for e in tok.tokenizer.encode_batch(batch)]

@FUZZ
@given(x=anything)
def test_tokenizer_anything(tokenizers, x):
    try: tokenizers[16].encode(x)
    except DOCUMENTED as e: assert '`texts' in str(e), e

# ---------------------------------------------------------------- loaders

label_values = st.one_of(st.integers(-3, 5), st.booleans(), st.sampled_from(['pos', 'neg', '', ' ', '\x00', 'é', '1', '0', 'nan']),
                         st.floats(allow_nan=True, allow_infinity=True), st.none(), st.just(np.nan), st.just(np.float32(1.5)))
def label_arrays(n):
    "Labels for `n` texts, of every form, good and bad: one kind or mixed, 1-D, one/multi-hot rows (of any width, ragged), wrong lengths."
    k = st.integers(1, 4)
    return st.one_of(
        st.lists(st.integers(0, 3), min_size=n, max_size=n), st.lists(st.sampled_from(['pos', 'neg', 'neutral']), min_size=n, max_size=n),
        st.lists(st.floats(-10, 10), min_size=n, max_size=n), st.lists(label_values, min_size=n, max_size=n),
        st.lists(label_values, min_size=0, max_size=n + 2),
        k.flatmap(lambda k: st.lists(st.lists(st.integers(0, 1), min_size=k, max_size=k), min_size=n, max_size=n)),
        st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=4), min_size=n, max_size=n),   # ragged, or not 0/1
        st.lists(st.lists(label_values, min_size=2, max_size=2), min_size=n, max_size=n),
        k.flatmap(lambda k: st.lists(st.lists(st.integers(0, 1), min_size=k, max_size=k), min_size=n, max_size=n)).map(np.array))

loader_texts = st.lists(st.text(st.characters(codec='utf-8'), max_size=40) | st.sampled_from(['good film', 'bad film', 'fine', '\x00', '']),
                        min_size=1, max_size=12)

@FUZZ
@given(data=st.data())
def test_texts_from_array(data, tiny):
    "Any labels and arguments: loaded whole and right, or a documented error."
    from ktrain_lit.data import texts_from_array
    xs = data.draw(loader_texts, 'x_train')
    y = data.draw(label_arrays(len(xs)), 'y_train')
    kw = data.draw(st.fixed_dictionaries({}, optional=dict(
        val_pct=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0, 1, 0.5, -0.1, '0.1', None])),
        maxlen=st.one_of(st.integers(-2, 600), st.sampled_from([2.5, None, '32', True, np.int64(16)])),
        class_names=st.one_of(st.lists(st.text(max_size=5), max_size=5), st.sampled_from([None, 'pos', ['neg', 'neg'], [0, 1], ('a', 'b')])),
        max_features=st.one_of(st.integers(-1, 50), st.just(0.5)),
        ngram_range=st.one_of(st.integers(0, 4), st.sampled_from([(1, 2), 1.0, None])),
        random_state=st.one_of(st.none(), st.integers(0, 2**31), st.just(-1), st.just('seed')),
        is_regression=st.one_of(st.booleans(), st.just('yes')),
        preprocess_mode=st.sampled_from(['standard', 'standard', str(tiny), 'bertt', '']))), 'kwargs')
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try: (xt, yt), (xv, yv), preproc = texts_from_array(xs, y, verbose=0, **kw)
        except DOCUMENTED as e:
            assert '`' in str(e), f'the message names no argument: {type(e).__name__}: {e}'
            event(f'refused: {type(e).__name__}: {str(e)[:40]}')
            return
    event('loaded')
    ya = np.asarray(y, dtype=object) if not isinstance(y, np.ndarray) else y
    flat = [v for row in (ya.tolist() if ya.ndim else [ya.item()]) for v in (row if isinstance(row, list) else [row])]
    assert not any(v is None or (isinstance(v, float) and math.isnan(v)) for v in flat), 'missing labels were loaded silently'
    assert len(xt) + len(xv) == len(xs), 'texts were lost'
    assert len(xt) == len(yt) and len(xv) == len(yv)
    for t in (yt, yv):
        t = np.asarray(t)
        if t.dtype.kind in 'fc': assert np.isfinite(t).all(), f'non-finite targets were loaded: {t}'
