"The interactive explorers, driven headlessly: set a control's value, check what the widget computed and showed."
import json, sys
import numpy as np, pytest
import ipywidgets as widgets
from ktrain_lit.data import texts_from_array
from ktrain_lit.learner import get_learner
from ktrain_lit.models import transformer
from ktrain_lit.predictor import Predictor, get_predictor
from ktrain_lit.classic import text_classifier
from ktrain_lit.widgets import (PredictionExplorer, TopLossesExplorer, top_losses_explorer, EXPLAIN_MISSING, WIDGET_VIEW, WIDGET_STATE,
                                displayed_widget_ids, embed_widget_state, executing_notebook, save_widget_state, proba_figure)

TEXTS = ['a fine, warm film', 'dull and far too long', 'I loved every minute', 'a waste of time',
         'sharp writing and great acting', 'nothing works here', 'funny and moving', 'tedious']
LABELS = [1, 0, 1, 0, 1, 0, 1, 0]
PNG = b'\x89PNG'
def is_png(v): return bytes(v[:4]) == PNG   # an `Image` widget's value is a memoryview


@pytest.fixture(scope='module')
def learner(tiny):
    return get_learner(transformer('bert', tiny, maxlen=16, class_names=['neg', 'pos'], seed=0), val_data=(TEXTS, LABELS))

@pytest.fixture(scope='module')
def predictor(learner): return get_predictor(learner.model)


def test_explorer_follows_the_text(predictor):
    ex = predictor.explore(examples=TEXTS[:3])
    assert isinstance(ex, PredictionExplorer) and isinstance(ex, widgets.VBox)
    assert ex.text.value == TEXTS[0] and ex.n_updates == 1
    ex.text.value = 'A wonderful film.'
    np.testing.assert_allclose(ex.proba, predictor.predict_proba('A wonderful film.'), atol=1e-6)
    assert ex.prediction == predictor.predict('A wonderful film.')
    assert f'<b>{ex.prediction}</b>' in ex.summary.value
    assert is_png(ex.chart.value) and is_png(ex.heatmap.value)
    assert ex.explanation.class_name == ex.prediction and [str(w) for w in ex.explanation.words] == ['A', 'wonderful', 'film']
    assert ex.highlights.value == ex.explanation.html() and 'wonderful</span>' in ex.highlights.value
    assert set(ex.outputs) == {'summary', 'chart', 'highlights', 'heatmap'} and ex.n_updates == 2
    ex.examples.value = TEXTS[2]
    assert ex.text.value == TEXTS[2] and ex.n_updates == 3

def test_sliders_only_redraw(predictor):
    ex = PredictionExplorer(predictor, ['sharp writing and great acting'])
    assert ex.has_attention and (ex.layer.max, ex.head.max) == (1, 1) and ex.attention.weights.shape[:2] == (2, 2)
    assert ex.layer.value == 1   # the last layer first
    pictures = {bytes(ex.heatmap.value)}
    for layer, head in [(0, 0), (0, 1), (1, 1)]:
        ex.layer.value, ex.head.value = layer, head
        pictures.add(bytes(ex.heatmap.value))
    assert len(pictures) == 4 and ex.n_updates == 1

def test_empty_text_and_errors(predictor):
    ex = predictor.explore()
    assert ex.examples.layout.display == 'none' and ex.proba is None and 'Type a text' in ex.summary.value
    ex.text.value = '!!!'   # nothing to explain, but still something to predict
    assert ex.proba is not None and ex.error is None and ex.explanation is None
    assert 'No explanation: ValueError' in ex.highlights.value and 'has no words to explain' in ex.highlights.value
    ex.text.value = ''
    assert (ex.proba, ex.chart.value, ex.highlights.value, ex.heatmap.value) == (None, b'', '', b'')
    assert ex.chart.layout.display == ex.heatmap.layout.display == 'none'

def test_bad_arguments(learner, predictor):
    with pytest.raises(TypeError, match='`predictor` must be a `Predictor`'): PredictionExplorer(learner.model)
    with pytest.raises(TypeError, match='`examples` must be a list of texts'): predictor.explore(examples=[1, 2])
    assert predictor.explore(examples='just one').examples.options == (('just one', 'just one'),)
    with pytest.raises(TypeError, match='`learner` must be a `Learner`'): top_losses_explorer(predictor)
    with pytest.raises(ValueError, match='`n` must be a positive integer'): top_losses_explorer(learner, n=0)

def test_without_explain(predictor, monkeypatch):
    "If `ktrain_lit.explain` is missing, the explorer says so where the highlights would be."
    monkeypatch.delattr(Predictor, 'explain')
    monkeypatch.setitem(sys.modules, 'ktrain_lit.explain', None)   # `import ktrain_lit.explain` now fails
    ex = predictor.explore(examples=['good'])
    assert ex.error is None and ex.proba is not None and ex.explanation is None
    assert EXPLAIN_MISSING in ex.highlights.value
    assert predictor.explore(examples=['good'], explain=False).highlights.value == ''

def test_multilabel_and_regression(tiny):
    ml = get_predictor(transformer('bert', tiny, maxlen=16, task='multilabel', class_names=['plot', 'acting', 'music'], seed=0))
    ex = ml.explore(examples=['great acting'], threshold=0.45)
    assert ex.prediction == [(c, float(v)) for c, v in zip(ml.class_names, ex.proba) if v > 0.45]
    assert 'Labels above 0.45' in ex.summary.value and ex.explanation is not None
    line = proba_figure(ex.proba, ml.class_names, 'multilabel', 0.45).axes[0].lines[0]
    assert line.get_xdata()[0] == 0.45
    rg = get_predictor(transformer('bert', tiny, maxlen=16, task='regression', seed=0)).explore(examples=['three stars'])
    assert rg.prediction == pytest.approx(float(rg.proba[0])) and 'Predicted value' in rg.summary.value
    assert 'predicted value' in rg.highlights.value and is_png(rg.chart.value)

def test_classic_model_has_no_attention_panel(data):
    import pandas as pd
    df = pd.read_csv(data/'sms_spam'/'SMSSpamCollection', sep='\t', header=None, names=['label', 'text'], quoting=3)[:80]
    trn, val, preproc = texts_from_array(df.text, df.label, maxlen=32, max_features=500, verbose=0, random_state=0)
    p = get_predictor(text_classifier('logreg', trn, preproc, seed=0, verbose=0), preproc)
    ex = p.explore(examples=['Free entry! Call now to win a prize'])
    assert not ex.has_attention and ex.attention_panel.layout.display == 'none'
    assert ex.attention is None and ex.heatmap.value == b'' and is_png(ex.chart.value)
    assert ex.prediction in p.get_classes() and ex.explanation is not None


def test_top_losses_explorer(learner):
    tl = top_losses_explorer(learner, n=4)
    assert isinstance(tl, TopLossesExplorer) and tl.rows == learner.top_losses(4)
    seen = []
    for r in range(4):
        i, loss, truth, pred = tl.current
        assert (tl.position.value, tl.current) == (r + 1, tl.rows[r])
        assert TEXTS[i] in tl.card.value and f'loss {loss:.4f}' in tl.card.value and f'true: <b>{truth}</b>' in tl.card.value
        assert tl.label.value.startswith(f'worst {r + 1} of 4 · example {i}')
        assert tl.explanation.class_name == pred and tl.highlights.value == tl.explanation.html()
        seen.append(i); tl.next.click()
    assert tl.next.disabled and tl.position.value == 4 and len(set(seen)) == 4
    tl.prev.click()
    assert tl.position.value == 3 and not tl.next.disabled
    assert len(top_losses_explorer(learner, n=100).rows) == len(TEXTS)   # capped at the validation size
    assert top_losses_explorer(learner, n=2, explain=False).highlights.value == ''

def test_top_losses_of_pairs(tiny):
    pairs = list(zip(TEXTS, TEXTS[::-1]))
    reg = get_learner(transformer('bert', tiny, maxlen=32, task='regression', seed=0), val_data=(pairs, np.linspace(0, 5, 8)))
    tl = top_losses_explorer(reg, n=3)
    i = tl.current[0]
    assert 'text a:' in tl.card.value and 'text b:' in tl.card.value and pairs[i][1] in tl.card.value
    assert tl.explanation is not None and tl.explanation.text == pairs[i]


def _nb_displaying(*ws):
    view = lambda w: dict(output_type='display_data', metadata={}, data={WIDGET_VIEW: dict(model_id=w, version_major=2, version_minor=0)})
    return dict(cells=[dict(cell_type='code', source='', metadata={}, outputs=[view(w.model_id if hasattr(w, 'model_id') else w)]) for w in ws],
                metadata={}, nbformat=4, nbformat_minor=5)

def test_embed_widget_state(predictor, tmp_path):
    ex = predictor.explore(examples=['good'])
    nb = _nb_displaying(ex, 'closed-long-ago')
    assert displayed_widget_ids(nb) == [ex.model_id, 'closed-long-ago']
    assert embed_widget_state(nb) == ['closed-long-ago']
    doc = nb['metadata']['widgets'][WIDGET_STATE]
    assert (doc['version_major'], doc['version_minor']) == (2, 0)
    for w in (ex, ex.text, ex.examples, ex.chart, ex.highlights, ex.layer, ex.head, ex.heatmap):
        assert w.model_id in doc['state']
    assert doc['state'][ex.highlights.model_id]['state']['value'] == ex.highlights.value
    assert executing_notebook() is None   # pytest is not execnb: `save_widget_state` writes the file it is given
    f = tmp_path/'nb.ipynb'; f.write_text(json.dumps(_nb_displaying(ex)))
    with pytest.raises(ValueError, match='pass `nb_path`'): save_widget_state()
    assert save_widget_state(f)['missing'] == []
    assert ex.model_id in json.loads(f.read_text())['metadata']['widgets'][WIDGET_STATE]['state']

def test_state_saved_by_test_nb_survives_nbdev_clean(tmp_path):
    "A notebook run by `test_nb(save=True)` keeps the state of the widgets it displays, and `nbdev-clean` keeps it too."
    from nbdev.test import test_nb
    from nbdev.clean import clean_nb
    code = ["import ipywidgets as w\nfrom ktrain_lit.widgets import save_widget_state", "s = w.IntSlider(7)\ns",
            "w.VBox([w.HTML('<b>hi</b>'), s])", "r = save_widget_state()\nassert r['missing'] == [] and r['where'] == 'the running notebook', r"]
    nb = dict(cells=[dict(cell_type='code', source=c, metadata={}, outputs=[], execution_count=None) for c in code],
              metadata=dict(kernelspec=dict(display_name='python3', language='python', name='python3')), nbformat=4, nbformat_minor=5)
    f = tmp_path/'w.ipynb'; f.write_text(json.dumps(nb))
    assert test_nb(f, save=True, profile=False)[0]
    saved = json.loads(f.read_text())
    ids = displayed_widget_ids(saved)
    assert len(ids) == 2
    clean_nb(saved)
    state = saved['metadata']['widgets'][WIDGET_STATE]['state']
    assert all(i in state for i in ids) and state[ids[0]]['state']['value'] == 7
