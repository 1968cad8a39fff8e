#!/usr/bin/env python
"""`make bench`: this library beside ktrain 0.41.4 and Hugging Face transformers 5 on one protocol, in one run, on this
machine (../shared/bench/peers/protocol.py: all-MiniLM-L6-v2, the first 2,000 SST-2 sentences, 1 epoch, batch 16,
maxlen 128, lr 5e-5; the 872 dev sentences predicted at batch 32). The peers' environments are built once, outside the
project, by ../shared/bench/peers/setup.sh (about 5 GB). The three jobs run one after the other; the table gives
training examples/s, predictions/s, dev accuracy, peak RSS and each figure's ratio to the best peer. With `--write`
the table goes into README's performance section (nbs/index.ipynb, between its `peers` markers) and bench/peers.json.

    python bench/peers.py [--peers ~/.cache/ktrain_lit/peers] [--data ../shared/data] [--write]
"""
import argparse, datetime, json, os, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = '<!-- peers: written by bench/peers.py -->', '<!-- /peers -->'

def cpu_model() -> str:
    out = subprocess.run(['lscpu'], capture_output=True, text=True).stdout
    model = next((l.split(':', 1)[1].strip() for l in out.splitlines() if l.startswith('Model name')), 'unknown CPU')
    return f"{model}, {os.cpu_count()} cores"

def run(name:str, python:str, script:Path, protocol:Path, data:Path) -> dict:
    "Run one job; its last output line is the protocol's JSON report."
    print(f'running {name} ...', flush=True)
    env = {**os.environ, 'BENCH_DATA': str(data), 'KTRAIN_LIT_OFFLINE': '1'}
    r = subprocess.run([python, str(script), str(protocol)], capture_output=True, text=True, env=env, timeout=3600)
    if r.returncode: sys.exit(f'{name} failed:\n{r.stderr[-3000:]}')
    return json.loads(r.stdout.strip().splitlines()[-1])

def ratio(x, best) -> str: return f"{x / best:.2f}×"

def table(ours:dict, peers:dict) -> str:
    "The markdown table: each figure and its ratio to the best peer."
    best = lambda k, f=max: f(p[k] for p in peers.values())
    rows = ['| | training ex/s | predictions/s | dev accuracy | peak RSS |', '|---|---|---|---|---|']
    for name, p in peers.items():
        rows.append(f"| {name} | {p['train_ex_per_s']:.1f} | {p['predict_ex_per_s']:.0f} | {p['dev_acc']:.3f} | {p['peak_rss_mb'] / 1024:.2f} GB |")
    rows.append(f"| **ktrain_lit** (`Predictor`) | **{ours['train_ex_per_s']:.1f}** ({ratio(ours['train_ex_per_s'], best('train_ex_per_s'))}) "
                f"| **{ours['predict_ex_per_s']:.0f}** ({ratio(ours['predict_ex_per_s'], best('predict_ex_per_s'))}) "
                f"| **{ours['dev_acc']:.3f}** ({ours['dev_acc'] - best('dev_acc'):+.3f}) "
                f"| **{ours['peak_rss_mb_keras'] / 1024:.2f} GB** ({ratio(ours['peak_rss_mb_keras'], best('peak_rss_mb', min))}) |")
    rows.append(f"| ktrain_lit (`OnnxPredictor`) | | {ours['onnx_predict_ex_per_s']:.0f} ({ratio(ours['onnx_predict_ex_per_s'], best('predict_ex_per_s'))}) "
                f"| same labels on {ours['onnx_agrees']:.1%} | |")
    return '\n'.join(rows)

def write_readme(text:str):
    "Put `text` between the markers of the index notebook's performance cell (README.md follows with `make sync`)."
    f = ROOT/'nbs'/'index.ipynb'
    nb = json.loads(f.read_text())
    cell = next((c for c in nb['cells'] if START in ''.join(c['source'])), None)
    if cell is None: sys.exit(f'--write: no cell of {f} holds the marker {START}')
    src = ''.join(cell['source'])
    cell['source'] = (src[:src.index(START) + len(START)] + '\n' + text + '\n' + src[src.index(END):]).splitlines(True)
    f.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + '\n')

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--peers', default='~/.cache/ktrain_lit/peers', help="the peers' environments (built there if missing)")
    ap.add_argument('--data', default='../shared/data', help='folder holding sst2/train.tsv and sst2/dev.tsv')
    ap.add_argument('--protocol', default=str(ROOT.parent/'shared'/'bench'/'peers'), help='folder of protocol.py, setup.sh and the peer scripts')
    ap.add_argument('--write', action='store_true', help="write the table into README's performance section and bench/peers.json")
    a = ap.parse_args(argv)
    peers_dir, protocol, data = Path(a.peers).expanduser(), Path(a.protocol).resolve(), Path(a.data).resolve()
    if not (protocol/'protocol.py').is_file(): sys.exit(f'--protocol: {protocol} holds no protocol.py')
    if not (data/'sst2'/'train.tsv').is_file(): sys.exit(f'--data: {data}/sst2 must hold train.tsv and dev.tsv')
    if not all((peers_dir/p/'bin'/'python').exists() for p in ('ktrain', 'hf')):
        print(f"building the peers' environments in {peers_dir} (once; about 5 GB) ...", flush=True)
        subprocess.run([str(protocol/'setup.sh'), str(peers_dir)], check=True)
    peers = {'ktrain 0.41.4 (TF 2.17)': run('ktrain', str(peers_dir/'ktrain'/'bin'/'python'), protocol/'peer_ktrain.py', protocol, data),
             'transformers 5 + torch': run('Hugging Face', str(peers_dir/'hf'/'bin'/'python'), protocol/'peer_hf.py', protocol, data)}
    ours = run('ktrain_lit', sys.executable, ROOT/'bench'/'protocol_ours.py', protocol, data)
    when = f"{datetime.date.today().isoformat()}, {cpu_model()}, one run, the three jobs one after the other"
    text = f"{table(ours, peers)}\n\n<sub>{when}; ratios to the best peer.</sub>"
    print(text)
    if a.write:
        write_readme(text)
        (ROOT/'bench'/'peers.json').write_text(json.dumps({'when': when, 'peers': peers, 'ktrain_lit': ours}, indent=1) + '\n')
        print('written: nbs/index.ipynb (run `make sync` for README.md) and bench/peers.json')

if __name__ == '__main__': main()
