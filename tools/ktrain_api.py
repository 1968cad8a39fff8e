"""Record the signatures of ktrain's text-classification and regression API, for the compatibility lesson (nbs/25_ktrain_compat).

Reads ktrain's source with `ast` (nothing of ktrain is imported or copied: only names, parameter names and defaults)
and writes `tests/fixtures/ktrain_api.json`. To rerun (on a machine that reaches PyPI):

    pip download ktrain==0.41.4 --no-deps -d /tmp/k && tar xzf /tmp/k/ktrain-0.41.4.tar.gz -C /tmp/k
    python tools/ktrain_api.py /tmp/k/ktrain-0.41.4/ktrain
"""
import ast, json, re, sys
from pathlib import Path

# (file, class or None, names or '*' for every public method); the API a ktrain user of text classification touches
SCOPE = [('__init__.py', None, ['get_learner']),
         ('core.py', None, ['get_predictor', 'load_predictor', 'release_gpu_memory']),
         ('core.py', 'Learner', '*'), ('core.py', 'ArrayLearner', ['fit', 'layer_output']), ('core.py', 'GenLearner', ['fit']),
         ('text/learner.py', 'TransformerTextClassLearner', '*'),
         ('text/data.py', None, ['texts_from_folder', 'texts_from_csv', 'texts_from_df', 'texts_from_array']),
         ('text/models.py', None, ['text_classifier', 'text_regression_model', 'print_text_classifiers', 'print_text_regression_models']),
         ('text/preprocessor.py', 'TextPreprocessor', '*'), ('text/preprocessor.py', 'StandardTextPreprocessor', ['preprocess_train', 'preprocess_test', 'ngram_count']),
         ('text/preprocessor.py', 'TransformersPreprocessor', '*'), ('text/preprocessor.py', 'Transformer', ['__init__', 'preprocess_train', 'preprocess_test']),
         ('text/preprocessor.py', 'TransformerEmbedding', ['__init__', 'embed']),
         ('predictor.py', 'Predictor', '*'), ('text/predictor.py', 'TextPredictor', '*')]

def params(f:ast.FunctionDef) -> list:
    "`[name, default source or None]` for each parameter (`self`/`cls` left out; `*args`/`**kwargs` marked)."
    a = f.args
    pos = a.posonlyargs + a.args
    defaults = [None] * (len(pos) - len(a.defaults)) + [ast.unparse(d) for d in a.defaults]
    ps = [[p.arg, d] for p, d in zip(pos, defaults)]
    if a.vararg: ps.append(['*' + a.vararg.arg, None])
    ps += [[p.arg, None if d is None else ast.unparse(d)] for p, d in zip(a.kwonlyargs, a.kw_defaults)]
    if a.kwarg: ps.append(['**' + a.kwarg.arg, None])
    return [p for p in ps if p[0] not in ('self', 'cls')]

def constants(src:Path) -> dict:
    "Module-level `NAME = literal` of the files whose constants the defaults name (`U.DEFAULT_BS`, `MAXLEN`, ...)."
    out = {}
    for f in ('utils.py', 'text/data.py', 'text/preprocessor.py', 'imports.py'):
        for n in ast.parse((src / f).read_text()).body:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                try: out[n.targets[0].id] = repr(ast.literal_eval(n.value))
                except ValueError: pass
    return out

def resolved(default, consts:dict):
    "A default that names a constant, replaced by the constant's value."
    if default is None: return None
    name = default.removeprefix('U.')
    return consts.get(name, default) if re.fullmatch(r'[A-Z_]+', name) else default

def public(name): return not name.startswith('_') or name == '__init__'

def extract(src:Path) -> list:
    out, consts = [], constants(src)
    for file, cls, names in SCOPE:
        tree = ast.parse((src / file).read_text())
        body = tree.body if cls is None else next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls).body
        for f in body:
            if not isinstance(f, ast.FunctionDef) or not public(f.name): continue
            if names != '*' and f.name not in names: continue
            if names == '*' and f.name.startswith('__'): continue
            out.append(dict(name=f'{cls}.{f.name}' if cls else f.name, file=f'ktrain/{file}', params=[[p, resolved(d, consts)] for p, d in params(f)]))
    return out

if __name__ == '__main__':
    src = Path(sys.argv[1])
    version = (src / 'version.py').read_text().split('=')[-1].strip().strip('"\'')
    api = dict(ktrain_version=version, entries=extract(src))
    dest = Path(__file__).parent.parent / 'tests' / 'fixtures' / 'ktrain_api.json'
    dest.write_text(json.dumps(api, indent=1) + '\n')
    print(f"{len(api['entries'])} signatures of ktrain {version} -> {dest}")
