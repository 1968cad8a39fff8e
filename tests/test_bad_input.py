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
    with pytest.raises(FileNotFoundError, match='`fpath`: no predictor folder'): ktrain.load_predictor(tmp_path/'none')
    with pytest.raises(ValueError, match='not a ktrain_lit predictor folder'): ktrain.load_predictor(tmp_path)

def test_loader_mistakes(tmp_path):
    with pytest.raises(TypeError, match=r'`x_train\[1\]` is int'): text.texts_from_array(['good', 3], [1, 0])
    with pytest.raises(ValueError, match=r'`y_train` has 1 missing label'): text.texts_from_array(['good', 'bad'], [1.0, float('nan')])
    with pytest.raises(ValueError, match='single class'): text.texts_from_array(['good', 'bad'], ['pos', 'pos'])
    with pytest.raises(ValueError, match='`val_pct` must be a fraction'): text.texts_from_array(['a', 'b', 'c'], [1, 0, 1], val_pct=1)
    with pytest.raises(FileNotFoundError, match="`preprocess_mode`='robrta' is neither"):
        text.texts_from_array(['good', 'bad'], [1, 0], preprocess_mode='robrta')
    with pytest.raises(FileNotFoundError, match='no class folders'): text.texts_from_folder(tmp_path)
    with pytest.raises(ValueError, match='`train_test_names` must be two different folder names'):
        text.texts_from_folder(tmp_path, train_test_names='train')

def test_dataset_offline(tmp_path):
    with pytest.raises(FileNotFoundError, match='place aclImdb_v1.tar.gz'): text.datasets.imdb(cache=tmp_path, download_ok=False)
    with pytest.raises(ValueError, match='does not hold twenty_newsgroups'): text.datasets.twenty_newsgroups(path=tmp_path)


# --- loaders: nothing silent (issue 15) ---

def _csv(path, text):
    path.write_text(text); return path

def test_csv_missing_cells_named(tmp_path):
    f = _csv(tmp_path/'d.csv', 'text,label\nhello,pos\nbye,\nfine,neg\nok,pos\n')
    with pytest.raises(ValueError, match=r"column 'label' has 1 missing label\(s\) .* at row\(s\) \[1\]") as e: text.texts_from_csv(f, 'text', 'label')
    assert str(f) in str(e.value)
    f = _csv(tmp_path/'t.csv', 'text,label\nhello,pos\n,neg\nNA,pos\n')   # an empty text is missing; the text 'NA' is a text
    with pytest.raises(ValueError, match=r"column 'text' has 1 missing text\(s\) .* at row\(s\) \[1\]"): text.texts_from_csv(f, 'text', 'label')

def test_validation_labels_by_value(tmp_path):
    (_, y), (_, yv), p = text.texts_from_array(list('abcd'), [1, 2, 3, 4], list('efg'), [1, 2, 3], verbose=0)
    assert p.class_names == ['1', '2', '3', '4'] and yv.argmax(1).tolist() == [0, 1, 2]   # one-hot rows, as ktrain's
    tr, va = _csv(tmp_path/'tr.csv', 'text,label\na,1\nb,2\nc,3\nd,4\n'), _csv(tmp_path/'va.csv', 'text,label\ne,1\nf,2\ng,3\n')
    assert text.texts_from_csv(tr, 'text', 'label', val_filepath=va, verbose=0)[1][1].argmax(1).tolist() == [0, 1, 2]
    with pytest.raises(ValueError, match=r"`y_test` has label\(s\) \['9'\] that are not among the classes"):
        text.texts_from_array(list('ab'), [1, 2], ['c'], [9])
    with pytest.raises(ValueError, match='no class or several'): text.texts_from_array(list('ab'), [[1, 0], [0, 1]], ['c'], [[1, 1]])

def test_folder_encoding_binary_and_classes(tmp_path):
    for split, classes in (('train', 'ab'), ('test', 'ab')):
        for c in classes:
            (tmp_path/split/c).mkdir(parents=True)
            for i in range(3): (tmp_path/split/c/f'{i}.txt').write_text(f'{c} {i}')
    (tmp_path/'train'/'a'/'bad.txt').write_bytes(b'caf\xe9')
    with pytest.raises(ValueError, match=r"not valid UTF-8 \(a/bad.txt\).*encoding='cp1252'"): text.texts_from_folder(tmp_path)
    assert 'café' in text.texts_from_folder(tmp_path, encoding='cp1252', verbose=0)[0][0].texts
    (tmp_path/'train'/'a'/'bad.txt').unlink()
    (tmp_path/'train'/'a'/'img.png').write_bytes(b'\x89PNG\r\n\x1a\n\x00\x00'); (tmp_path/'train'/'a'/'.DS_Store').write_bytes(b'\x00')
    with pytest.warns(UserWarning, match=r'Skipped 1 entries .*1 binary file\(s\) \(a/img.png\)'):
        (x, _), _, _ = text.texts_from_folder(tmp_path, verbose=0)
    assert len(x) == 6
    (tmp_path/'test'/'c').mkdir(); (tmp_path/'test'/'c'/'0.txt').write_text('c 0')
    with pytest.raises(ValueError, match=r"has texts of class\(es\) \['c'\] that .* has none of"): text.texts_from_folder(tmp_path)

def test_csv_file_mistakes(tmp_path):
    f = _csv(tmp_path/'d.tsv', 'text\tlabel\nhello\t1\nbye, you, all\t0\n')
    with pytest.raises(ValueError, match="pass `sep='\\\\t'`") as e: text.texts_from_csv(f, 'text', 'label')
    assert str(f) in str(e.value)
    (tmp_path/'b.csv').write_bytes(bytes(range(256)))
    with pytest.raises(ValueError, match='is a binary file'): text.texts_from_csv(tmp_path/'b.csv', 'text', 'label')
    (tmp_path/'l.csv').write_bytes(b'text,label\ncaf\xe9,1\nok,0\n')
    with pytest.raises(ValueError, match=r"byte 0xe9 .* not valid utf-8.*errors='replace'"): text.texts_from_csv(tmp_path/'l.csv', 'text', 'label')

def test_targets_and_texts():
    with pytest.raises(ValueError, match=r'`y_train` cannot be regression targets: 1 value\(s\) are not finite numbers, at row\(s\) \[1\]'):
        text.texts_from_array(['a', 'b', 'c'], [0.5, float('inf'), 1.0], is_regression=True)
    with pytest.raises(ValueError, match=r'`x_train\[1\]` holds a lone surrogate \(U\+D800\)'): text.texts_from_array(['a', 'b\ud800'], [0, 1])
    with pytest.raises(ValueError, match='`random_state` must be None or a non-negative integer'): text.texts_from_array(['a', 'b', 'c'], [0, 1, 1], random_state=1.5)
    with pytest.raises(TypeError, match='`class_names` must be a list of names'): text.texts_from_array(['a', 'b'], [0, 1], class_names='ab')

@pytest.mark.parametrize('call,error,message', [
    (lambda d: d.get_strategy('mirror'), ValueError, "`strategy` must be one of (None, 'auto', 'mirrored', 'tpu', 'multi_worker')"),
    (lambda d: d.get_strategy(['/cpu:0']), TypeError, '`strategy` must be one of'),
    (lambda d: d.check_precision('fp16'), ValueError, "`precision` must be one of ('float32', 'mixed_bfloat16', 'mixed_float16')"),
    (lambda d: d.distribute(precision=16).__enter__(), TypeError, '`precision` must be one of'),
    (lambda d: d.tpu_strategy(), ValueError, 'No TPU is reachable from this machine'),
    (lambda d: d.read_tf_config('{"cluster": {"worker": ["h:1"]}, "task": {"type": "worker", "index": 1'), ValueError, '`TF_CONFIG` is not valid JSON'),
    (lambda d: d.read_tf_config('{"cluster": {"worker": ["h:1"]}, "task": {"type": "worker", "index": 3}}'), ValueError, '`index` must be a worker number in 0..0'),
    (lambda d: d.read_tf_config('{"cluster": {"worker": ["h:1"]}, "task": {"type": "chief", "index": 0}}'), ValueError, "task type must be 'worker'"),
    (lambda d: d.tf_config(['127.0.0.1:99999'], 0), ValueError, 'port in 1..65535'),
    (lambda d: d.tf_config([], 0), TypeError, '`workers` must be a non-empty list'),
    (lambda d: d.scaled_lr(1e-3, 64, 32, rule='square'), ValueError, "`rule` must be 'linear' or 'sqrt'"),
    (lambda d: d.TrainingBackup(''), TypeError, '`folder` must be a folder path'),
    (lambda d: d.TrainingBackup('backup', every=0), ValueError, '`every` must be'),
])
def test_distribute_arguments(call, error, message):
    "The distributed-training switches (nbs/26_distributed) refuse bad input by name; a refused block leaves the dtype policy alone."
    from ktrain_lit import distributed as d
    from ktrain_lit.core import keras
    with pytest.raises(error, match=__import__('re').escape(message)): call(d)
    assert keras.config.dtype_policy().name == 'float32'

def test_distribute_names():
    "`ktrain.distribute` is the block and `ktrain_lit.distributed` its module, whatever was imported first."
    import ktrain_lit
    from ktrain_lit import distributed
    assert ktrain_lit.distribute is distributed.distribute and ktrain_lit.distributed is distributed
