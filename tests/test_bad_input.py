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
    with pytest.raises(ValueError, match="`family` 'xlnet' is not supported yet"): text.transformer('xlnet', tiny)

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
