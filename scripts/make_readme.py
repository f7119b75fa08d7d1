"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does, without Quarto).

Hidden cells are dropped, nbdev directives are stripped, and images produced by the notebook
are written next to the README under `nbs/index_files/` so GitHub and PyPI can show them."""
import base64, re, sys
from pathlib import Path
import nbformat

ROOT = Path(__file__).resolve().parents[1]

def _directives(src):
    return {m.group(1) for m in re.finditer(r'^#\|\s*([\w-]+)', src, re.M)}

def _relink(md):
    "Relative links and images in index.ipynb point into `nbs/`; from the README they need the `nbs/` prefix."
    return re.sub(r'(!?\[[^\]]*\]\()(?!https?://|#|/|nbs/)([^)\s]+)', r'\1nbs/\2', md)

def readme_text(nb_path=ROOT/'nbs'/'index.ipynb', img_dir='nbs/index_files'):
    nb = nbformat.read(nb_path, as_version=4)
    out, imgs, n = [], {}, 0
    for cell in nb.cells:
        src = cell.source
        if cell.cell_type == 'markdown':
            out.append(_relink(src)); continue
        d = _directives(src)
        if 'hide' in d or 'export' in d or 'exporti' in d: continue
        code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
        if code and 'hide_input' not in d and 'echo: false' not in src: out.append(f'```python\n{code}\n```')
        for o in cell.get('outputs', []):
            data = o.get('data', {})
            if 'image/png' in data:
                name = f'cell-{n}.png'; n += 1
                imgs[name] = base64.b64decode(data['image/png'])
                out.append(f'![]({img_dir}/{name})')
            elif 'text/markdown' in data: out.append(''.join(data['text/markdown']))
            elif o.get('output_type') == 'stream': out.append('```\n' + ''.join(o['text']).rstrip() + '\n```')
            elif 'text/plain' in data: out.append('```\n' + ''.join(data['text/plain']).rstrip() + '\n```')
    text = '\n\n'.join(out).replace('\n> ', '\n> ', 1)
    return text.rstrip() + '\n', imgs

def main(check=False):
    text, imgs = readme_text()
    dest = ROOT/'README.md'
    if check: return dest.exists() and dest.read_text() == text
    dest.write_text(text)
    d = ROOT/'nbs'/'index_files'; d.mkdir(exist_ok=True)
    for k, v in imgs.items(): (d/k).write_bytes(v)
    return True

if __name__ == '__main__':
    ok = main(check='--check' in sys.argv)
    if not ok: sys.exit('README.md is out of date: run `python scripts/make_readme.py`')
