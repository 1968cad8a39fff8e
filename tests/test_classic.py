"Classic models (`preprocess_mode='standard'`): every model type survives a save/load round trip, and bad input fails clearly."
import numpy as np, pandas as pd, pytest
import ktrain_lit as ktrain
from ktrain_lit import classic
from ktrain_lit.classic import text_classifier, text_regression_model, read_word_vectors
from ktrain_lit.core import keras
from ktrain_lit.data import texts_from_df
from ktrain_lit.models import LIBRARY_CLASSES
from ktrain_lit.texts import check_texts

SMALL = dict(fasttext=dict(embed_dim=8, hidden=8), logreg={}, nbsvm={}, bigru=dict(embed_dim=8, units=4), standard_gru=dict(embed_dim=8, units=8))

@pytest.fixture(scope='module')
def sms(data):
    df = pd.read_csv(data/'sms_spam'/'SMSSpamCollection', sep='\t', header=None, names=['label', 'text'], quoting=3)
    return texts_from_df(df[:120], 'text', 'label', val_df=df[120:160], maxlen=32, max_features=2000, verbose=0)

@pytest.fixture(scope='module')
def ratings(data):
    df = pd.read_csv(data/'imdb'/'imdb_subset_train_1000.csv').sample(120, random_state=0)
    return texts_from_df(df[:80], 'text', 'rating', val_df=df[80:], maxlen=64, max_features=2000, is_regression=True, verbose=0)

def round_trip(model, train, val, preproc, folder):
    "Train one short epoch, save the predictor, load it back: return (model, reloaded predictor, texts, probabilities before)."
    learner = ktrain.get_learner(model, train, val, batch_size=16, seed=0)
    learner.fit_onecycle(1e-2, 1, verbose=0)
    p = ktrain.get_predictor(learner.model, preproc)
    texts = list(check_texts(val[0], 'x')[:20])   # a loader's word ids keep their texts
    before = p.predict_proba(texts)
    return ktrain.load_predictor(p.save(folder)), texts, before

@pytest.mark.parametrize('name', list(SMALL))
def test_classifier_round_trip(name, sms, tmp_path):
    (x, y), val, preproc = sms
    model = text_classifier(name, (x, y), preproc, seed=0, verbose=0, **SMALL[name])
    loaded, texts, before = round_trip(model, (x, y), val, preproc, tmp_path/name)
    assert type(loaded.model) is type(model) and loaded.model.get_config() == model.get_config()
    np.testing.assert_allclose(loaded.predict_proba(texts), before, atol=1e-6)
    assert loaded.predict(texts[:2]) == ktrain.get_predictor(model, preproc).predict(texts[:2])
    if name == 'nbsvm':   # the ratios are weights: they travel with the model
        np.testing.assert_array_equal(loaded.model.head.ratios.numpy(), model.head.ratios.numpy())
        assert np.abs(model.head.ratios.numpy()).sum() > 0

@pytest.mark.parametrize('name', ['linreg', 'fasttext'])
def test_regression_round_trip(name, ratings, tmp_path):
    (x, y), val, preproc = ratings
    model = text_regression_model(name, (x, y), preproc, seed=0, verbose=0, **SMALL.get(name, {}))
    assert model.task == 'regression' and model.head.units == 1
    loaded, texts, before = round_trip(model, (x, y), val, preproc, tmp_path/name)
    np.testing.assert_allclose(loaded.predict_proba(texts), before, atol=1e-6)
    assert all(isinstance(v, float) for v in loaded.predict(texts[:3]))

def test_safe_keras_file(sms, tmp_path):
    "The .keras file loads with safe_mode=True through the library's registry alone (no Lambda layers, no pickles)."
    (x, y), _, preproc = sms
    model = text_classifier('nbsvm', (x, y), preproc, seed=0, verbose=0)
    f = tmp_path/'m.keras'; model.save(f)
    with keras.saving.custom_object_scope(LIBRARY_CLASSES):
        m2 = keras.saving.load_model(f, compile=False, safe_mode=True)
    for a, b in zip(m2.get_weights(), model.get_weights()): np.testing.assert_array_equal(a, b)

def test_ktrain_id_arrays_refused(sms):
    (x, y), _, preproc = sms
    ids = np.array([[2, 3, 0], [4, 5, 6]])
    with pytest.raises(TypeError, match='holds numbers, not texts'): text_classifier('fasttext', (ids, y[:2]), preproc, verbose=0)

def test_labels_of_another_task(sms, ratings):
    (x, y), _, preproc = sms
    with pytest.raises(ValueError, match='has regression labels but `preproc` was fitted for classification'):
        text_classifier('logreg', (x[:3], np.array([0.5, 1.5, 2.5])), preproc, verbose=0)

def test_word_vectors_only_for_bigru(sms, tmp_path):
    (x, y), _, preproc = sms
    (tmp_path/'w.vec').write_text('free 1 2\n')
    with pytest.raises(ValueError, match="`wv_path_or_url` is for 'bigru' only"):
        text_classifier('fasttext', (x, y), preproc, wv_path_or_url=tmp_path/'w.vec', verbose=0)

def test_bad_word_vector_file(tmp_path):
    (tmp_path/'bad.vec').write_text('2 3\nthe 1 2 3\nfilm 1\n')
    with pytest.raises(ValueError, match=r'line 3: 1 number\(s\) where 3 were expected'): read_word_vectors(tmp_path/'bad.vec')
    (tmp_path/'empty.vec').write_text('')
    with pytest.raises(ValueError, match='holds no word vectors'): read_word_vectors(tmp_path/'empty.vec')

def test_metrics_warning(sms):
    (x, y), _, preproc = sms
    with pytest.warns(UserWarning, match='accepted for ktrain compatibility'):
        text_classifier('logreg', (x, y), preproc, metrics=['AUC'], verbose=0)

def test_preproc_required_and_modes(sms):
    "`preproc` comes from the loader's word ids when not given (ktrain 0.41 requires it); plain texts need it; a transformer name needs a transformer mode."
    (x, y), _, preproc = sms
    assert text_classifier('nbsvm', (x, y), verbose=0).class_names == preproc.class_names   # the preprocessor `x` carries
    with pytest.raises(ValueError, match='`preproc` must be the TextPreprocessor'): text_classifier('nbsvm', (list(x.texts), y), verbose=0)
    with pytest.raises(ValueError, match='`preproc` must be the TextPreprocessor'): text_regression_model('linreg', (list(x.texts), y), verbose=0)
    with pytest.raises(ValueError, match=r'build it with `text.transformer\('): text_classifier('distilbert', (x, y), preproc, verbose=0)
    with pytest.raises(ValueError, match=r"choose one of \['fasttext', 'logreg', 'nbsvm', 'bigru', 'standard_gru'\]"): text_classifier('svm', (x, y), preproc, verbose=0)
    assert set(classic.TRANSFORMER_NAMES) <= set(classic.TEXT_CLASSIFIERS) & set(classic.TEXT_REGRESSION_MODELS)
