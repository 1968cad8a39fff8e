#!/usr/bin/env python
"""Build the documentation site (`make docs`) into `_docs/`: every notebook of `nbs/` a page, in notebook order.

Where Quarto is installed, nbdev's own `nbdev-docs` builds it. Everywhere else (Quarto cannot be installed on
machines without internet: see README), this script does what `nbdev-docs` does with pieces from PyPI and npm:

1. nbdev's own notebook processors (`nbdev.processors.FilterDefaults`, as `nbdev-proc-nbs` runs them) turn each
   notebook into its page: frontmatter from the title, `#| hide` and `#| export` sources removed, a `show_doc`
   entry (signature and docments) after every exported function and class, backticked names linked. One step is
   replaced: nbdev executes the notebook's exported and import cells to render `show_doc`; here the entries are
   rendered from the installed module the notebook exports to (several lessons mix imports with code that needs
   earlier cells, which nbdev's partial execution cannot run, and executing every lesson takes ~25 minutes).
   Pages show the outputs saved in the notebooks (tables, plots as images, attention heatmaps), not fresh ones.
2. Each processed notebook becomes Markdown; MkDocs with the Material theme renders the site (sidebar in
   notebook order, Lunr full-text search in the browser); formulas are typeset by KaTeX, vendored from npm
   with TensorFlow.js and the tokenizer that the "Try it" page runs, and the ipywidgets HTML manager, which draws
   the widgets a notebook saved. Nothing is fetched from a CDN.
3. The site is checked (every local image, script and stylesheet exists; no page loads anything from another
   host), built in a temporary folder, and only then swapped in place of `_docs/`: a failed build leaves the
   previous site as it was. Any broken input (a notebook that does not parse, an image it names that is missing,
   a symbol its module lacks) stops the build with the notebook's name.

    python tools/build_docs.py                      # _docs/ (the Try-it model from tools/build_tryit.py)
    python tools/build_docs.py --no-tryit           # without the Try-it model (the page says how to add it)
"""
import argparse, base64, json, os, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_SRC = ROOT/'docs'
REPO_URL = 'https://github.com/ktrain-lit/ktrain_lit'
DOC_HOST = 'https://ktrain-lit.github.io/ktrain_lit/'
# browser pieces, from npm; copied into the site at build time (not committed)
NODE_PACKAGES = {'katex': '0.16.22', '@tensorflow/tfjs': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0',
                 '@huggingface/tokenizers': '0.2.0', '@jupyter-widgets/html-manager': '1.0.15'}
VENDOR = {  # site path under assets/vendor/ -> path under node_modules/
    'katex/katex.min.css': 'katex/dist/katex.min.css',
    'katex/fonts': 'katex/dist/fonts', 'katex/katex.mjs': 'katex/dist/katex.mjs',
    'tfjs/tf.min.js': '@tensorflow/tfjs/dist/tf.min.js', 'tfjs/tf-backend-wasm.min.js': '@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
    'tfjs/tfjs-backend-wasm.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
    'tfjs/tfjs-backend-wasm-simd.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
    'tfjs/tfjs-backend-wasm-threaded-simd.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
    'tokenizers/tokenizers.mjs': '@huggingface/tokenizers/dist/tokenizers.mjs',
    'widgets': '@jupyter-widgets/html-manager/dist',   # embed.js and the fonts it loads beside itself
}
WIDGET_VIEW, WIDGET_STATE = 'application/vnd.jupyter.widget-view+json', 'application/vnd.jupyter.widget-state+json'


class DocsError(Exception):
    "A broken input: the message names the notebook or file."


def default_tryit() -> Path:
    return Path(os.environ.get('KTRAIN_LIT_TRYIT') or Path.home()/'.cache'/'ktrain_lit'/'docs-tryit').expanduser()


def notebooks(nbs: Path) -> list:
    "The site's notebooks in order: index first, then the numbered lessons."
    nbs_ = sorted(p for p in nbs.glob('*.ipynb') if not p.name.startswith(('_', '.')))
    return sorted(nbs_, key=lambda p: (p.stem != 'index', p.name))


def page_name(nb: Path) -> str:
    "The page a notebook becomes, as nbdev names it: `13_learner.ipynb` -> `learner`."
    return re.sub(r'^\d+[a-z]?_', '', nb.stem)


# ---------------------------------------------------------------------------------------------------- processing
def read_checked(path: Path):
    "The notebook, or a `DocsError` naming it if it does not parse."
    from fastcore.nbio import dict2nb
    try:
        raw = json.loads(path.read_text(encoding='utf-8'))
        if not isinstance(raw, dict) or not isinstance(raw.get('cells'), list): raise ValueError('no list of cells')
        for i, c in enumerate(raw['cells']):
            if c.get('cell_type') not in ('markdown', 'code', 'raw') or not isinstance(c.get('source'), (str, list)):
                raise ValueError(f'cell {i} has no cell_type or source')
    except Exception as e:
        raise DocsError(f"{path.name}: the notebook does not parse ({type(e).__name__}: {str(e).splitlines()[0][:300]})") from e
    return dict2nb(raw)


_re_showdoc = re.compile(r'^show_doc\((.+)\)\s*$')

def _api_markdown(md: str, nm: str) -> str:
    "nbdev's show_doc Markdown with its heading given nbdev's anchor (`learner.fit_onecycle`) and Markdown-friendly link attributes."
    # the heading as HTML that Markdown still parses (md_in_html), so that the table of contents lists it with nbdev's id
    md = re.sub(r'^(#+) (.+?)\s*$', lambda m: f'<h{len(m.group(1))} class="api-entry" id="{nm.lower()}" markdown="span">'
                f'{m.group(2).replace("_", chr(92) + "_")}</h{len(m.group(1))}>\n', md, count=1, flags=re.M)
    return md.replace('{target="_blank" ', '{: target="_blank" ').replace('#LNone)', ')')


def process(path: Path, nbs: Path):
    "nbdev's docs processing of one notebook, with `show_doc` entries rendered from its installed module."
    import importlib
    from nbdev.processors import FilterDefaults, exec_show_docs, _default_exp
    from nbdev.process import NBProcessor
    from nbdev.showdoc import show_doc
    nb = read_checked(path)
    nb.path_ = str(path)
    mod = _default_exp(nb)
    module = importlib.import_module(f'ktrain_lit.{mod}') if mod else None

    def render_show_docs(cell):
        if cell.cell_type != 'code' or not cell.get('source'): return
        src = '\n'.join(l for l in cell.source.splitlines() if not l.startswith('#|')).strip()
        m = _re_showdoc.match(src)
        if not m: return
        nm = m.group(1).strip()
        if module is None: raise DocsError(f"{path.name}: show_doc({nm}) in a notebook that exports no module")
        try: obj = eval(nm, vars(module))
        except Exception as e:
            raise DocsError(f"{path.name}: the API entry for {nm} cannot be made: ktrain_lit.{mod} has no {nm} "
                            f"({type(e).__name__}: {e}); run nbdev-export") from e
        md = show_doc(obj, name=nm)._repr_markdown_()
        cell.source = '#| echo: false'
        cell.outputs = [dict(output_type='display_data', metadata={}, data={'text/markdown': _api_markdown(md, nm)})]
        cell.metadata['api_entry'] = nm

    class Procs(FilterDefaults):
        def base_procs(self):
            return [render_show_docs if p is exec_show_docs else p for p in super().base_procs()]
    cwd = os.getcwd(); os.chdir(nbs)   # nbdev reads its config from the working folder
    try:
        proc = NBProcessor(nb=nb, procs=Procs().procs(), rm_directives='quarto')
        proc.process()
    except DocsError: raise
    except Exception as e:
        raise DocsError(f"{path.name}: nbdev could not process the notebook ({type(e).__name__}: {e})") from e
    finally: os.chdir(cwd)
    return proc.nb


# ---------------------------------------------------------------------------------------------------- Markdown
def _text(x): return ''.join(x) if isinstance(x, list) else (x or '')

def _fence(text, lang=''):
    text = text.rstrip('\n')
    ticks = '```' if '```' not in text else '````'
    return f"{ticks}{lang}\n{text}\n{ticks}"

def _directives(src):
    "A cell's remaining `#| key: value` lines as a dict, and its source without them."
    d, keep = {}, []
    for l in src.splitlines():
        m = re.match(r'^#\|\s*([\w-]+)\s*:?\s*(.*)$', l)
        if m: d[m.group(1)] = m.group(2).strip().strip('"')
        else: keep.append(l)
    return d, '\n'.join(keep).strip('\n')


class Page:
    "Writes one notebook's Markdown page and the images its outputs hold."
    def __init__(self, nb_path, name, docs_dir, pages):
        self.nb_path, self.name, self.docs_dir, self.pages = nb_path, name, docs_dir, pages
        self.n_img = 0

    def link(self, target: str) -> str:
        "A link of the notebook rewritten for the site: lessons to their pages, repository files to GitHub."
        if re.match(r'^[a-z][a-z0-9+.-]*:', target) or target.startswith('#'):
            return target[len(DOC_HOST):] if target.startswith(DOC_HOST) else target
        path, _, anchor = target.partition('#')
        p = (self.nb_path.parent/path).resolve() if not path.startswith('/') else Path(path)
        if p.suffix == '.ipynb' and p.stem in self.pages:
            return f"{page_name(p)}.html" + (f"#{anchor}" if anchor else '')
        if p == ROOT/'bench'/'EXPERIMENTS.md': return 'benchmarks.html' + (f"#{anchor}" if anchor else '')
        try: rel = p.relative_to(ROOT)
        except ValueError:
            try: rel = Path('nbs')/p.relative_to(self.nb_path.parent)   # a copy of nbs/ elsewhere (the tests')
            except ValueError: return target
        return f"{REPO_URL}/blob/main/{rel}" + (f"#{anchor}" if anchor else '')

    def image(self, data: bytes, ext: str) -> str:
        self.n_img += 1
        name = f"{self.name}_files/output_{self.n_img}.{ext}"
        (self.docs_dir/name).parent.mkdir(parents=True, exist_ok=True)
        (self.docs_dir/name).write_bytes(data)
        return name

    def markdown_cell(self, cell) -> str:
        src = _text(cell.get('source'))
        attachments = cell.get('attachments') or {}
        def img(m):
            alt, target = m.group(1), m.group(2)
            if target.startswith('attachment:'):
                att = attachments.get(target[len('attachment:'):])
                if not att: raise DocsError(f"{self.nb_path.name}: the image {target!r} is not attached to the notebook")
                mime, b64 = next(iter(att.items()))
                return f"![{alt}]({self.image(base64.b64decode(b64), mime.split('/')[-1].replace('svg+xml', 'svg'))})"
            if re.match(r'^[a-z]+:', target): return m.group(0)
            f = (self.nb_path.parent/target.split('#')[0]).resolve()
            if not f.is_file(): raise DocsError(f"{self.nb_path.name}: the image {target!r} does not exist ({f})")
            return f"![{alt}]({self.image(f.read_bytes(), f.suffix.lstrip('.'))})"
        src = re.sub(r'!\[([^\]]*)\]\(([^)\s]+)\)', img, src)
        for m in re.finditer(r'<img[^>]*\ssrc="([^"]+)"', src):
            t = m.group(1)
            if not re.match(r'^[a-z]+:', t) and not (self.nb_path.parent/t).is_file():
                raise DocsError(f"{self.nb_path.name}: the image {t!r} does not exist")
        src = re.sub(r'(?<!!)\[([^\]]*)\]\(([^)\s]+)\)', lambda m: f"[{m.group(1)}]({self.link(m.group(2))})", src)
        return src

    def output(self, o) -> str:
        kind = o.get('output_type')
        if kind == 'stream': return f'<div class="cell-output" markdown>\n\n{_fence(_text(o.get("text")), "text")}\n\n</div>'
        if kind == 'error':
            tb = re.sub(r'\x1b\[[0-9;]*m', '', '\n'.join(o.get('traceback') or [f"{o.get('ename')}: {o.get('evalue')}"]))
            return f'<div class="cell-output" markdown>\n\n{_fence(tb, "text")}\n\n</div>'
        data = o.get('data') or {}
        if 'text/markdown' in data: return _text(data['text/markdown'])
        for mime, ext in (('image/png', 'png'), ('image/jpeg', 'jpg'), ('image/gif', 'gif')):
            if mime in data:
                f = self.image(base64.b64decode(_text(data[mime])), ext)
                return f'<div class="cell-output" markdown>\n\n![output]({f}){{: .cell-output-image }}\n\n</div>'
        if 'image/svg+xml' in data:
            return f'<div class="cell-output" markdown>\n\n![output]({self.image(_text(data["image/svg+xml"]).encode(), "svg")})\n\n</div>'
        if WIDGET_VIEW in data and self.widget_state:   # drawn from the notebook's saved widget state by embed.js
            self.widgets += 1
            view = json.dumps(data[WIDGET_VIEW]).replace('</', '<\\/')
            return f'<div class="cell-output cell-output-widget" markdown="0"><script type="{WIDGET_VIEW}">{view}</script></div>'
        if 'text/html' in data and WIDGET_VIEW not in data:
            html = _text(data['text/html'])
            if re.search(r'<script[^>]+src=|<link[^>]+href="?https?:', html):
                raise DocsError(f"{self.nb_path.name}: an HTML output loads a script or stylesheet from elsewhere")
            return f'<div class="cell-output cell-output-html" markdown="0">\n{html}\n</div>'
        if 'text/plain' in data:
            note = ('\n\n<small>An interactive widget: it runs in a live notebook; its text form is shown here.</small>'
                    if WIDGET_VIEW in data else '')
            return f'<div class="cell-output" markdown>\n\n{_fence(_text(data["text/plain"]), "text")}{note}\n\n</div>'
        return ''

    def code_cell(self, cell) -> str:
        d, src = _directives(_text(cell.get('source')))
        if d.get('include') == 'false': return ''
        parts = []
        if src.strip() and d.get('echo') != 'false':
            if d.get('code-fold') in ('show', 'true'):
                parts.append(f'<details markdown><summary>{d.get("code-summary", "Exported source")}</summary>\n\n{_fence(src, "python")}\n\n</details>')
            else: parts.append(_fence(src, 'python'))
        if d.get('output') != 'false':
            parts += [x for x in map(self.output, cell.get('outputs') or []) if x]
        return '\n\n'.join(parts)

    def write(self, nb) -> dict:
        fm = getattr(nb, 'frontmatter_', {}) or {}
        self.widget_state = ((nb.get('metadata') or {}).get('widgets') or {}).get(WIDGET_STATE)
        self.widgets = 0
        title = fm.get('title') or self.name
        parts = [f"# {title}"]
        if fm.get('description'): parts.append(f'<p class="lead" markdown>{fm["description"]}</p>')
        for cell in nb.cells:
            if cell.get('source') is None: continue   # removed by nbdev (`#| hide`, the frontmatter cell)
            if cell.cell_type == 'markdown': parts.append(self.markdown_cell(cell))
            elif cell.cell_type == 'code': parts.append(self.code_cell(cell))
        if self.widgets:   # the widgets as they were when the notebook ran (static: no kernel behind them)
            state = json.dumps(self.widget_state).replace('</', '<\\/')
            parts.append(f'<script type="{WIDGET_STATE}">{state}</script>\n<script src="assets/vendor/widgets/embed.js"></script>')
        md = '\n\n'.join(p for p in parts if p and p.strip())
        edit = f"nbs/{self.nb_path.name}"
        md = f"---\ntitle: {json.dumps(title)}\nsource_notebook: {edit}\n---\n\n" + md + \
             f"\n\n<small>This page is [{edit}]({REPO_URL}/blob/main/{edit}), rendered with its saved outputs.</small>\n"
        (self.docs_dir/f"{self.name}.md").write_text(md, encoding='utf-8')
        return dict(title=title, page=f"{self.name}.md", notebook=self.nb_path.name,
                    api=[c.metadata['api_entry'] for c in nb.cells if c.get('metadata', {}).get('api_entry')], widgets=self.widgets)


def benchmarks_page(docs_dir: Path):
    "bench/EXPERIMENTS.md as the Benchmarks page, its repository links pointed at GitHub."
    src = ROOT/'bench'/'EXPERIMENTS.md'
    if not src.is_file(): raise DocsError(f"{src} is missing: the Benchmarks page is made from it")
    pg = Page(src, 'benchmarks', docs_dir, {})
    def link(m):
        t = m.group(2)
        if re.match(r'^[a-z][a-z0-9+.-]*:', t) or t.startswith('#'): return m.group(0)
        p = (src.parent/t.split('#')[0]).resolve()
        if p.suffix == '.ipynb' and p.parent == ROOT/'nbs': return f"[{m.group(1)}]({page_name(p)}.html)"
        try: rel = p.relative_to(ROOT)
        except ValueError: return f"{m.group(1)}"
        return f"[{m.group(1)}]({REPO_URL}/blob/main/{rel}{'#' + t.split('#', 1)[1] if '#' in t else ''})"
    md = re.sub(r'(?<!!)\[([^\]]*)\]\(([^)\s]+)\)', link, src.read_text(encoding='utf-8'))
    md = re.sub(r'^# (.+)$', r'# Benchmarks', md, count=1, flags=re.M)
    (docs_dir/'benchmarks.md').write_text(md + f"\n\n<small>This page is [bench/EXPERIMENTS.md]({REPO_URL}/blob/main/bench/EXPERIMENTS.md).</small>\n", encoding='utf-8')


# ---------------------------------------------------------------------------------------------------- vendored JS
def node_packages() -> Path:
    "A folder whose node_modules holds `NODE_PACKAGES` (installed with npm once, under ~/.cache/ktrain_lit/docs-node)."
    folder = Path(os.environ.get('KTRAIN_LIT_DOCS_NODE') or Path.home()/'.cache'/'ktrain_lit'/'docs-node').expanduser()
    stamp = folder/'ktrain_lit-tool.json'
    if stamp.is_file() and json.loads(stamp.read_text()) == NODE_PACKAGES: return folder
    if os.environ.get('KTRAIN_LIT_OFFLINE'):
        raise DocsError(f"{folder} does not hold {NODE_PACKAGES} and KTRAIN_LIT_OFFLINE is set: run `make docs` once where npm's registry is reachable")
    if not shutil.which('npm'): raise DocsError("npm (Node.js 20+) is needed once to fetch KaTeX and TensorFlow.js for the site")
    tmp = Path(tempfile.mkdtemp(prefix='.docs-node-', dir=folder.parent if folder.parent.exists() else None))
    try:
        (tmp/'package.json').write_text(json.dumps(dict(name='ktrain-lit-docs', private=True, dependencies=NODE_PACKAGES), indent=1))
        r = subprocess.run(['npm', 'install', '--no-audit', '--no-fund', '--ignore-scripts'], cwd=tmp, capture_output=True, text=True)
        if r.returncode: raise DocsError(f"npm install of the site's browser packages failed:\n{r.stderr[-2000:]}")
        (tmp/'ktrain_lit-tool.json').write_text(json.dumps(NODE_PACKAGES))
        folder.parent.mkdir(parents=True, exist_ok=True)
        if folder.exists(): shutil.rmtree(folder)
        tmp.rename(folder)
    finally:
        if tmp.exists(): shutil.rmtree(tmp)
    return folder


def vendor(docs_dir: Path):
    nm = node_packages()/'node_modules'
    for dst, src in VENDOR.items():
        s, d = nm/src, docs_dir/'assets'/'vendor'/dst
        if not s.exists(): raise DocsError(f"{s} is missing from the site's npm packages: remove {nm.parent} and build again")
        d.parent.mkdir(parents=True, exist_ok=True)
        if s.is_dir(): shutil.copytree(s, d, ignore=shutil.ignore_patterns('*.map', '*amd.js', '*.LICENSE.txt'))
        else: shutil.copyfile(s, d)


# ---------------------------------------------------------------------------------------------------- checks
def check_site(site: Path, pages: list):
    "Every local image, script and stylesheet a page names exists; none is loaded from another host."
    problems = []
    for html in site.rglob('*.html'):
        text = html.read_text(encoding='utf-8', errors='replace')
        rel = html.relative_to(site)
        src_nb = next((p['notebook'] for p in pages if Path(p['page']).with_suffix('.html') == rel), str(rel))
        for tag, attr, url in re.findall(r'<(img|script|link|source|iframe)\b[^>]*?\s(src|href)="([^"]*)"', text):
            if tag == 'link' and not re.search(rf'<link\b[^>]*rel="(stylesheet|icon|preload|modulepreload)"[^>]*href="{re.escape(url)}"', text): continue
            if re.match(r'^(https?:)?//', url): problems.append(f"{src_nb}: <{tag}> loads {url} from another host"); continue
            if url.startswith(('data:', '#', 'blob:')) or not url: continue
            path = url.split('#')[0].split('?')[0]
            f = (site/path[len('/ktrain_lit/'):] if path.startswith('/ktrain_lit/') else html.parent/path).resolve()   # 404.html: site_url's path
            if not f.exists(): problems.append(f"{src_nb}: <{tag} {attr}=\"{url}\"> names a file the site lacks")
    if problems: raise DocsError("the built site is broken:\n  " + '\n  '.join(problems[:30]))


# ---------------------------------------------------------------------------------------------------- build
def tryit_page(docs_dir: Path, tryit: Path | None):
    src = DOCS_SRC/'tryit'
    (docs_dir/'tryit').mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and f.name != 'tryit.md': shutil.copyfile(f, docs_dir/'tryit'/f.name)
    md = (src/'tryit.md').read_text(encoding='utf-8')
    if tryit is None:
        md = md.replace('<!-- model-status -->', '!!! warning "The model is not built"\n    This build has no model for this page: '
                        '`python tools/build_tryit.py` makes it from the demo\'s predictor, then `make docs`.')
        md = md.split('<script>globalThis.process')[0]   # no model, no scripts to run it
        (docs_dir/'tryit.md').write_text(md, encoding='utf-8'); return None
    model = tryit/'model'
    if not (model/'model.json').is_file() or not (tryit/'report.json').is_file():
        raise DocsError(f"the Try-it model is missing from {tryit}: run `python tools/build_tryit.py` (or `make docs`), or build with --no-tryit")
    shutil.copytree(model, docs_dir/'tryit'/'model', ignore=shutil.ignore_patterns('node_modules', 'package.json'))
    report = json.loads((tryit/'report.json').read_text())
    shutil.copyfile(tryit/'report.json', docs_dir/'tryit'/'report.json')
    md = md.replace('<!-- model-status -->', (
        f"The model: the demo's fine-tuned all-MiniLM-L6-v2 (`make demo`), exported by `export_to_tfjs` with "
        f"{report['quantize']} weights: {report['model_mb']:.1f} MB to download (float32: {report['float_mb']:.1f} MB). "
        f"On the 872 SST-2 dev sentences it gives the float model's label on {100 * report['agreement']:.1f}% "
        f"(largest probability difference {report['max_proba_diff']:.1e}); its dev accuracy is {report['accuracy']:.3f} "
        f"(float: {report['float_accuracy']:.3f})."))
    (docs_dir/'tryit.md').write_text(md, encoding='utf-8')
    return report


def check_images(path: Path, nb):
    "Every local image a markdown cell names exists (checked before the slow imports)."
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != 'markdown': continue
        src = _text(cell.source)
        for t in re.findall(r'!\[[^\]]*\]\(([^)\s]+)\)', src) + re.findall(r'<img[^>]*\ssrc="([^"]+)"', src):
            if re.match(r'^[a-z]+:', t) and not t.startswith('attachment:'): continue
            if t.startswith('attachment:'):
                if t[len('attachment:'):] not in (cell.get('attachments') or {}):
                    raise DocsError(f"{path.name}: cell {i} shows the image {t!r}, which is not attached to the notebook")
            elif not (path.parent/t.split('#')[0]).is_file():
                raise DocsError(f"{path.name}: cell {i} shows the image {t!r}, which does not exist")


def build(out: Path, tryit: Path | None, verbose=True, nbs: Path = None):
    t0 = time.time()
    say = print if verbose else (lambda *a, **k: None)
    if shutil.which('quarto') and not os.environ.get('KTRAIN_LIT_DOCS_MKDOCS'):
        say("Quarto found: nbdev-docs builds the site")   # nbdev's own path (it writes _docs itself)
        subprocess.run([str(Path(sys.executable).parent/'nbdev-docs')], cwd=ROOT, check=True); return
    nbs = Path(nbs or ROOT/'nbs').absolute()
    nb_paths = notebooks(nbs)
    if not nb_paths: raise DocsError(f"no notebooks in {nbs}")
    for p in nb_paths: check_images(p, read_checked(p))   # fail fast, before the slow imports
    out = out.absolute()
    work = Path(tempfile.mkdtemp(prefix=f'.{out.name}-build-', dir=out.parent))
    try:
        docs_dir, site = work/'src', work/'site'
        docs_dir.mkdir()
        os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
        import ktrain_lit.core   # noqa: F401 (TensorFlow, quietly, once)
        say(f"processing {len(nb_paths)} notebooks ({time.time() - t0:.0f} s)")
        stems = {p.stem for p in nb_paths}
        pages = []
        for p in nb_paths:
            pages.append(Page(p, page_name(p), docs_dir, stems).write(process(p, nbs)))
        benchmarks_page(docs_dir)
        report = tryit_page(docs_dir, tryit)
        shutil.copytree(DOCS_SRC/'assets', docs_dir/'assets')
        vendor(docs_dir)
        cfg = (DOCS_SRC/'mkdocs.yml').read_text(encoding='utf-8')
        nav = ['nav:', f"  - Home: {pages[0]['page']}"]
        nav += [f"  - {json.dumps(pg['title'])}: {pg['page']}" for pg in pages[1:]]
        nav += ['  - "Try it": tryit.md', '  - "Benchmarks": benchmarks.md', '  - "About this site": about.md']
        shutil.copyfile(DOCS_SRC/'about.md', docs_dir/'about.md')
        (work/'mkdocs.yml').write_text(cfg + f"\ndocs_dir: {docs_dir}\nsite_dir: {site}\n" + '\n'.join(nav) + '\n', encoding='utf-8')
        say(f"rendering with MkDocs ({time.time() - t0:.0f} s)")
        r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q', '-f', str(work/'mkdocs.yml')], capture_output=True, text=True)
        if r.returncode: raise DocsError(f"MkDocs failed:\n{(r.stdout + r.stderr)[-3000:]}")
        check_site(site, pages)
        (site/'.nojekyll').touch()
        (site/'pages.json').write_text(json.dumps(dict(pages=pages, tryit=report), indent=1))
        old = out.with_name(f'.{out.name}-old-{os.getpid()}')
        if out.exists(): out.rename(old)
        site.rename(out)
        if old.exists(): shutil.rmtree(old)
    finally: shutil.rmtree(work, ignore_errors=True)
    say(f"site built in {out} ({len(pages)} notebook pages, {time.time() - t0:.0f} s)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--out', default=str(ROOT/'_docs'), help='the site folder (default: _docs)')
    ap.add_argument('--tryit', default=None, help='the Try-it model folder made by tools/build_tryit.py (default: ~/.cache/ktrain_lit/docs-tryit)')
    ap.add_argument('--no-tryit', action='store_true', help='build without the Try-it model')
    ap.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks (default: nbs)')
    a = ap.parse_args(argv)
    try: build(Path(a.out), None if a.no_tryit else Path(a.tryit) if a.tryit else default_tryit(), nbs=Path(a.nbs))
    except DocsError as e: sys.exit(f"make docs: {e}\nThe site was not built ({a.out} is unchanged).")


if __name__ == '__main__':
    main()
