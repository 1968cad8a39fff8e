"`validate`, `top_losses` and `view_top_losses`: clear errors on bad input, and a quick end-to-end run on a tiny model."
import numpy as np, pytest
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from sklearn.metrics import f1_score, r2_score
import ktrain_lit.evaluation   # patches `validate`, `evaluate`, `top_losses`, `view_top_losses` onto `Learner`
from ktrain_lit.learner import get_learner
from ktrain_lit.models import transformer

TEXTS = ['a fine, warm film', 'dull and far too long', 'I loved every minute', 'a waste of time',
         'sharp writing and great acting', 'nothing works here', 'funny and moving', 'tedious']
LABELS = [1, 0, 1, 0, 1, 0, 1, 0]


@pytest.fixture(scope='module')
def clf(tiny):
    return get_learner(transformer('bert', tiny, maxlen=16, class_names=['neg', 'pos'], seed=0), val_data=(TEXTS, LABELS))

@pytest.fixture(scope='module')
def reg(tiny):
    pairs = list(zip(TEXTS, TEXTS[::-1]))
    return get_learner(transformer('bert', tiny, maxlen=32, task='regression', seed=0), val_data=(pairs, np.linspace(0, 5, 8)))


def test_no_validation_data(clf):
    l = get_learner(clf.model, (TEXTS, LABELS))
    for f in (l.validate, l.evaluate, l.top_losses, l.view_top_losses):
        with pytest.raises(ValueError, match=r'No validation data: pass it to this method as `val_data=\(x_val, y_val\)`'): f()

def test_class_names(clf, reg):
    with pytest.raises(ValueError, match='`class_names` has 3 names but the model has 2 classes'): clf.validate(class_names=['a', 'b', 'c'])
    with pytest.raises(TypeError, match='must be a list of names'): clf.validate(class_names='neg pos')
    with pytest.raises(ValueError, match='makes no sense for a regression model'): reg.validate(class_names=['low', 'high'])

def test_bad_n(clf):
    with pytest.raises(ValueError, match='`n` asks for 9 examples but the validation data has only 8'): clf.top_losses(n=9)
    with pytest.raises(ValueError, match='`n` must be a positive number of examples, not 0'): clf.top_losses(n=0)
    with pytest.raises(ValueError, match='`n` must be a positive number of examples, not -2'): clf.view_top_losses(n=-2)
    with pytest.raises(ValueError, match='0 <= start < stop'): clf.top_losses(n=(4, 2))
    with pytest.raises(TypeError, match='`n` must be a number of examples'): clf.top_losses(n='all')

def test_bad_val_data(clf):
    with pytest.raises(ValueError, match='has 2 labels but there are 3 texts'): clf.validate((TEXTS[:3], [0, 1]))
    with pytest.raises(TypeError, match=r'`val_data` must be an `\(x, y\)` pair'): clf.top_losses(val_data=TEXTS)


def test_classification_end_to_end(clf, capsys):
    probs = clf.predict()
    cm = clf.validate(class_names=['negative', 'positive'], plot=True)
    assert 'negative' in capsys.readouterr().out
    assert cm.shape == (2, 2) and cm.sum() == 8
    assert np.trace(cm) == (probs.argmax(1) == np.array(LABELS)).sum()
    assert [t.get_text() for t in plt.gcf().axes[0].texts] == [str(v) for v in cm.ravel()]; plt.close('all')
    np.testing.assert_array_equal(clf.evaluate(print_report=False, save_path=None), cm)
    tops = clf.top_losses(n=8)
    losses = -np.log(probs[np.arange(8), LABELS])
    assert [i for i, *_ in tops] == list(np.argsort(-losses, kind='stable'))
    np.testing.assert_allclose([l for _, l, _, _ in tops], np.sort(losses)[::-1], rtol=1e-5)
    assert all(t == ['neg', 'pos'][LABELS[i]] and p == ['neg', 'pos'][probs[i].argmax()] for i, _, t, p in tops)
    shown = clf.view_top_losses(n=(1, 3))
    out = capsys.readouterr().out
    assert shown == tops[1:3] and TEXTS[tops[1][0]] in out and '#2  example' in out and 'loss ' in out

def test_multilabel_end_to_end(tiny, capsys):
    y = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1]] * 2)
    l = get_learner(transformer('bert', tiny, maxlen=16, task='multilabel', class_names=['x', 'y', 'z'], seed=0), val_data=(TEXTS, y))
    report = l.validate(plot=True)
    axs = plt.gcf().axes   # one 2×2 matrix per label, a count in each of its cells
    assert [ax.get_title() for ax in axs] == ['x', 'y', 'z'] and all(len(ax.texts) == 4 for ax in axs); plt.close('all')
    y_hat = l.predict() > 0.5
    assert report['micro avg']['f1-score'] == pytest.approx(f1_score(y, y_hat, average='micro', zero_division=0))
    assert report['macro avg']['f1-score'] == pytest.approx(f1_score(y, y_hat, average='macro', zero_division=0))
    (i, loss, truth, pred), = l.top_losses(n=1)
    assert l.view_top_losses(n=1) == [(i, loss, truth, pred)] and 'predicted: ' in capsys.readouterr().out
    assert truth == [n for n, v in zip('xyz', y[i]) if v] and pred == [n for n, v in zip('xyz', y_hat[i]) if v]
    s = l.predict()
    assert loss == pytest.approx((-(y * np.log(s) + (1 - y) * np.log(1 - s)).mean(1)).max(), rel=1e-4)

def test_regression_end_to_end(reg, capsys, tmp_path):
    res = dict(reg.validate(save_path=tmp_path/'r.csv', plot=True))
    p, y = reg.predict()[:, 0], np.linspace(0, 5, 8)
    points = plt.gcf().axes[0].collections[0].get_offsets()   # true values against predictions, every example
    np.testing.assert_allclose(points, np.stack([p, y], 1), rtol=1e-6); plt.close('all')
    assert set(res) == {'mae', 'mse', 'r2'} and res['r2'] == pytest.approx(r2_score(y, p), rel=1e-5)
    assert (tmp_path/'r.csv').is_file()
    (i, loss, truth, pred), = reg.view_top_losses(n=1)
    out = capsys.readouterr().out
    assert 'text a:' in out and 'text b:' in out and TEXTS[::-1][i] in out
    assert (truth, pred, loss) == pytest.approx((y[i], p[i], (y[i] - p[i]) ** 2), rel=1e-4)
