"""One tokenizer for every runtime: for the bundled MiniLM and each family's tiny checkpoint (its Hugging Face
`tokenizer.json`, and one built from its vocabulary files alone), the token ids and segment ids the library trains
with equal those ONNX serving (`onnx_predictor.encode_texts`) and the TF.js helper in Node.js (`tfjs_predictor.mjs
--encode`) compute from the saved `tokenizer.json`, on the SST-2 dev sentences, tricky strings and sentence pairs,
with truncation at work (maxlen 32)."""
import json, shutil
from pathlib import Path
import pandas as pd, pytest
from tokenizers import Tokenizer
from ktrain_lit.checkpoints import bundled_checkpoint
from ktrain_lit.tokenizer import TransformerTokenizer
from ktrain_lit.onnx_predictor import encode_texts, INFO_FILE, TOKENIZER_JSON

FIXTURES = Path(__file__).parent/'fixtures'
FAMILIES = sorted(p.name for p in (FIXTURES/'hf').iterdir())
CASES = [('minilm', 'hf')] + [(f, kind) for f in FAMILIES for kind in ('hf', 'built')]

@pytest.fixture(scope='module')
def texts(data):
    dev = pd.read_csv(data/'sst2'/'dev.tsv', sep='\t').sentence.tolist()
    tricky = json.loads((FIXTURES/'tricky_strings.json').read_text())
    return dev + tricky + ['', '[CLS] [SEP] <s> </s> <pad>']

def checkpoint(family, kind, tmp_path):
    "The checkpoint folder: as made by Hugging Face, or without its tokenizer.json (the library builds one)."
    src = bundled_checkpoint() if family == 'minilm' else FIXTURES/'hf'/family
    if kind == 'hf': return src
    dst = tmp_path/'no-tokenizer-json'
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns('tokenizer.json'))
    return dst

def as_lists(encoded): return [[list(map(int, i)), None if s is None else list(map(int, s))] for i, s in encoded]

@pytest.mark.parametrize('family,kind', CASES, ids=[f'{f}-{k}' for f, k in CASES])
def test_python_onnx_node_ids_agree(family, kind, texts, tmp_path):
    tok = TransformerTokenizer(checkpoint(family, kind, tmp_path), maxlen=32)
    pairs = [(a, b) for a, b in zip(texts[:150], texts[150:300])]
    want = [as_lists(tok.encode(texts)), as_lists(tok.encode(pairs))]
    assert sum(len(i) == 32 for i, _ in want[0]) > 20 and sum(len(i) == 32 for i, _ in want[1]) > 100   # truncation at work
    folder = tmp_path/'export'
    tok.save(folder/'tokenizer')
    saved = Tokenizer.from_file(str(folder/TOKENIZER_JSON))
    assert as_lists(encode_texts(saved, texts, tok.empty_id)) == want[0]   # ONNX serving
    assert as_lists(encode_texts(saved, pairs, tok.empty_id)) == want[1]
    assert as_lists(TransformerTokenizer(folder/'tokenizer', maxlen=32).encode(pairs)) == want[1]   # a reloaded predictor
    if not shutil.which('node'): pytest.skip('Node.js is not installed: the JavaScript side is not checked')
    from ktrain_lit.tfjs import run_tfjs, JS_DIR, TFJS_HELPER
    shutil.copyfile(JS_DIR/TFJS_HELPER, folder/TFJS_HELPER)
    (folder/INFO_FILE).write_text(json.dumps(dict(empty_id=tok.empty_id)))
    (folder/'texts.json').write_text(json.dumps([*texts, *map(list, pairs)]))
    got = run_tfjs(folder, '--encode', folder/'texts.json')
    assert got[:len(texts)] == want[0], next((t, g, w) for t, g, w in zip(texts, got, want[0]) if g != w)
    assert got[len(texts):] == want[1], next((t, g, w) for t, g, w in zip(pairs, got[len(texts):], want[1]) if g != w)
