"""Every transformer family, from a tiny random Hugging Face checkpoint (tests/fixtures/hf/<family>/), against the
outputs Hugging Face transformers computed for it (reference.json; see tests/fixtures/README.md): the library's
tokenizer gives the same ids on tricky strings, and its backbone the same hidden states within 1e-4.
The same checkpoint re-saved as a keras-hub preset loads to the same function."""
import json
from pathlib import Path
import numpy as np, pytest
from ktrain_lit.checkpoints import FAMILIES
from ktrain_lit.tokenizer import TransformerTokenizer, tokenizer_files, tokenizer_settings
from ktrain_lit.batches import pad_batch
from ktrain_lit.models import load_backbone, transformer, wants_exact_gelu, set_exact_gelu
from ktrain_lit.convert import HF_CONVERTERS, hf_fixups, apply_fixups

FIXTURES = Path(__file__).parent/'fixtures'
FAMILY_NAMES = sorted(FAMILIES)
TOL = 1e-4

def reference(family):
    f = FIXTURES/'hf'/family/'reference.json'
    if not f.is_file(): pytest.fail(f"missing fixture {f}: run tests/fixtures/make_fixtures.py")
    return json.loads(f.read_text())

def hidden_states(backbone, ex):
    ids = np.array([ex['input_ids']], 'int32')
    seg = np.array([ex['token_type_ids'] or [0] * len(ex['input_ids'])], 'int32')
    x = dict(token_ids=ids, segment_ids=seg, padding_mask=np.array([ex['attention_mask']], 'int32'))
    out = backbone({k: x[k] for k in backbone.input})
    return np.asarray(out['sequence_output'] if isinstance(out, dict) else out)[0]

@pytest.mark.parametrize('family', FAMILY_NAMES)
def test_tokenizer_matches_hugging_face(family):
    ref, tok = reference(family), TransformerTokenizer(FIXTURES/'hf'/family, maxlen=128)
    pieces = tok.word_pieces([t['text'] for t in ref['tricky']])
    # transformers 5's DeBERTa-v3 tokenizer skips the SentencePiece model's own normalization (its slow tokenizer, and
    # the model's training, applied it): where the two disagree (`slow_ids`), either answer is Hugging Face's
    bad = [(t['text'], p.tolist(), t['ids']) for t, p in zip(ref['tricky'], pieces) if p.tolist() not in (t['ids'], t.get('slow_ids'))]
    assert not bad, f"{family}: {len(bad)} strings differ from Hugging Face, e.g. {bad[:3]}"
    for ex in ref['examples']:   # special tokens and segment ids, single texts and a pair
        x = [ex['text']] if ex['text_pair'] is None else [(ex['text'], ex['text_pair'])]
        ids, seg = tok.encode(x)[0]
        assert ids.tolist() == ex['input_ids'], (family, ex['text'])
        if ex['token_type_ids'] is not None and family not in ('deberta_v3',):
            assert (seg.tolist() if seg is not None else [0] * len(ids)) == ex['token_type_ids'], (family, ex['text'])

@pytest.mark.parametrize('family', FAMILY_NAMES)
def test_backbone_matches_hugging_face(family):
    ref, backbone = reference(family), load_backbone(FIXTURES/'hf'/family, family)
    for ex in ref['examples']:
        diff = np.abs(hidden_states(backbone, ex) - np.array(ex['last_hidden_state'])).max()
        assert diff < TOL, f"{family}: hidden states differ from Hugging Face by {diff:.2e} on {ex['text']!r}"

@pytest.mark.parametrize('family', FAMILY_NAMES)
def test_padded_batch_and_classifier(family):
    "Padding does not change a text's features; a classifier of the family builds, predicts and pools as its family should."
    ref = reference(family)
    model = transformer(family, FIXTURES/'hf'/family, maxlen=64, class_names=['a', 'b'], seed=0)
    texts = [ex['text'] for ex in ref['examples'] if ex['text_pair'] is None]
    enc = model.preprocessor.encode(texts)
    together = model.pooled_features(enc)
    alone = np.concatenate([model.pooled_features([e]) for e in enc])
    np.testing.assert_allclose(together, alone, atol=TOL)
    p = model.predict_encoded(enc)
    assert p.shape == (len(texts), 2) and np.allclose(p.sum(1), 1, atol=1e-5)

KH_TOKENIZERS = {'bert': 'BertTokenizer', 'distilbert': 'DistilBertTokenizer', 'electra': 'ElectraTokenizer', 'albert': 'AlbertTokenizer',
                 'deberta_v3': 'DebertaV3Tokenizer', 'roberta': 'RobertaTokenizer', 'xlm_roberta': 'XLMRobertaTokenizer',
                 'gpt2': 'GPT2Tokenizer', 'xlnet': 'SentencePieceTokenizer'}

def keras_hub_tokenizer(folder, family):
    "keras-hub's own tokenizer on the checkpoint's vocabulary files, as a keras-hub preset would hold it."
    import keras_hub
    cls = getattr(keras_hub.models, KH_TOKENIZERS[family], None) or getattr(keras_hub.tokenizers, KH_TOKENIZERS[family])
    f = {k: str(v) for k, v in tokenizer_files(folder, family).items()}
    if 'vocab.txt' in f: return cls(vocabulary=f['vocab.txt'], lowercase=tokenizer_settings(folder).get('do_lower_case', True))
    if 'merges.txt' in f: return cls(vocabulary=f['vocab.json'], merges=f['merges.txt'])
    return cls(proto=next(iter(f.values())))

@pytest.mark.parametrize('family', FAMILY_NAMES)
def test_keras_hub_preset_format(family, tmp_path):
    "Checkpoint format (a): the converted backbone and its tokenizer saved as a keras-hub preset load to the same function."
    hf_folder, ref = FIXTURES/'hf'/family, reference(family)
    backbone, tok = load_backbone(hf_folder, family), TransformerTokenizer(hf_folder, maxlen=64)
    preset = tmp_path/'preset'
    backbone.save_to_preset(str(preset))
    kh = keras_hub_tokenizer(hf_folder, family)
    kh.save_to_preset(str(preset))
    again = load_backbone(preset, family)
    np.testing.assert_array_equal(np.concatenate([w.ravel() for w in again.get_weights()]),
                                  np.concatenate([w.ravel() for w in backbone.get_weights()]))
    # A keras-hub preset has no `hidden_act`: it computes keras-hub's activation. With the checkpoint's put back, the function is Hugging Face's.
    if wants_exact_gelu(hf_folder): set_exact_gelu(again)
    if family in HF_CONVERTERS: apply_fixups(again, hf_fixups(hf_folder))
    for ex in ref['examples']:
        np.testing.assert_allclose(hidden_states(again, ex), np.array(ex['last_hidden_state']), atol=TOL)
    tok2 = TransformerTokenizer(preset, maxlen=64)   # no Hugging Face tokenizer.json there: built from the preset's vocabulary
    assert not (preset/'tokenizer_config.json').exists()
    texts = [t['text'] for t in ref['tricky']]
    assert [p.tolist() for p in tok2.word_pieces(texts)] == [p.tolist() for p in tok.word_pieces(texts)]

@pytest.mark.parametrize('family', ['roberta', 'xlnet', 'deberta_v3', 'electra', 'gpt2'])
def test_predictor_round_trip(family, tmp_path):
    "A predictor of each tokenizer kind (byte-level BPE, SentencePiece, WordPiece) saves and loads to the same answers."
    import ktrain_lit as ktrain
    model = transformer(family, FIXTURES/'hf'/family, maxlen=64, class_names=['a', 'b'], seed=0)
    p = ktrain.get_predictor(model)
    texts = [t['text'] for t in reference(family)['tricky'] if t['text']]
    again = ktrain.load_predictor(p.save(tmp_path/'p'))
    np.testing.assert_array_equal(again.predict_proba(texts), p.predict_proba(texts))
    pair = [('A man is playing.', 'Someone plays music.')]
    np.testing.assert_array_equal(again.predict_proba(pair), p.predict_proba(pair))

@pytest.mark.parametrize('family', FAMILY_NAMES)
def test_transformer_class(family):
    "ktrain's `text.Transformer` on each family's checkpoint: labels learned, the classifier built for them, lengths counted in its word pieces."
    from ktrain_lit import text
    t = text.Transformer(str(FIXTURES/'hf'/family), maxlen=32)
    assert t.family == family
    texts = [ex['text'] for ex in reference(family)['examples'] if ex['text_pair'] is None]
    x, y = t.preprocess_train(texts, ['a', 'b'] * (len(texts) // 2) + ['a'] * (len(texts) % 2), verbose=0)
    model = t.get_classifier()
    assert (model.family, model.class_names) == (family, ['a', 'b'])
    assert model.predict_encoded(t.get_tokenizer().encode(x)).shape == (len(texts), 2)
    assert t.seqlen_stats(texts)['mean'] == float(np.mean([len(ids) for ids, _ in t.get_tokenizer().encode(texts)]))

@pytest.mark.parametrize('family', ['bert', 'distilbert'])
def test_text_classifier_transformer_names(family):
    "ktrain's `text_classifier('bert'|'distilbert', ...)` on data loaded for a checkpoint of that family."
    from ktrain_lit import text
    texts = [ex['text'] for ex in reference(family)['examples'] if ex['text_pair'] is None] * 4
    trn, _, pre = text.texts_from_array(texts, [0, 1] * (len(texts) // 2), class_names=['neg', 'pos'], preprocess_mode=str(FIXTURES/'hf'/family),
                                        maxlen=32, val_pct=0.25, random_state=0, verbose=0)
    model = text.text_classifier(family, trn, pre, verbose=0)
    assert (model.family, model.class_names, model.maxlen) == (family, ['neg', 'pos'], 32)
