"""`text.TransformerEmbedding` (nbs/24_embeddings.ipynb) against sentence-transformers, and its word vectors.

The reference (tests/fixtures/st_minilm_reference.json) is written by tools/make_st_reference.py."""
import json
from pathlib import Path
import numpy as np
import pytest
from ktrain_lit.embeddings import TransformerEmbedding
from ktrain_lit.batches import pad_batch

REF = json.loads((Path(__file__).parent/'fixtures'/'st_minilm_reference.json').read_text())
TEXTS = [e['text'] for e in REF['examples']]

@pytest.fixture(scope='module')
def emb(): return TransformerEmbedding()

def test_sentence_vectors_match_sentence_transformers(emb):
    got = emb.embed(TEXTS, word_level=False, batch_size=7)   # batches of mixed lengths: padding must not matter
    want = np.array([e['st_embedding'] for e in REF['examples']])
    assert got.shape == want.shape == (20, 384)
    assert np.abs(got - want).max() <= 1e-4

def test_ktrain_layer_matches_hugging_face(emb):
    got = emb.embed(TEXTS, word_level=False, layers=[-2])
    want = np.array([e['layer_-2_mean'] for e in REF['examples']])
    want /= np.linalg.norm(want, axis=1, keepdims=True)   # the checkpoint's Normalize step
    assert np.abs(got - want).max() <= 1e-4

def test_word_level_shapes_and_pooling(emb):
    t = ['the cat sat on the mat', 'it scored 99.9% today']
    w = emb.embed(t)
    assert w.shape == (2, 6, 384)
    assert np.all(w[1, 4:] == 0)   # 4 words, padded with zero vectors
    b = pad_batch(emb.tokenizer_for().encode(t[:1]), 8)
    states = emb._states(b, [-1])[0]
    assert np.abs(w[0] - states[1:7]).max() <= 1e-5   # one word piece per word
    s = states.mean(0)
    assert np.abs(emb.embed(t[0], word_level=False)[0] - s/np.linalg.norm(s)).max() <= 1e-5
    avg = emb.embed(t[1], aggregation_strategy='average')[0]
    assert avg.shape == (4, 384) and not np.allclose(avg[2], w[1, 2])   # '99.9%' is 4 pieces: mean differs from the first
