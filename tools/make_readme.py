#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb (what `nbdev-readme` does, without Quarto, which cannot be
installed offline): markdown cells as they are, code cells as Python blocks, outputs as text blocks,
`#| hide` cells left out."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def cell_text(c): return ''.join(c['source'])

def render(nb):
    parts = []
    for c in nb['cells']:
        src = cell_text(c)
        if c['cell_type'] == 'markdown': parts.append(src); continue
        lines = src.splitlines()
        if any(l.strip().replace(' ', '') in ('#|hide', '#|export') for l in lines): continue
        code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
        if code: parts.append(f'```python\n{code}\n```')
        for o in c.get('outputs', []):
            txt = ''.join(o.get('text', '') or o.get('data', {}).get('text/plain', ''))
            if txt.strip(): parts.append(f'    ' + txt.strip().replace('\n', '\n    '))
    return '<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    nb = json.loads((ROOT/'nbs'/'index.ipynb').read_text())
    (ROOT/'README.md').write_text(render(nb))
    print('README.md written', file=sys.stderr)
