"`predictor.explain`: words and spans, the occlusion weights as measured drops, every task, bad input, and faithfulness."
import pickle, re
import numpy as np, pandas as pd, pytest
import ktrain_lit as ktrain
import ktrain_lit.explain   # adds `Predictor.explain`
from ktrain_lit.explain import Explanation, Word, text_words, delete_words, deletion_check, lime_fit, lime_kernel, lime_samples
from ktrain_lit.models import transformer

@pytest.fixture(scope='module')
def tiny_predictor(tiny):
    return ktrain.get_predictor(transformer('bert', tiny, maxlen=32, class_names=['neg', 'pos'], seed=0))

TEXTS = ["It's a Great film -- don't miss it!", "  leading and trailing spaces  ", "ünïcödé wörds, naïve café\nnew line\ttab",
         "one", "numbers 42 and 3.14 count", "¿Qué? ¡Sí! 日本語 text"]

@pytest.mark.parametrize('text', TEXTS)
def test_spans_reconstruct_the_text(text):
    ws = text_words(text)
    assert all(text[w.start:w.end] == w for w in ws)
    gaps = [text[a.end:b.start] for a, b in zip([Word('', 0, 0)] + ws, ws + [Word('', len(text), len(text))])]
    assert ''.join(g + w for g, w in zip(gaps, ws + [''])) == text   # words and the gaps between them give back the text
    assert all(not re.search(r"[\w']", g) for g in gaps)              # no word character is left out of a word

def test_word_is_a_string_that_pickles():
    w = text_words('a Great film')[1]
    assert w == 'Great' and w.span == (2, 7) and isinstance(w, str)
    w2 = pickle.loads(pickle.dumps(w))
    assert (w2, w2.span, w2.part) == ('Great', (2, 7), 0)

def test_delete_words():
    t = "It's a Great film -- don't miss it!"
    ws = text_words(t)
    assert delete_words(t, [ws[2]]) == "It's a film -- don't miss it!"
    assert delete_words(t, [ws[-1]]) == "It's a Great film -- don't miss!"
    assert delete_words(t, []) == t

def test_lime_fit_is_weighted_ridge():
    "`lime_fit` solves the kernel-weighted ridge with an unpenalized intercept: its normal equations hold."
    rng = np.random.default_rng(1)
    keep = lime_samples(6, 40, rng)
    y = keep @ rng.normal(size=6) + rng.normal(scale=0.1, size=40)
    b, X, w = lime_fit(keep, y, alpha=0.5), keep.astype(float), lime_kernel(keep)
    w = w / w.mean()
    c = w @ (y - X @ b) / w.sum()                          # the intercept: weighted mean of what the words leave
    grad = X.T @ (w * (y - X @ b - c)) - 0.5 * b            # zero at the penalized least-squares optimum
    np.testing.assert_allclose(grad, 0, atol=1e-9)

def test_explain_tiny(tiny_predictor):
    p, t = tiny_predictor, "It's a Great film -- don't miss it!"
    e = p.explain(t)
    assert isinstance(e, Explanation) and e.words == ["It's", 'a', 'Great', 'film', "don't", 'miss', 'it']
    assert e.class_name == p.predict(t) and len(e.weights) == len(e.words) and e.weights.dtype == np.float64
    np.testing.assert_allclose(e.probability, p.predict_proba(t).max(), atol=1e-6)
    ci = p.get_classes().index(e.class_name)   # an occlusion weight is the drop measured by deleting the word
    drops = [e.probability - p.predict_proba(delete_words(t, [w]))[ci] for w in e.words]
    np.testing.assert_allclose(e.weights, drops, atol=1e-6)
    assert [w for w, _ in e.as_list()] == [str(e.words[i]) for i in np.argsort(-np.abs(e.weights), kind='stable')]
    assert e.top(2) == e.as_list()[:2]
    assert all(v > 0 for _, v in e.top(3, towards=True)) and all(v < 0 for _, v in e.top(3, towards=False))
    h = e.html()
    assert h == e._repr_html_() and '<span style="background-color:rgba(' in h and e.class_name in h and '<script' not in h
    assert e.class_name in repr(e)

def test_html_escapes_the_text(tiny_predictor):
    h = tiny_predictor.explain('<script>alert("x")</script> & more').html()
    assert '<script' not in h and '</script' not in h and '&lt;' in h and '&amp;' in h

def test_choose_the_class(tiny_predictor):
    p = tiny_predictor
    e_neg, e_pos = p.explain('good fun', class_name='neg'), p.explain('good fun', class_name=1)
    assert (e_neg.class_name, e_pos.class_name) == ('neg', 'pos')
    np.testing.assert_allclose(e_neg.weights, -e_pos.weights, atol=1e-6)   # two classes: what raises one lowers the other
    np.testing.assert_allclose(e_neg.probability + e_pos.probability, 1, atol=1e-6)

def test_lime_is_seeded(tiny_predictor):
    p, t = tiny_predictor, 'a fine cast in a dull and tired film'
    a, b, c = (p.explain(t, method='lime', n_samples=100, seed=s) for s in (0, 0, 1))
    np.testing.assert_array_equal(a.weights, b.weights)
    assert not np.array_equal(a.weights, c.weights) and a.method == 'lime'

def test_unread_words(tiny_predictor):
    e = tiny_predictor.explain(' '.join(['a fine film'] * 12) + ' and a terrible ending')
    assert e.read[:5].all() and not e.read[-4:].any() and (e.weights[~e.read] == 0).all()
    assert 'beyond maxlen' in e.html()

def test_ktrain_signature(tiny_predictor):
    "ktrain's `explain(doc, truncate_len=512, all_targets=False, n_samples=2500)`, then this library's options as keywords only."
    import inspect
    ps = list(inspect.signature(tiny_predictor.explain).parameters.values())
    assert [(q.name, q.default) for q in ps[:4]] == [('doc', inspect.Parameter.empty), ('truncate_len', 512), ('all_targets', False), ('n_samples', 2500)]
    assert [q.name for q in ps[4:]] == ['class_name', 'method', 'seed'] and all(q.kind is q.KEYWORD_ONLY for q in ps[4:])
    p, t = tiny_predictor, 'a fine film with a dull plot'
    assert p.explain(t, 512, False, 2500).as_list() == p.explain(t).as_list()
    es = p.explain(t, all_targets=True)   # every class, each as `class_name` explains it
    assert [e.class_name for e in es] == ['neg', 'pos'] and es._repr_html_().count('<hr') == 1
    for e in es: np.testing.assert_allclose(e.weights, p.explain(t, class_name=e.class_name).weights, atol=1e-9)
    assert p.explain(t, truncate_len=2).words == ['a', 'fine'] and p.explain(t, truncate_len=None).words == t.split()
    np.testing.assert_array_equal(p.explain(t, n_samples=10).weights, p.explain(t).weights)   # occlusion ignores `n_samples`
    lime = [p.explain(t, n_samples=n, method='lime') for n in (20, 200)]   # LIME: 20 variants, or all 2**6 = 64 subsets
    assert not np.allclose(lime[0].weights, lime[1].weights)
    ls = p.explain(t, all_targets=True, n_samples=50, method='lime')
    for e in ls: np.testing.assert_allclose(e.weights, p.explain(t, n_samples=50, method='lime', class_name=e.class_name).weights, atol=1e-8)
    with pytest.raises(ValueError, match='`truncate_len` must be a positive integer'): p.explain(t, 'pos')   # the class is a keyword
    with pytest.raises(ValueError, match='not both'): p.explain(t, all_targets=True, class_name='pos')
    with pytest.raises(TypeError, match='`all_targets` must be True or False'): p.explain(t, all_targets='yes')

@pytest.mark.parametrize('text, err, msg', [
    ('', ValueError, 'has no words to explain'), ('  ?! ', ValueError, 'has no words to explain'),
    (None, TypeError, '`doc` must be a string'), (42, TypeError, '`doc` must be a string'),
    (['a', 'b', 'c'], TypeError, 'call `explain` on each'), (('a', 3), TypeError, 'must be a string')])
def test_bad_text(tiny_predictor, text, err, msg):
    with pytest.raises(err, match=re.escape(msg)): tiny_predictor.explain(text)

@pytest.mark.parametrize('kw, msg', [(dict(class_name='neutral'), "choose one of ['neg', 'pos']"), (dict(class_name=5), 'out of range'),
                                     (dict(class_name=1.0), 'is not a class'), (dict(method='shap'), '`method` must be one of'),
                                     (dict(method='lime', n_samples=3), '`n_samples` must be an integer')])
def test_bad_options(tiny_predictor, kw, msg):
    with pytest.raises(ValueError, match=re.escape(msg)): tiny_predictor.explain('good', **kw)

def test_multilabel_regression_pairs(tiny, tiny_predictor):
    ml = ktrain.get_predictor(transformer('bert', tiny, maxlen=32, task='multilabel', class_names=['plot', 'acting', 'music'], seed=0))
    e = ml.explain('great acting, dull plot', class_name='music')
    assert e.class_name == 'music' and abs(e.probability - ml.predict_proba('great acting, dull plot')[2]) < 1e-6
    assert ml.explain('great acting').class_name == ml.get_classes()[int(np.argmax(ml.predict_proba('great acting')))]
    reg = ktrain.get_predictor(transformer('bert', tiny, maxlen=32, task='regression', seed=0))
    e = reg.explain('great acting, dull plot')
    assert e.class_name is None and abs(e.probability - reg.predict('great acting, dull plot')) < 1e-6 and 'predicted value' in e.html()
    with pytest.raises(ValueError, match='regression model'): reg.explain('good', class_name='pos')
    e = tiny_predictor.explain(('A great film.', 'Great cast'))
    assert [(w, w.part) for w in e.words] == [('A', 0), ('great', 0), ('film', 0), ('Great', 1), ('cast', 1)]
    assert e.text == ('A great film.', 'Great cast') and '&#8214;' in e.html()

def test_classic_model_is_faithful(data):
    "A classic bag-of-words model (NBSVM) explains in its own words, and deleting its top words hurts more than random ones."
    from ktrain_lit.classic import text_classifier
    from ktrain_lit.data import texts_from_array
    sst = pd.read_csv(data/'sst2'/'train.tsv', sep='\t', nrows=2000)
    trn, val, preproc = texts_from_array(sst.sentence, sst.label, class_names=['negative', 'positive'], maxlen=64, verbose=0, random_state=0)
    learner = ktrain.get_learner(text_classifier('nbsvm', trn, preproc, seed=0, verbose=0), trn, val, batch_size=32, seed=0)
    learner.fit_onecycle(1e-2, 2, verbose=0)
    p = ktrain.get_predictor(learner.model, preproc)
    e = p.explain('a charming , funny and moving film')
    assert e.class_name == 'positive' and e.top(1, towards=True)[0][0] in ('charming', 'funny', 'moving')
    dev = pd.read_csv(data/'sst2'/'dev.tsv', sep='\t')
    sents = [s for s in dev.sentence if len(s.split()) >= 6][:30]
    r = deletion_check(p, [p.explain(s) for s in sents], ks=(1, 2, 3))
    assert (r['top'] > r['random'] + 0.02).all(), r

def test_minilm_is_faithful(data):
    "MiniLM fine-tuned briefly on SST-2: deleting the top-weighted words lowers the probability more than deleting random ones."
    from ktrain_lit.data import texts_from_array
    sst = pd.read_csv(data/'sst2'/'train.tsv', sep='\t', nrows=600)
    trn, val, preproc = texts_from_array(sst.sentence, sst.label, class_names=['negative', 'positive'], preprocess_mode='bert',
                                         maxlen=64, val_pct=0.1, random_state=0, verbose=0)
    learner = ktrain.get_learner(transformer('bert', maxlen=64, seed=0), trn, val, batch_size=16, seed=0)
    learner.fit_onecycle(1e-4, 1, verbose=0)
    p = ktrain.get_predictor(learner.model, preproc)
    dev = pd.read_csv(data/'sst2'/'dev.tsv', sep='\t')
    sents = [s for s in dev.sentence if len(s.split()) >= 6][:20]
    r = deletion_check(p, [p.explain(s) for s in sents], ks=(1, 2, 0.2))
    assert (r['top'] > r['random'] + 0.05).all(), r
