"Bad input at each public entry point raises a clear error that names the argument."
import numpy as np, pytest
import ktrain_lit as ktrain
from ktrain_lit import text


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match='`datadir`: no folder'): text.texts_from_folder(tmp_path/'nope')

def test_folder_without_classes(tmp_path):
    (tmp_path/'train'/'only').mkdir(parents=True); (tmp_path/'train'/'only'/'a.txt').write_text('x')
    with pytest.raises(ValueError, match='at least two are needed'): text.texts_from_folder(tmp_path)

def test_empty_texts():
    with pytest.raises(ValueError, match='`x_train` is empty'): text.texts_from_array([], [])

def test_labels_of_wrong_length():
    with pytest.raises(ValueError, match='`y_train` has 3 labels but there are 2 texts'): text.texts_from_array(['a', 'b'], [0, 1, 0])

def test_csv_without_column(tmp_path):
    f = tmp_path/'d.csv'; f.write_text('text,label\nhello,1\nbye,0\n')
    with pytest.raises(ValueError, match=r"has no column\(s\) \['sentence'\]"): text.texts_from_csv(f, 'sentence', 'label')

def test_unknown_checkpoint(tmp_path, monkeypatch):
    monkeypatch.setenv('KTRAIN_LIT_MODELS', str(tmp_path))
    with pytest.raises(FileNotFoundError, match='bert-base-uncased') as e: text.transformer('bert', 'bert-base-uncased')
    assert str(tmp_path/'bert-base-uncased') in str(e.value)          # it says where it looked

def test_unknown_family(tiny):
    with pytest.raises(ValueError, match="`family` 't5' is not supported: supported families are"): text.transformer('t5', tiny)
    with pytest.raises(ValueError, match="holds a 'bert' model, not 'xlnet'"): text.transformer('xlnet', tiny)

def test_folder_without_weights(tmp_path):
    (tmp_path/'config.json').write_text('{"model_type": "roberta"}')
    with pytest.raises(FileNotFoundError, match='has a config.json but no weights'): text.transformer('roberta', tmp_path)

def test_bad_maxlen(tiny):
    with pytest.raises(ValueError, match='`maxlen` must be an integer'): text.transformer('bert', tiny, maxlen=0)

def test_learner_and_predictor(tiny):
    model = text.transformer('bert', tiny, maxlen=32)
    with pytest.raises(TypeError, match='`train_data` must be an `\\(x, y\\)` pair'): ktrain.get_learner(model, ['a', 'b'])
    learner = ktrain.get_learner(model, (['good', 'bad', 'fine', 'awful'], [1, 0, 1, 0]))
    with pytest.raises(ValueError, match='`lr` must be a positive number'): learner.fit_onecycle(-1, 1)
    p = ktrain.get_predictor(learner.model)
    with pytest.raises(ValueError, match='`texts` is empty'): p.predict([])
    with pytest.raises(ValueError, match=r'`texts` has 1 missing text'): p.predict([None])
    with pytest.raises(TypeError, match=r'`texts\[1\]` is int'): p.predict(['ok', 3])

def test_load_predictor_bad_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match='`folder`: no predictor folder'): ktrain.load_predictor(tmp_path/'none')
    with pytest.raises(ValueError, match='not a ktrain_lit predictor folder'): ktrain.load_predictor(tmp_path)

def test_loader_mistakes(tmp_path):
    with pytest.raises(TypeError, match=r'`x_train\[1\]` is int'): text.texts_from_array(['good', 3], [1, 0])
    with pytest.raises(ValueError, match=r'`y_train` has 1 missing label'): text.texts_from_array(['good', 'bad'], [1.0, float('nan')])
    with pytest.raises(ValueError, match='single class'): text.texts_from_array(['good', 'bad'], ['pos', 'pos'])
    with pytest.raises(ValueError, match='`val_pct` must be a fraction'): text.texts_from_array(['a', 'b', 'c'], [1, 0, 1], val_pct=1)
    with pytest.raises(FileNotFoundError, match="`preprocess_mode`='robrta' is neither"):
        text.texts_from_array(['good', 'bad'], [1, 0], preprocess_mode='robrta')
    with pytest.raises(FileNotFoundError, match='no class folders'): text.texts_from_folder(tmp_path)
    with pytest.raises(ValueError, match='`train_test_names` must be two folder names'):
        text.texts_from_folder(tmp_path, train_test_names='train')

def test_dataset_offline(tmp_path):
    with pytest.raises(FileNotFoundError, match='place aclImdb_v1.tar.gz'): text.datasets.imdb(cache=tmp_path, download_ok=False)
    with pytest.raises(ValueError, match='does not hold twenty_newsgroups'): text.datasets.twenty_newsgroups(path=tmp_path)
