"""The documentation site in a real browser: `tools/build_docs.py` builds it, a local server serves it on 127.0.0.1,
headless Chromium (Selenium, Debian's chromium-driver) reads every page.

Checks: every page loads without console errors or failed requests, and nothing is requested from another host;
every notebook has its page and every exported function and class its API entry; every plot saved in a notebook
is an image that loaded; search finds `fit_onecycle` on the learner page and "attention" on the attention
lesson; the attention lesson's formulas are typeset; on "Try it", the demo's classifier runs in the browser
(TF.js, WebAssembly) and its probabilities equal the Python predictor's within 1e-3. Broken input (a notebook that
does not parse, a missing image) fails the build, naming the notebook, and leaves the previous site as it was.
Screenshots of the front page, the attention lesson and "Try it" go to $KTRAIN_LIT_ARTIFACTS (default
tests/artifacts/, not committed).
"""
import ast, functools, http.server, json, os, re, shutil, subprocess, sys, threading, time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'tools'))
from build_docs import default_tryit, notebooks, page_name   # noqa: E402

CHROMIUM = next((p for p in (shutil.which('chromium'), '/usr/bin/chromium', shutil.which('chromium-browser'), shutil.which('google-chrome')) if p and Path(p).exists()), None)
DRIVER = next((p for p in (shutil.which('chromedriver'), '/usr/bin/chromedriver') if p and Path(p).exists()), None)
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason=(
    "the docs test drives headless Chromium: install it with `sudo apt-get install chromium chromium-driver` "
    "(Debian/Ubuntu; .ci/run does this), then run `make test`"))
ARTIFACTS = Path(os.environ.get('KTRAIN_LIT_ARTIFACTS') or ROOT/'tests'/'artifacts')
EXAMPLES = {'An absolute joy from the first frame to the last.': 'positive', 'A tedious, badly acted mess.': 'negative'}


def run_build(out, *args, nbs=None):
    cmd = [sys.executable, str(ROOT/'tools'/'build_docs.py'), '--out', str(out), *args] + (['--nbs', str(nbs)] if nbs else [])
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    tryit = default_tryit()
    assert (tryit/'report.json').is_file(), (f"the Try-it model is missing from {tryit}: `make tryit` (or "
                                             "`python tools/build_tryit.py`) makes it from the demo's predictor")
    out = tmp_path_factory.mktemp('site')/'_docs'
    t0 = time.time()
    r = run_build(out)
    assert r.returncode == 0, r.stdout + r.stderr
    print(f"\nsite built in {time.time() - t0:.0f} s")
    return out


@pytest.fixture(scope='module')
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope='module')
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1400,1000', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-default-apps', '--disable-sync'):
        opts.add_argument(a)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL', 'performance': 'ALL'})
    d = webdriver.Chrome(service=Service(DRIVER), options=opts)
    d.set_page_load_timeout(60)
    yield d
    d.quit()


def wait(cond, timeout=30, what='condition'):
    t = time.time()
    while time.time() - t < timeout:
        v = cond()
        if v: return v
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def load(d, url):
    "Open `url`; return the console errors, the failed requests and the requests to other hosts seen while it loaded."
    d.get_log('browser'); d.get_log('performance')   # empty the buffers
    d.get(url)
    wait(lambda: d.execute_script('return document.readyState') == 'complete', what=f'{url} to load')
    time.sleep(0.3)
    return page_problems(d, url)


def page_problems(d, url):
    host = re.match(r'^(https?://[^/]+)', url).group(1)
    errors = [e['message'] for e in d.get_log('browser') if e['level'] == 'SEVERE']
    failed, foreign = [], []
    for entry in d.get_log('performance'):
        m = json.loads(entry['message'])['message']
        p = m.get('params', {})
        if m['method'] == 'Network.requestWillBeSent':
            u = p['request']['url']
            if not u.startswith((host + '/', 'data:', 'blob:')): foreign.append(u)
        elif m['method'] == 'Network.loadingFailed' and not p.get('canceled'): failed.append(f"{p.get('errorText')} ({p.get('requestId')})")
        elif m['method'] == 'Network.responseReceived' and p['response']['status'] >= 400:
            failed.append(f"HTTP {p['response']['status']} {p['response']['url']}")
    return dict(errors=errors, failed=failed, foreign=foreign)


def shown_images(nb_path):
    "How many images a notebook's saved outputs hold (cells a reader sees: not `#| hide`, not `#| output: false`)."
    n = 0
    for c in json.loads(nb_path.read_text())['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or re.search(r'^#\|\s*(hide|output:\s*false|include:\s*false)\s*$', src, re.M): continue
        n += sum(any(k.startswith('image/') for k in o.get('data', {})) for o in c.get('outputs', []))
    return n


def api_symbols(module_file):
    "The functions and classes a generated module exports (its `__all__`), patched methods as `Class.method`."
    tree = ast.parse(module_file.read_text())
    all_ = next((ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == '__all__'), [])
    out = []
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            patched = next((a.annotation.id for a in n.args.args[:1] if isinstance(a.annotation, ast.Name)), None) \
                if not isinstance(n, ast.ClassDef) and any(getattr(dc, 'id', getattr(dc, 'attr', '')) == 'patch' for dc in n.decorator_list) else None
            if patched: out.append(f"{patched}.{n.name}")
            elif n.name in all_: out.append(n.name)
    return [o for o in out if not re.match(r'^_(?!_)', o.split('.')[-1])]   # nbdev documents no _private name


def test_pages_load_clean_with_api_entries_and_images(site, server, browser):
    pages = json.loads((site/'pages.json').read_text())['pages']
    assert [p['notebook'] for p in pages] == [p.name for p in notebooks(ROOT/'nbs')], "every notebook has its page, in order"
    problems, n_api = {}, 0
    for pg in pages + [dict(page='tryit.md', notebook=None, title='Try it'), dict(page='benchmarks.md', notebook=None, title='Benchmarks'),
                     dict(page='about.md', notebook=None, title='About this site')]:
        html = pg['page'].replace('.md', '.html')
        got = load(browser, f"{server}/{html}")
        if any(got.values()): problems[html] = got
        assert browser.find_element('css selector', 'article h1').text.strip().rstrip('¶').strip() == pg['title'], html
        if pg.get('widgets'):   # drawn by the ipywidgets HTML manager from the notebook's saved widget state
            wait(lambda: browser.execute_script("const w = [...document.querySelectorAll('.cell-output-widget')]; "
                                                "return w.length && w.every(e => e.querySelector('.jupyter-widgets'))"), what=f"{html}'s widgets")
            assert browser.execute_script("return document.querySelectorAll('.cell-output-widget').length") == pg['widgets']
            time.sleep(0.5)
        imgs = browser.execute_script("return [...document.querySelectorAll('article img')].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
        assert all(ok for _, ok in imgs), f"{html}: images that did not load: {[s for s, ok in imgs if not ok]}"
        if pg['notebook']:
            nb = ROOT/'nbs'/pg['notebook']
            outputs = browser.execute_script("return document.querySelectorAll('article img.cell-output-image').length")
            assert outputs == shown_images(nb), f"{html}: {outputs} output images, the notebook's saved outputs hold {shown_images(nb)}"
            ids = set(browser.execute_script("return [...document.querySelectorAll('article [id]')].map(e => e.id)"))
            mod = re.search(r'^#\|\s*default_exp\s+(\S+)', '\n'.join(''.join(c['source']) for c in json.loads(nb.read_text())['cells']), re.M)
            if mod:
                n_api += 1
                missing = [s for s in api_symbols(ROOT/'ktrain_lit'/f"{mod.group(1).replace('.', '/')}.py") if s.lower() not in ids]
                assert not missing, f"{html}: exported symbols without an API entry: {missing}"
                assert browser.find_elements('css selector', 'article .api-entry + div.highlight code'), f"{html}: no signature shown"
    assert not problems, json.dumps(problems, indent=1)
    assert n_api >= 20, f"only {n_api} pages had their API entries checked"
    nav = browser.execute_script("return [...document.querySelectorAll('.md-nav--primary .md-nav__link')].map(a => a.getAttribute('href'))")
    order = [n for n in nav if n]
    want = ['data.html', 'attention.html', 'models.html', 'learner.html', 'predictor.html', 'export.html', 'distributed.html']
    names = [n.split('/')[-1] for n in order]
    assert all(w in names for w in want) and [names.index(w) for w in want] == sorted(names.index(w) for w in want), f"sidebar order: {names}"
    for p in order: assert not p.startswith('http'), p


def test_hidden_cells_absent(site):
    "The source of every `#| hide` cell of a lesson is absent from its page."
    for nb in notebooks(ROOT/'nbs'):
        html = (site/f"{page_name(nb)}.html").read_text()
        for c in json.loads(nb.read_text())['cells']:
            src = ''.join(c['source'])
            if c['cell_type'] == 'code' and re.search(r'^#\|\s*hide\s*$', src, re.M):
                line = max((l for l in src.splitlines() if not l.startswith('#|') and len(l.strip()) > 25), key=len, default=None)
                if line: assert line.strip()[:60] not in html.replace('&quot;', '"').replace('&#39;', "'"), f"{nb.name}: a hidden cell is shown"


def search(d, server, query, page, timeout=20):
    "Whether searching the site for `query` lists `page` (the results are awaited until they do, `timeout` seconds at most)."
    load(d, f"{server}/index.html")
    box = d.find_element('css selector', 'input.md-search__input')
    d.execute_script("arguments[0].focus()", box)
    box.send_keys(query)
    # read in one script: the result list is redrawn as the search worker answers each keystroke
    hrefs = lambda: d.execute_script("return [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")
    try: return wait(lambda: any(h.split('#')[0].split('?')[0].endswith('/' + page) for h in hrefs()), timeout=timeout, what=f"search results for {query!r}")
    except AssertionError: return False


def test_search(server, browser):
    assert search(browser, server, 'fit_onecycle', 'learner.html'), "search for fit_onecycle lists the learner page"
    assert search(browser, server, 'attention', 'attention.html'), "search for attention lists the attention lesson"
    assert not search(browser, server, 'fit_onecycle', 'tokenizer.html', timeout=4), "a page without fit_onecycle is not listed"


def test_formulas_typeset(server, browser):
    got = load(browser, f"{server}/attention.html")
    assert not any(got.values()), got
    wait(lambda: browser.execute_script("return document.querySelectorAll('.katex').length") > 10, what='KaTeX')
    raw = browser.execute_script("return [...document.querySelectorAll('.arithmatex')].filter(e => !e.querySelector('.katex')).map(e => e.textContent)")
    assert not raw, f"formulas left as text: {raw[:5]}"
    text = browser.find_element('css selector', 'body').text
    assert not re.search(r'\$[^$\s][^$]*\$|\\\(|\\\[', text), "raw TeX in the attention lesson's text or table of contents"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS/'docs-attention.png'))
    load(browser, f"{server}/index.html")
    browser.save_screenshot(str(ARTIFACTS/'docs-front-page.png'))


def test_try_it(site, server, browser):
    report = json.loads((site/'tryit'/'report.json').read_text())
    got = load(browser, f"{server}/tryit.html")
    wait(lambda: browser.execute_script("return document.getElementById('tryit').dataset.ready"), timeout=60, what='the model to load')
    first = browser.execute_script("return globalThis.tryitFirstPredictionMs")
    print(f"\nTry it: first prediction {first / 1000:.1f} s after the page opened (model {report['model_mb']} MB, {report['quantize']})")
    assert first < 15000, f"the first prediction came {first / 1000:.1f} s after the page opened"
    assert 'wasm' in browser.find_element('id', 'tryit-status').text
    box = browser.find_element('id', 'tryit-text')
    for text, ex in report['examples'].items():   # the two sentences, then the dev sentence the model is least sure of
        box.clear(); box.send_keys(text)
        wait(lambda: browser.execute_script("const l = document.getElementById('tryit-label'); return l.dataset.text === arguments[0] && l.textContent", text),
             what=f'the prediction of {text!r}')
        shown = browser.execute_script("return Object.fromEntries([...document.querySelectorAll('[data-proba]')].map(e => [e.dataset.class, +e.dataset.proba]))")
        python, node = dict(zip(report['class_names'], ex['proba'])), dict(zip(report['class_names'], ex['tfjs_proba']))
        for c in python:   # the same export in Node.js: only the browser's own arithmetic may differ
            assert abs(shown[c] - node[c]) < 1e-4, f"{text!r}: the page shows p({c})={shown[c]:.6f}, the export in Node.js {node[c]:.6f}"
        if text in EXAMPLES:
            assert browser.find_element('id', 'tryit-label').text == EXAMPLES[text] == ex['label'], text
            for c in python:
                assert abs(shown[c] - python[c]) < 1e-3, f"{text!r}: the page shows p({c})={shown[c]:.5f}, the Python predictor {python[c]:.5f}"
    got2 = page_problems(browser, server)
    assert not any(got.values()) and not any(got2.values()), (got, got2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS/'docs-try-it.png'))


def test_broken_input_fails_naming_the_notebook(tmp_path):
    out = tmp_path/'_docs'
    out.mkdir(); (out/'previous.html').write_text('the previous site')
    def missing_image(s):
        nb = json.loads(s)
        nb['cells'].insert(3, dict(cell_type='markdown', metadata={}, source=['The schedule:\n', '![the schedule](images/no_such_plot.png)']))
        return json.dumps(nb)
    for name, breakage in [('10_attention.ipynb', lambda s: s[:len(s) // 2]), ('13_learner.ipynb', missing_image)]:
        nbs = tmp_path/f'nbs-{name}'
        shutil.copytree(ROOT/'nbs', nbs)
        (nbs/name).write_text(breakage((nbs/name).read_text()))
        r = run_build(out, '--no-tryit', nbs=nbs)
        assert r.returncode != 0 and name in r.stderr, r.stderr[-2000:]
        assert sorted(p.name for p in out.iterdir()) == ['previous.html'], "a failed build leaves the previous site as it was"
        assert not list(tmp_path.glob('._docs-build-*')), "no half-built site left behind"
