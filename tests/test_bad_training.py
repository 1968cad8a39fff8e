"Bad input to checkpoints, models, the learner, evaluation and the LR finder: a clear error naming the argument or file, or the right result."
import json, math, shutil, warnings
import numpy as np, pytest
import ktrain_lit as ktrain
from ktrain_lit import text
from ktrain_lit.learner import get_learner
from ktrain_lit.models import load_keras, weights_signature
import ktrain_lit.evaluation, ktrain_lit.lr_finder   # their methods on `Learner`

X = ['a good film', 'a bad film', 'great acting', 'awful plot', 'loved it', 'hated it', 'fine work', 'dull work'] * 2
Y = ['pos', 'neg'] * 8
BAD = (TypeError, ValueError)


@pytest.fixture(scope='module')
def data():
    return text.texts_from_array(X, Y, x_test=X[:8], y_test=Y[:8], preprocess_mode='standard', maxlen=16, verbose=0)

def logreg_learner(data, **kwargs):
    trn, val, pre = data
    return get_learner(text.text_classifier('logreg', trn, pre, verbose=0, seed=0), trn, val, **{'batch_size': 4, **kwargs})

def finite(model): return all(np.isfinite(w).all() for w in model.get_weights() if w.dtype.kind == 'f')


@pytest.mark.parametrize('lr', [math.inf, math.nan, 0, -1e-3, True, '1e-3', None])
def test_bad_lr(data, lr):
    with pytest.raises(ValueError, match='`lr` must be a positive number'): logreg_learner(data).fit_onecycle(lr, 1, verbose=0)

def test_numpy_scalars_are_numbers(data):
    l = logreg_learner(data, batch_size=np.int64(4), seed=np.int64(1), weight_decay=np.float32(0.01))
    h = l.fit_onecycle(np.float32(1e-2), np.int64(1), max_momentum=np.float64(0.95), verbose=0)
    assert np.isfinite(h.history['loss']).all()
    l.fit(np.float32(1e-2), np.int32(1), cycle_len=np.int64(1), cycle_mult=np.int64(1), verbose=0)
    l.lr_find(start_lr=np.float32(1e-5), max_epochs=np.int64(1), verbose=0)
    assert len(l.top_losses(np.int64(2))) == 2

@pytest.mark.parametrize('call, msg', [
    (lambda l: l.fit_onecycle(1e-2, 0), '`epochs` must be a positive integer'),
    (lambda l: l.fit_onecycle(1e-2, 1, max_momentum=1.0), '`max_momentum` must be a finite number in [0, 1)'),
    (lambda l: l.fit_onecycle(1e-2, 1, min_momentum=0.99), '`min_momentum`=0.99 is above `max_momentum`=0.95'),
    (lambda l: l.fit(1e-2, 0), '`n_cycles` must be a positive integer'),
    (lambda l: l.fit(1e-2, 1, cycle_len=1.5), '`cycle_len` must be a positive integer'),
    (lambda l: l.fit(1e-2, 1, cycle_len=1, cycle_mult=0), '`cycle_mult` must be a positive integer'),
    (lambda l: l.autofit(1e-2, 1, early_stopping=0), '`early_stopping` must be a positive number of epochs, or `None`'),
    (lambda l: l.autofit(1e-2, 1, reduce_on_plateau=-2), '`reduce_on_plateau` must be a positive number of epochs'),
    (lambda l: l.autofit(1e-2, 1, reduce_on_plateau=1, reduce_factor=0.5), '`reduce_factor` must be a number greater than 1'),
    (lambda l: l.autofit(1e-2, 1, early_stopping=1, monitor='val_f1'), "`monitor`='val_f1' is not among the values training logs"),
    (lambda l: l.autofit(1e-2, 1, early_stopping=1, monitor=3), '`monitor` must be the name of a logged value'),
    (lambda l: l.lr_find(start_lr=math.inf), '`start_lr` must be a positive number'),
    (lambda l: l.lr_find(lr_mult=1), '`lr_mult` must be a number greater than 1'),
    (lambda l: l.lr_find(max_epochs=1.5), '`max_epochs` must be a positive integer'),
    (lambda l: l.lr_find(stop_factor=1), '`stop_factor` must be a number greater than 1'),
    (lambda l: l.set_weight_decay(math.inf), '`wd` must be a finite number in [0, inf)'),
    (lambda l: l.freeze(freeze_range=-1), '`freeze_range` must be an integer of at least 0'),
    (lambda l: l.freeze(freeze_range=50), '`freeze_range`=50 but the model has'),
    (lambda l: l.top_losses(n=0), '`n` must be a positive number of examples'),
    (lambda l: l.validate(save_path='/no/such/folder/r.csv', print_report=False), '`save_path` /no/such/folder/r.csv: the folder'),
    (lambda l: l.predict(123), '`val_data` must be texts'),
    (lambda l: l.fit_onecycle(1e-2, 1, callbacks=['stop']), '`callbacks` must be Keras callbacks'),
])
def test_bad_training_arguments(data, call, msg):
    with pytest.raises((*BAD, FileNotFoundError)) as e: call(logreg_learner(data))
    assert msg in str(e.value)

@pytest.mark.parametrize('kwargs, msg', [
    (dict(batch_size=0), '`batch_size` must be a positive integer'), (dict(eval_batch_size=2.5), '`eval_batch_size`'),
    (dict(weight_decay=-0.1), '`weight_decay` must be a finite number in [0, inf)'), (dict(clipnorm=math.inf), '`clipnorm`'),
    (dict(seed=-1), '`seed` must be an integer of at least 0'), (dict(warm_start='yes'), '`warm_start` must be True or False'),
])
def test_bad_learner_settings(data, kwargs, msg):
    with pytest.raises(BAD) as e: logreg_learner(data, **kwargs)
    assert msg in str(e.value)


def test_class_weight(data):
    l = logreg_learner(data)
    assert l._class_weights({'pos': 2, 'neg': np.float32(1)}) == {0: 1.0, 1: 2.0}   # names -> indexes, for Keras
    assert np.isfinite(l.fit_onecycle(1e-2, 1, class_weight={'pos': 2.0}, verbose=0).history['loss']).all()
    assert np.isfinite(l.fit_onecycle(1e-2, 1, class_weight='balanced', verbose=0).history['loss']).all()
    for cw, msg in [({'meh': 1}, "the key 'meh', which is not a class"), ({7: 1}, 'the index 7'), ({'pos': -1}, "`class_weight['pos']`"),
                    ({'pos': math.nan}, "`class_weight['pos']`"), ([1, 2], '`class_weight` must be a dict')]:
        with pytest.raises(BAD) as e: l.fit_onecycle(1e-2, 1, class_weight=cw, verbose=0)
        assert msg in str(e.value)


def test_diverging_loss_stops_and_restores(data, tmp_path):
    l = logreg_learner(data)
    before = l.model.get_weights()
    with pytest.raises(ValueError, match=r'Training diverged: the loss became (nan|inf).*lower `lr`') as e:
        l.fit_onecycle(1e30, 2, checkpoint_folder=tmp_path/'ck', verbose=0)
    assert finite(l.model)                                                # no NaN weights left behind
    if 'from before this run' in str(e.value): assert all(np.array_equal(a, b) for a, b in zip(l.model.get_weights(), before))
    assert all(finite_ck for finite_ck in [p.stat().st_size > 0 for p in (tmp_path/'ck').glob('*.h5')])
    assert np.isfinite(l.predict()).all()

def test_non_finite_weights_are_not_judged(data):
    l = logreg_learner(data); l.fit_onecycle(1e-2, 1, verbose=0)
    l.model.set_weights([np.full_like(w, np.nan) if w.dtype.kind == 'f' else w for w in l.model.get_weights()])
    for call in (lambda: l.validate(print_report=False), lambda: l.top_losses(2), l.predict, lambda: l.fit_onecycle(1e-2, 1, verbose=0),
                 lambda: l.lr_find(verbose=0)):
        with pytest.raises(ValueError, match='NaN or infinite'): call()
    l.reset_weights(); assert finite(l.model)

def test_regression_targets_must_be_finite(data):
    trn, val, pre = text.texts_from_array(X, np.linspace(0, 1, 16), preprocess_mode='standard', is_regression=True, val_pct=0.25, verbose=0)
    m = text.text_regression_model('linreg', trn, pre, verbose=0)
    with pytest.raises(ValueError, match='train_data') as e: get_learner(m, (trn[0], np.where(np.arange(len(trn[0])) == 1, np.inf, trn[1])))
    assert 'row(s) [1]' in str(e.value)
    with pytest.raises(ValueError, match='`class_weight` weighs the classes of a classification model'):
        get_learner(m, trn).fit_onecycle(1e-2, 1, class_weight={0: 1.0}, verbose=0)

def test_mismatched_data(tiny):
    m = text.transformer('bert', tiny, maxlen=16, class_names=['neg', 'pos'])
    for data, err, msg in [((X, Y[:3]), ValueError, 'has 3 labels but there are 16 texts'), ((X, None), TypeError, '`train_data[1]` must hold one label per text'),
                           ({'x': X, 'y': Y}, TypeError, '`train_data` must be an `(x, y)` pair'), ((X, ['pos', 'mid'] * 8), ValueError, "['mid']"),
                           ((X, [0, 2] * 8), ValueError, 'labels must lie in 0..1'), ((X, np.linspace(0, 1, 16)), ValueError, 'regression labels'),
                           (([('a', 'b')] * 16, Y), ValueError, 'holds pairs, but the model reads single texts')]:
        with pytest.raises(err) as e: get_learner(m, data)
        assert msg in str(e.value), (msg, str(e.value))

def test_index_labels_with_gaps_warn(tiny):
    with pytest.warns(UserWarning, match=r'1 of 0..4 never occur \(\[0\]\)'): get_learner(text.transformer('bert', tiny, maxlen=16), (X[:8], [1, 2, 3, 4] * 2))
    with pytest.raises(ValueError, match='would make a head of 2001 classes'): get_learner(text.transformer('bert', tiny, maxlen=16), (X[:2], [1000, 2000]))


def damaged(tiny, tmp_path, change):
    d = tmp_path/'ck'; shutil.copytree(tiny, d); change(d); return d

@pytest.mark.parametrize('change, err, msg', [
    (lambda d: (d/'config.json').write_text('{"module": '), ValueError, 'config.json is damaged or incomplete'),
    (lambda d: (d/'config.json').write_text('[1, 2]'), ValueError, 'config.json holds a JSON list'),
    (lambda d: (d/'model.weights.h5').write_bytes((d/'model.weights.h5').read_bytes()[:100_000]), ValueError, 'model.weights.h5 is damaged or incomplete (truncated file'),
    (lambda d: (d/'tokenizer.json').write_text('{"config": '), ValueError, 'tokenizer.json is damaged or incomplete'),
    (lambda d: (d/'assets'/'tokenizer'/'vocabulary.txt').write_text(''), ValueError, 'vocabulary.txt is empty'),
    (lambda d: (d/'assets'/'tokenizer'/'vocabulary.txt').write_text(''.join((d/'assets'/'tokenizer'/'vocabulary.txt').read_text().splitlines(True)[:5000])),
     ValueError, 'has 5,000 entries (ids up to 4,999) but the embedding matrix has 30,522 rows'),   # cut short: it would load, and predict garbage
])
def test_damaged_checkpoint(tiny, tmp_path, change, err, msg):
    with pytest.raises(err) as e: text.transformer('bert', damaged(tiny, tmp_path, change))
    assert msg in str(e.value)

def test_damaged_hf_checkpoint(tmp_path):
    from pathlib import Path
    fixture = Path(__file__).parent/'fixtures'/'hf'
    for fam in ('bert', 'electra'):
        d = tmp_path/fam; shutil.copytree(fixture/fam, d)
        f = d/'model.safetensors'; f.write_bytes(f.read_bytes()[:-500])
        with pytest.raises(ValueError, match='model.safetensors is damaged or incomplete'): text.transformer(fam, d)
    d = tmp_path/'roberta-named'; shutil.copytree(fixture/'bert', d)
    (d/'config.json').write_text(json.dumps({**json.loads((d/'config.json').read_text()), 'model_type': 'roberta'}))
    with pytest.raises(ValueError, match='could not be read as a roberta tokenizer'): text.transformer('roberta', d)

def test_damaged_model_files(tiny, tmp_path):
    m = text.transformer('bert', tiny, maxlen=16, class_names=['neg', 'pos'])
    m.save(tmp_path/'m.keras'); b = (tmp_path/'m.keras').read_bytes()
    (tmp_path/'cut.keras').write_bytes(b[:len(b) // 2])
    with pytest.raises(ValueError, match='cut.keras is damaged or incomplete'): load_keras(tmp_path/'cut.keras')
    with pytest.raises(FileNotFoundError, match='no .keras file'): load_keras(tmp_path/'none.keras')
    assert load_keras(tmp_path/'m.keras', m.preprocessor).class_names == ['neg', 'pos']
    m.save_weights(tmp_path/'w.weights.h5')
    (tmp_path/'cut.weights.h5').write_bytes((tmp_path/'w.weights.h5').read_bytes()[:10_000])
    with pytest.raises(ValueError, match='cut.weights.h5 is damaged or incomplete'): m.load_weights(tmp_path/'cut.weights.h5')

def test_learner_checkpoints(data, tmp_path):
    import h5py
    l = logreg_learner(data)
    l.fit_onecycle(1e-2, 1, checkpoint_folder=tmp_path/'ck', verbose=0)
    f = tmp_path/'ck'/'weights-01.weights.h5'
    assert weights_signature(f) is not None
    l.model.load_weights(f)
    with h5py.File(f, 'a') as h:   # damaged in the middle: still opens and loads, but is not what was saved
        names = []; h.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
        h[names[0]][...] = h[names[0]][()] * 2 + 1
    with pytest.raises(ValueError, match='weights-01.weights.h5 is not the file that was saved'): l.model.load_weights(f)
    (tmp_path/'mine').mkdir(); (tmp_path/'mine'/'weights-01.weights.h5').write_text("the user's")
    with pytest.raises(FileExistsError, match='which this library did not write'): l.fit_onecycle(1e-2, 1, checkpoint_folder=tmp_path/'mine', verbose=0)
    assert (tmp_path/'mine'/'weights-01.weights.h5').read_text() == "the user's"
    (tmp_path/'a-file').write_text('x')
    with pytest.raises(FileExistsError, match='is a file, not a folder'): l.fit_onecycle(1e-2, 1, checkpoint_folder=tmp_path/'a-file', verbose=0)


def test_lr_find_that_stops_at_once(data):
    l = logreg_learner(data)
    l.lr_find(start_lr=1e30, max_epochs=1, verbose=0)
    with pytest.raises(ValueError, match='lower `start_lr`'): l.lr_estimate()
    assert finite(l.model)


def test_classic_arguments(data, tmp_path):
    trn, _, pre = data
    for kw, err, msg in [(dict(emb_dim=8), TypeError, '`emb_dim`: not a hyperparameter'), (dict(dropout=2), ValueError, '`dropout` must be a rate'),
                         (dict(embed_dim=0), ValueError, '`embed_dim` must be a positive integer'), (dict(seed=-1), ValueError, '`seed`')]:
        with pytest.raises(err) as e: text.text_classifier('fasttext', trn, pre, verbose=0, **kw)
        assert msg in str(e.value)
    (tmp_path/'w.bin').write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ValueError, match='w.bin is not UTF-8 text'): text.text_classifier('bigru', trn, pre, verbose=0, wv_path_or_url=tmp_path/'w.bin')
    (tmp_path/'w.vec').write_text('good 1 nan\n')
    with pytest.raises(ValueError, match="the vector of 'good' holds NaN"): text.text_classifier('bigru', trn, pre, verbose=0, wv_path_or_url=tmp_path/'w.vec')
