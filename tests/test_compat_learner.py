"ktrain's learner API beyond the lessons: a Keras model brought in (arrays, `tf.data`, several inputs, logits, SGD), bad input for the new arguments."
import warnings
import numpy as np, pytest
import matplotlib
matplotlib.use('Agg')
import ktrain_lit.evaluation, ktrain_lit.lr_finder   # patch `validate`, `top_losses`, `lr_find` onto `Learner`
from ktrain_lit.core import tf, keras
from ktrain_lit.learner import get_learner, ArrayLearner, Learner, Schedule, release_gpu_memory
from ktrain_lit.evaluation import DEFAULT_REPORT
from ktrain_lit.models import transformer

rng = np.random.default_rng(0)
X = rng.normal(size=(96, 4)).astype('float32')
Y = (X[:, 0] + X[:, 1] > 0).astype(int)


def mlp(out=2, act='softmax', loss='sparse_categorical_crossentropy', opt=None, seed=0, metrics=('accuracy',)):
    keras.utils.set_random_seed(seed)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation='relu'), keras.layers.Dense(out, activation=act)])
    m.compile(optimizer=opt or keras.optimizers.Adam(1e-2), loss=loss, metrics=list(metrics))
    return m


def test_bad_keras_models_and_data():
    with pytest.raises(TypeError, match='`model` must be a compiled Keras model'): get_learner(object())
    with pytest.raises(TypeError, match='`model` is not compiled'): get_learner(keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)]))
    m = mlp()
    with pytest.raises(TypeError, match='`train_data` must be an `\\(x, y\\)` pair of arrays or a batched `tf.data.Dataset`'): get_learner(m, X)
    with pytest.raises(ValueError, match='`train_data` has 96 examples in x but 10 target'): get_learner(m, (X, Y[:10]))
    with pytest.raises(ValueError, match=r'`val_data\[0\]` holds rows of different shapes'): get_learner(m, val_data=((X, X[:5]), Y))
    i1, i2 = keras.Input((4,)), keras.Input((4,))
    two = keras.Model([i1, i2], keras.layers.Dense(2)(keras.layers.Add()([i1, i2]))); two.compile(optimizer='adam', loss='mse')
    with pytest.raises(ValueError, match=r'`val_data\[0\]` must hold one row per example in every input array; got lengths \[96, 5\]'):
        get_learner(two, val_data=([X, X[:5]], Y))
    with pytest.raises(TypeError, match='whose elements are not `\\(x, y\\)` batches'): get_learner(m, tf.data.Dataset.from_tensor_slices(X).batch(8))
    with pytest.raises(ValueError, match='`workers` must be a positive integer'): get_learner(m, (X, Y), workers=0)
    with pytest.raises(TypeError, match='`use_multiprocessing` must be True or False'): get_learner(m, (X, Y), use_multiprocessing='yes')
    with pytest.raises(ValueError, match='`weight_decay` must be a finite number'): get_learner(m, (X, Y), weight_decay=-1)
    l = get_learner(m, (X, Y), workers=4, use_multiprocessing=True)   # accepted, no effect
    assert isinstance(l, ArrayLearner) and (l.workers, l.use_multiprocessing) == (4, True)


def test_bad_fit_arguments():
    l = get_learner(mlp(), (X, Y))
    for call, msg in [(lambda: l.fit(1e-3, 1, lr_decay=-0.5), '`lr_decay` must be a positive number'),
                      (lambda: l.fit(1e-3, 1, steps_per_epoch=1.5), '`steps_per_epoch` must be a positive integer'),
                      (lambda: l.fit_onecycle(1e-3, 1, steps_per_epoch=0), '`steps_per_epoch` must be a positive integer'),
                      (lambda: l.autofit(1e-3, 1, steps_per_epoch='all'), '`steps_per_epoch` must be a positive integer'),
                      (lambda: l.fit(1e-3, 1, early_stopping=True), '`early_stopping` must be a positive number of epochs'),
                      (lambda: l.fit(1e-3, 1, early_stopping=2), '`early_stopping` watches the validation loss'),
                      (lambda: l.freeze(9), '`freeze_range`=9 but the model has 2 layers'),
                      (lambda: l.freeze(-1), '`freeze_range` must be an integer of at least 0'),
                      (lambda: l.layer_output(5), '`layer_id` must be an index of the model'),
                      (lambda: l.layer_output(0, example_id=500), '`example_id`=500 but `train_data` has 96 examples'),
                      (lambda: l.layer_output(0, use_val=True), 'no `val_data`'),
                      (lambda: l.set_lr(0), '`lr` must be a positive number'),
                      (lambda: l.set_model('model'), '`model` must be a compiled Keras model'),
                      (lambda: release_gpu_memory('0'), '`device` must be an integer'),
                      (lambda: l.save_model(None), '`fpath` must be a folder path'),
                      (lambda: l.load_model('/no/such/folder'), 'holds no model.keras')]:
        with pytest.raises((ValueError, TypeError, FileNotFoundError), match=msg): call()
    nodense = keras.Sequential([keras.Input((4,)), keras.layers.Activation('softmax')]); nodense.compile(optimizer='adam', loss='mse')
    with pytest.raises(ValueError, match='this model has none: pass `freeze_range`'): get_learner(nodense, (X, Y)).freeze()


def test_user_adam_momentum_reaches_the_update():
    "β₁ set by the schedule is the one Adam uses: training with it set to 0.5 equals an Adam built with beta_1=0.5."
    a, b = mlp(opt=keras.optimizers.Adam(1e-2, beta_1=0.9)), mlp(opt=keras.optimizers.Adam(1e-2, beta_1=0.5))
    ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(32)
    a.fit(ds, epochs=1, verbose=0, shuffle=False, callbacks=[Schedule(lambda s: (1e-2, 0.5))])
    b.fit(ds, epochs=1, verbose=0, shuffle=False)
    for u, v in zip(a.get_weights(), b.get_weights()): np.testing.assert_allclose(u, v, atol=1e-6)
    assert a.optimizer.beta_1 == pytest.approx(0.5) and isinstance(a.optimizer.beta_1, float)


def test_sgd_keeps_its_momentum_and_learns():
    l = get_learner(mlp(opt=keras.optimizers.SGD(0.1, momentum=0.9)), (X, Y), (X, Y), batch_size=16)
    with pytest.warns(UserWarning, match='not Adam-like'): l.fit_onecycle(0.1, 3, verbose=0)
    assert l.model.optimizer.momentum == 0.9 and l.mom_history == []
    l.fit_onecycle(0.1, 1, cycle_momentum=False, verbose=0)   # no warning asked for
    assert len(l.lr_history) == 6 and l.lr_history[0] == pytest.approx(0.01)   # the one-cycle schedule drove SGD's rate
    assert l.model.evaluate(X, Y, verbose=0, return_dict=True)['accuracy'] > 0.85


def test_two_inputs_one_hot_logits():
    "A functional model with two inputs, one-hot targets and logits: training, validate, top_losses, layer_output."
    keras.utils.set_random_seed(0)
    i1, i2 = keras.Input((2,), name='a'), keras.Input((2,), name='b')
    h = keras.layers.Dense(8, activation='relu')(keras.layers.Concatenate()([i1, i2]))
    m = keras.Model([i1, i2], keras.layers.Dense(2)(h))
    m.compile(optimizer='adam', loss=keras.losses.CategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
    x, y = [X[:, :2], X[:, 2:]], np.eye(2)[Y]
    l = get_learner(m, (x, y), (x, y), batch_size=16, seed=0)
    assert (l.task, l.class_names) == ('classification', ['0', '1'])
    h = l.fit_onecycle(2e-2, 4, verbose=0)
    assert h.history['val_accuracy'][-1] > 0.85
    cm = l.validate(print_report=False, save_path=None)
    np.testing.assert_array_equal(cm.sum(1), np.bincount(Y))
    np.testing.assert_array_equal(l.ground_truth(), y)
    (i, loss, truth, pred), = l.top_losses(1)
    p = keras.ops.convert_to_numpy(keras.ops.softmax(l.predict()))
    assert loss == pytest.approx(-np.log(p[i, Y[i]]), abs=1e-4)
    k = [type(layer).__name__ for layer in l.model.layers].index('Concatenate')   # its index, as print_layers shows it
    np.testing.assert_allclose(l.layer_output(k, example_id=1), X[1:2], atol=1e-6)
    l.print_layers(show_wd=True)


def test_binary_sigmoid_and_multilabel_tasks():
    b = get_learner(mlp(1, 'sigmoid', 'binary_crossentropy'), val_data=(X, Y))
    assert (b.task, b.class_names) == ('classification', ['0', '1'])
    cm = b.validate(print_report=False, save_path=None)
    p = b.predict()[:, 0]
    np.testing.assert_array_equal(cm, [[((Y == t) & ((p > 0.5) == q)).sum() for q in (0, 1)] for t in (0, 1)])
    b2 = get_learner(mlp(1, 'sigmoid', 'binary_crossentropy'), (X, Y))
    w = b2._class_weights('balanced'); assert set(w) == {0, 1}
    ml = get_learner(mlp(3, 'sigmoid', 'binary_crossentropy', metrics=()), val_data=(X, np.stack([Y, 1 - Y, Y], 1)))
    assert ml.task == 'multilabel' and isinstance(ml.validate(print_report=False, save_path=None), dict)
    assert len(ml.top_losses(3)[0][2]) >= 1


def test_misclassified_first_with_three_classes():
    "ktrain lists the misclassified by loss; here they come first, then the correct ones (n always honoured)."
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='softmax')])
    m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')
    y3 = rng.integers(0, 3, len(X))
    l = get_learner(m, val_data=(X, y3))
    rows = l.top_losses(len(X))
    wrong = np.array([t != p for _, _, t, p in rows])
    assert wrong[:wrong.sum()].all() and not wrong[wrong.sum():].any()
    k = wrong.sum()
    assert [r[1] for r in rows[:k]] == sorted((r[1] for r in rows[:k]), reverse=True)
    assert [r[1] for r in rows[k:]] == sorted((r[1] for r in rows[k:]), reverse=True)


def test_regression_and_dataset_validate(tmp_path, monkeypatch):
    t = X.sum(1)
    m = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)]); m.compile(optimizer='adam', loss='mse', metrics=['mae'])
    ds = tf.data.Dataset.from_tensor_slices((X, t)).batch(10)
    l = get_learner(m, ds, ds)
    assert l.task == 'regression' and l.class_names == []
    res = l.validate(print_report=False)
    assert [k for k, _ in res] == ['mae', 'mse', 'r2']
    assert dict(res)['mae'] == pytest.approx(np.abs(l.predict()[:, 0] - t).mean(), rel=1e-5)
    monkeypatch.chdir(tmp_path)
    l.validate(print_report=False); assert not (tmp_path/DEFAULT_REPORT).exists()   # ktrain writes classification reports only
    l.validate(save_path='r.csv'); assert (tmp_path/'r.csv').exists()              # an explicit path is always written
    with pytest.raises(ValueError, match='repeats forever'): get_learner(m, ds.repeat()).fit(1e-3, 1)
    h = get_learner(m, ds.repeat()).fit(1e-3, 2, steps_per_epoch=3, verbose=0)
    assert len(h.history['loss']) == 2


def test_default_report_file_follows_ktrain(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    l = get_learner(mlp(), val_data=(X, Y))
    l.validate(); assert not (tmp_path/DEFAULT_REPORT).exists()
    l.evaluate(print_report=False); assert (tmp_path/DEFAULT_REPORT).exists()
    l.evaluate((X[:10], Y[:10]), False, None)   # ktrain's positional order


def test_text_learner_new_keywords(tiny):
    texts, labels = ['good', 'bad', 'fine', 'awful'] * 2, [1, 0, 1, 0] * 2
    l = get_learner(transformer('bert', tiny, maxlen=16, seed=0), (texts, labels), (texts, labels), 4, 4, 1, False, seed=0)
    assert isinstance(l, Learner) and not isinstance(l, ArrayLearner) and l.weight_decay == 0.01
    assert l.predict(val_data=texts[:2]).shape == (2, 2)
    with pytest.raises(TypeError, match='`val_data` must be texts'): l.predict(val_data=5)
    with pytest.raises(TypeError, match='`model` must come from `text.transformer'): Learner(keras.Sequential())
    with pytest.raises(ValueError, match='`early_stopping` must be a positive number'): l.fit(1e-3, 1, early_stopping=0)
    h = l.fit(1e-3, 2, early_stopping=1, steps_per_epoch=1, verbose=0)
    assert len(l.lr_history) <= 2 and 1 <= len(h.history['loss']) <= 2
    l.unfreeze(exclude_range=1); l.unfreeze()
    np.testing.assert_array_equal(l.ground_truth(), labels)


def test_save_model_refuses_a_foreign_folder(tmp_path):
    l = get_learner(mlp(), (X, Y))
    (tmp_path/'mine').mkdir(); (tmp_path/'mine'/'notes.txt').write_text('keep me')
    with pytest.raises(Exception, match='mine'): l.save_model(tmp_path/'mine')
    assert (tmp_path/'mine'/'notes.txt').read_text() == 'keep me'
    l.save_model(tmp_path/'m'); l.save_model(tmp_path/'m')   # its own save is replaced
    np.testing.assert_allclose(get_learner(mlp(seed=3), (X, Y)).load_model(tmp_path/'m').predict(X[:3]), l.predict(X[:3]), atol=1e-6)


def test_unbuilt_sequential_and_a_list_of_rows():
    "A `Sequential` without `Input` is built on one example at once, so lr_find and reset_weights can put its weights back; a list of rows is one input."
    keras.utils.set_random_seed(0)
    m = keras.Sequential([keras.layers.Dense(8, activation='relu'), keras.layers.Dense(2, activation='softmax')])
    m.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    l = get_learner(m, (list(X), Y), (list(X), Y), batch_size=16)
    before = m.get_weights()
    assert len(before) == 4
    l.lr_find(max_epochs=1, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(m.get_weights(), before))
    l.fit_onecycle(1e-2, 1, verbose=0); l.reset_weights()
    assert all(np.array_equal(a, b) for a, b in zip(m.get_weights(), before))
    assert l.predict(list(X[:3])).shape == (3, 2)
