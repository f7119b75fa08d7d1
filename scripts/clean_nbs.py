"""Clean the notebooks the way this project commits them: `nbdev_clean`, then strip what nbdev_clean keeps but a
committed notebook should not carry: the notebook-level `widgets` metadata (ipywidgets' saved state: 4.3 MB in
12_human_eval, 0.7 MB in 13_explore before this script) and `jupytext` metadata (from an editor's pairing). Widget
views in cell outputs are dropped with their state (without it they render as nothing); the apps run in Jupyter.

    python scripts/clean_nbs.py                 # every notebook under nbs/
    python scripts/clean_nbs.py nbs/13_explore.ipynb

tests/test_repo.py fails while a notebook carries either key, or a widget view.
"""
import argparse, json, subprocess, sys
from pathlib import Path

STRIP = ('widgets', 'jupytext')
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'

def strip(nb:dict) -> bool:
    "Drop `STRIP` keys from the notebook metadata and widget views from outputs, in place; True if anything changed"
    changed = any([nb.get('metadata', {}).pop(k, None) is not None for k in STRIP])   # a list: pop every key
    for c in nb.get('cells', []):
        outs = c.get('outputs', [])
        keep = [o for o in outs if WIDGET_VIEW not in o.get('data', {})]
        if len(keep) != len(outs): c['outputs'], changed = keep, True
    return changed

def strip_file(path:Path) -> bool:
    "`strip` a notebook file, rewriting it the way nbdev writes notebooks (indent 1, trailing newline)"
    nb = json.loads(Path(path).read_text(encoding='utf-8'))
    if not strip(nb): return False
    Path(path).write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + '\n', encoding='utf-8')
    return True

def notebooks(root:Path=Path('nbs')) -> list:
    return sorted(p for p in Path(root).rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='*', type=Path)
    a = p.parse_args(argv)
    nbs = a.notebooks or notebooks()
    for f in nbs: subprocess.run(['nbdev_clean', '--fname', str(f)], check=True)
    for f in nbs:
        if strip_file(f): print(f'{f}: stripped widget state / jupytext metadata', file=sys.stderr)
    for f in nbs: subprocess.run(['nbdev_clean', '--fname', str(f)], check=True)   # nbdev's own formatting, last

if __name__ == '__main__': main()
