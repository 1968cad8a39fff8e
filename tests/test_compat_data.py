"""ktrain's loaders and preprocessor methods, called as ktrain programs call them (positional arguments where ktrain
users pass them so, ktrain's keyword names otherwise): the same classes, in the same order, the same defaults, Chinese
detected and segmented, files in other encodings read with `encoding=`, and bad input named by its argument."""
import gzip, inspect, re
import numpy as np, pandas as pd, pytest
from ktrain_lit import text


@pytest.fixture(scope='module')
def zh_reviews(data):
    "40 distinct positive and 40 distinct negative Chinese reviews."
    out = {}
    for c in ('pos', 'neg'):
        with gzip.open(data/'chinese_reviews'/f'{c}.txt.gz', 'rt', encoding='utf-8') as f:
            out[c] = list(dict.fromkeys(l.strip() for l in f if l.strip()))[:40]
    return out

def write_folders(root, texts_by_class, encoding='utf-8', split='train'):
    "ktrain's folder layout: `root/<split>/<class>/<n>.txt`."
    for c, texts in texts_by_class.items():
        d = root/split/c
        d.mkdir(parents=True, exist_ok=True)
        for i, t in enumerate(texts): (d/f'{i}.txt').write_bytes(t.encode(encoding))
    return root

EN = {'pos': [f'a great film number {i}, wonderful and moving' for i in range(12)],
      'neg': [f'a dull film number {i}, boring and far too long' for i in range(12)]}


# ---------------------------------------------------------------------------------------------------------------
# texts_from_folder

def test_folder_classes_are_sorted_as_ktrain(tmp_path):
    write_folders(tmp_path, EN); write_folders(tmp_path, EN, split='test')
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(str(tmp_path), maxlen=50, preprocess_mode='standard',
                                                                           train_test_names=['train', 'test'], classes=['pos', 'neg'], verbose=0)
    assert preproc.get_classes() == ['neg', 'pos']                        # scikit-learn's load_files sorts, so ktrain does
    assert (len(x_train), len(x_test)) == (24, 24)
    assert np.shape(x_train) == (24, 50) and np.shape(y_train) == (24, 2)      # ktrain's arrays: word ids, one-hot rows
    assert all((('dull' in t) == (y.argmax() == 0)) for t, y in zip(x_train.texts, y_train))
    assert text.texts_from_folder(tmp_path, verbose=0)[2].get_classes() == ['neg', 'pos']

def test_folder_one_name_holds_out_val_pct(tmp_path):
    write_folders(tmp_path, EN); write_folders(tmp_path, EN, split='test')
    (x_tr, _), (x_va, _), _ = text.texts_from_folder(tmp_path, train_test_names=['train'], val_pct=0.25, random_state=0, verbose=0)
    assert (len(x_tr), len(x_va)) == (18, 6)                               # test/ is not read: ktrain splits train/

def test_folder_positional_arguments_as_ktrain(tmp_path):
    write_folders(tmp_path, EN)
    # ktrain's order: datadir, classes, max_features, maxlen, ngram_range, train_test_names, preprocess_mode
    _, _, preproc = text.texts_from_folder(tmp_path, None, 100, 30, 2, ['train'], 'standard', verbose=0)
    assert (preproc.max_features, preproc.maxlen, preproc.ngram_range, preproc.ngram_count()) == (100, 30, 2, 2)

def test_folder_gb18030_chinese(tmp_path, zh_reviews):
    write_folders(tmp_path, zh_reviews, encoding='gb18030')
    with pytest.raises(ValueError, match='not valid UTF-8'): text.texts_from_folder(tmp_path, verbose=0)
    (x_tr, _), (x_va, _), preproc = text.texts_from_folder(tmp_path, maxlen=100, train_test_names=['train'], encoding='gb18030',
                                                           val_pct=0.1, random_state=0, verbose=0)
    assert set(x_tr.texts) | set(x_va.texts) == set(zh_reviews['pos']) | set(zh_reviews['neg'])
    assert (preproc.lang, preproc.is_chinese(), preproc.get_classes()) == ('zh', True, ['neg', 'pos'])

def test_folder_gbk(tmp_path, zh_reviews):
    def gbk(t):
        try: return t.encode('gbk') and True
        except UnicodeEncodeError: return False
    texts = {c: [t for t in v if gbk(t)][:10] for c, v in zh_reviews.items()}
    write_folders(tmp_path, texts, encoding='gbk')
    (x_tr, _), (x_va, _), preproc = text.texts_from_folder(tmp_path, encoding='GBK', random_state=0, verbose=0)
    assert set(x_tr.texts) | set(x_va.texts) == set(texts['pos']) | set(texts['neg']) and preproc.lang == 'zh'

def test_folder_lang_given(tmp_path, zh_reviews):
    write_folders(tmp_path, zh_reviews)
    _, _, zh = text.texts_from_folder(tmp_path, lang='zh-cn', verbose=0)
    _, _, raw = text.texts_from_folder(tmp_path, lang='und', verbose=0)
    assert (zh.lang, zh.is_chinese(), raw.is_chinese()) == ('zh-cn', True, False)
    review = zh_reviews['pos'][0]
    assert zh.lengths([review])[0] > raw.lengths([review])[0]                   # words, not clauses

def test_folder_bert(tmp_path):
    write_folders(tmp_path, EN)
    (x_tr, y_tr), _, preproc = text.texts_from_folder(tmp_path, maxlen=32, preprocess_mode='bert', train_test_names=['train'],
                                                      random_state=0, verbose=0)
    assert preproc.is_transformer and preproc.get_classes() == ['neg', 'pos']
    x = preproc.preprocess(['a great film'])
    assert preproc.undo(x['token_ids'][0])[0] == '[CLS]'
    assert preproc.get_tokenizer() is preproc.tokenizer and preproc.get_preprocessor() == (preproc.tokenizer, None)


# ---------------------------------------------------------------------------------------------------------------
# texts_from_csv, texts_from_df, texts_from_array

def test_csv_label_columns_list(tmp_path):
    f = tmp_path/'train.csv'
    pd.DataFrame({'comment_text': EN['pos'] + EN['neg'], 'toxic': [0] * 12 + [1] * 12, 'insult': [0] * 12 + [1, 0] * 6}).to_csv(f, index=False)
    (x_tr, y_tr), (x_va, y_va), preproc = text.texts_from_csv(str(f), 'comment_text', label_columns=['toxic', 'insult'],
                                                              val_filepath=None, max_features=1000, maxlen=50, ngram_range=1,
                                                              preprocess_mode='standard', random_state=0, verbose=0)
    assert preproc.get_classes() == ['toxic', 'insult'] and preproc.multilabel and y_tr.shape[1] == 2
    assert text.texts_from_csv(f, 'comment_text', ['toxic'], verbose=0)[2].maxlen == 400      # ktrain's default maxlen

def test_csv_is_regression_and_gb18030(tmp_path, zh_reviews):
    f = tmp_path/'scores.csv'
    texts = zh_reviews['pos'] + zh_reviews['neg']
    pd.DataFrame({'text': texts, 'score': [4.5] * 40 + [1.0] * 40}).to_csv(f, index=False, encoding='gb18030')
    with pytest.raises(ValueError, match="Pass the file's `encoding`"): text.texts_from_csv(f, 'text', 'score', is_regression=True)
    (x_tr, y_tr), _, preproc = text.texts_from_csv(f, 'text', label_columns=['score'], encoding='gb18030', is_regression=True,
                                                   random_state=0, verbose=0)
    assert (preproc.task, preproc.get_classes(), preproc.lang) == ('regression', [], 'zh')
    assert y_tr.dtype == np.float32 and set(x_tr.texts) <= set(texts)

def test_df_as_ktrain(tmp_path):
    df = pd.DataFrame({'text': EN['pos'] + EN['neg'], 'label': ['pos'] * 12 + ['neg'] * 12})
    (x_tr, y_tr), (x_va, y_va), preproc = text.texts_from_df(df, 'text', label_columns=['label'], val_df=df.head(4), maxlen=20,
                                                             preprocess_mode='standard', verbose=0)
    assert preproc.get_classes() == ['neg', 'pos'] and len(x_va) == 4 and y_va.tolist() == [[0, 1]] * 4   # one-hot, as ktrain
    assert inspect.signature(text.texts_from_df).parameters['maxlen'].default == 400

def test_array_class_names(tmp_path):
    x = EN['neg'] + EN['pos']
    (x_tr, y_tr), (x_va, y_va), preproc = text.texts_from_array(x_train=x, y_train=[0] * 12 + [1] * 12, x_test=x[:2], y_test=[0, 0],
                                                                class_names=['negative', 'positive'], preprocess_mode='standard',
                                                                maxlen=30, ngram_range=1, verbose=0)
    assert preproc.get_classes() == ['negative', 'positive'] and y_va.tolist() == [[1, 0], [1, 0]]

def test_array_bert_pairs():
    pairs = [('a man plays', 'a person plays'), ('a cat sleeps', 'stocks fell')] * 4
    (x_tr, _), _, preproc = text.texts_from_array(pairs, [4.5, 0.5] * 4, preprocess_mode='bert', maxlen=64, is_regression=True,
                                                  random_state=0, verbose=0)
    assert preproc.task == 'regression' and x_tr.shape[1] == 2
    assert preproc.preprocess(x_tr[:1])['segment_ids'].max() == 1


# ---------------------------------------------------------------------------------------------------------------
# the preprocessor's ktrain methods

@pytest.fixture
def std():
    return text.texts_from_array(EN['neg'] + EN['pos'], [0] * 12 + [1] * 12, class_names=['neg', 'pos'], maxlen=20,
                                 ngram_range=2, random_state=0, verbose=0)[2]

def test_preprocess_and_undo(std):
    x = std.preprocess(['a great film', 'boring'])['token_ids']
    assert x.shape == (2, 5) and std.undo(x[0]) == 'a great film' and std.undo(x[1]) == 'boring'
    assert std.get_classes() == ['neg', 'pos']

def test_seqlen_stats_and_print(std, capsys):
    assert text.TextPreprocessor.seqlen_stats(['a b', 'a b c d']) == {'mean': 3.0, '95percentile': 3.9, '99percentile': 3.98}
    std.print_seqlen_stats(['a great film'], 'train')
    assert capsys.readouterr().out == 'train sequence lengths:\n\tmean : 5\n\t95percentile : 5\n\t99percentile : 5\n'   # 3 words, 2 bigrams

def test_tokenizer_preprocessor_ngrams(std):
    words, ngrams = std.get_preprocessor()
    assert words == std.get_tokenizer() and 'great' in words and all(' ' not in w for w in words)
    assert ('great', 'film') in ngrams and std.ngram_count() == 2

def test_multilabel_and_classes(std, capsys):
    std.set_multilabel((None, np.array([[1, 1], [0, 1]])), 'train')
    assert capsys.readouterr().out == 'Is Multi-Label? True\n' and std.multilabel
    std.set_multilabel(np.array([0, 1]), 'train', verbose=0)
    assert not std.multilabel
    with pytest.warns(UserWarning, match='`classes` is the old name'): assert std.migrate_classes([], ['a', 'b']) == ['a', 'b']

def test_check_trained():
    with pytest.warns(UserWarning, match='never fitted'): text.TextPreprocessor().check_trained()

def test_chinese_detection_and_segmentation(zh_reviews):
    zh = zh_reviews['pos'][:20] + zh_reviews['neg'][:20]
    assert text.detect_lang(zh) == 'zh' and text.detect_lang(EN['pos']) == 'und'
    assert [text.is_chinese(l) for l in ('zh-cn', 'zh-tw', 'zh', 'ja', None)] == [True, True, True, False, False]
    assert [text.is_nospace_lang(l) for l in ('zh-cn', 'ja', 'th', 'en')] == [True, True, True, False]
    p = text.TextPreprocessor()
    assert p.process_chinese(['这本书很好看']) == ['这 本书 很 好看'] and p.process_chinese(['这本书很好看'], lang='und') == ['这本书很好看']
    assert p.process_chinese('这本书很好看') == ['这 本书 很 好看']   # one string: a list of one, as ktrain
    _, _, preproc = text.texts_from_array(zh, [1] * 20 + [0] * 20, class_names=['neg', 'pos'], random_state=0, verbose=0)
    assert preproc.lang == 'zh' and preproc.tokens('质量不错') == ['质量', '不错']
    assert preproc.undo(preproc.preprocess(['这本书很好看'])['token_ids'][0]).count(' ') >= 1   # word ids, back as words

def test_loader_prints_language(capsys, zh_reviews):
    text.texts_from_array(zh_reviews['pos'][:10] + zh_reviews['neg'][:10], [1] * 10 + [0] * 10, random_state=0)
    assert 'language: zh (Chinese: texts segmented into words with jieba' in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------------------
# bad input: a clear error that names the argument

@pytest.mark.parametrize('kwargs, match', [
    (dict(encoding='utf-9'), "`encoding` 'utf-9' is not an encoding"),
    (dict(train_test_names='train'), '`train_test_names` must be two different folder names'),
    (dict(classes='pos'), '`classes` must be a list of class-folder names'),
    (dict(classes=['pos', 'neutral']), "`classes` names ['neutral']"),
    (dict(lang='Chinese!'), '`lang` must be a language code'),
    (dict(maxlen=0), '`maxlen` must be a positive integer'),
    (dict(preprocess_mode='robrta'), "`preprocess_mode`='robrta' is neither"),
])
def test_folder_bad_arguments(tmp_path, kwargs, match):
    write_folders(tmp_path, EN)
    with pytest.raises((ValueError, TypeError, FileNotFoundError), match=re.escape(match)):
        text.texts_from_folder(tmp_path, verbose=0, **kwargs)

def test_csv_bad_arguments(tmp_path):
    f = tmp_path/'d.csv'; pd.DataFrame({'text': EN['pos'] + EN['neg'], 'label': [1] * 12 + [0] * 12}).to_csv(f, index=False)
    with pytest.raises(ValueError, match=r"has no column\(s\) \['labels'\]"): text.texts_from_csv(f, 'text', ['labels'])
    with pytest.raises(ValueError, match='`sep` must be a separator'): text.texts_from_csv(f, 'text', 'label', sep='')
    with pytest.raises(FileNotFoundError, match='`val_filepath`: no file'): text.texts_from_csv(f, 'text', 'label', val_filepath=tmp_path/'no.csv')
    with pytest.raises(TypeError, match='`is_regression` must be True or False'): text.texts_from_csv(f, 'text', 'label', is_regression='yes')

def test_japanese_standard_refused():
    with pytest.raises(ValueError, match="`lang` is 'ja', a language written without spaces"):
        text.texts_from_array(['この本は面白い', 'つまらない本だ'] * 3, [1, 0] * 3, verbose=0)

def test_preprocessor_bad_arguments():
    with pytest.raises(ValueError, match='`list_of_texts` must be a non-empty list'): text.TextPreprocessor.seqlen_stats([])
    with pytest.raises(ValueError, match='`lang` must be a language code'): text.TextPreprocessor().process_chinese(['好'], lang=3)
    with pytest.raises(ValueError, match='`texts` is None'): text.TextPreprocessor().process_chinese(None)
    with pytest.raises(TypeError, match='`class_names` must be a list of names'): text.TextPreprocessor().set_classes('neg')
