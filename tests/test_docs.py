"""Offline check of the docs site: what a reader of the rendered pages sees.

Quarto cannot be installed offline, so this renders the way nbdev does up to Quarto: the
notebooks are processed by `nbdev_proc_nbs` (into `_proc/` of a temporary copy of the files
git tracks, so the checkout is left alone), then the processed index and one
lesson are turned into HTML with nbconvert (front matter shown as the title block and
`#| echo: false` inputs hidden, as Quarto does) and opened in headless Chromium. Each page must
show its title, a rendered figure and (lessons) API docs from `show_doc`; screenshots are kept
in `tests/artifacts/`. Without Chromium the test is skipped, unless ADVSPADE_REQUIRE_BROWSER=1
(set by `.ci/run`), where it fails."""
import base64, io, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
ART = ROOT/'tests'/'artifacts'
BROWSERS = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome')
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars']

@pytest.fixture(scope='module')
def browser():
    exe = next((p for p in map(shutil.which, BROWSERS) if p), None)
    if exe is None:
        msg = (f'no Chromium found (looked for {", ".join(BROWSERS)}): to run the docs and widget tests locally, '
               '`sudo apt-get install chromium` (Debian/Ubuntu); `.ci/run` installs it and sets ADVSPADE_REQUIRE_BROWSER=1')
        if os.environ.get('ADVSPADE_REQUIRE_BROWSER') == '1': pytest.fail(msg)
        pytest.skip(msg)
    return exe

# `nbdev_proc_nbs` starts by installing Quarto when it is missing (a download, which fails
# offline); nothing it does afterwards needs Quarto, so the check is switched off here only.
PROC = ('import nbdev.quarto as q, shutil\n'
        'if not shutil.which("quarto"): q._ensure_quarto = lambda: None\n'
        'q.nbdev_proc_nbs.__wrapped__(n_workers=2)\n')

def _tracked_copy(dest):
    "A copy of the files git tracks: processing must not touch the checkout (it rewrites `_modidx.py`)."
    if not (ROOT/'.git').exists():
        shutil.copytree(ROOT, dest, symlinks=True, ignore=shutil.ignore_patterns('.venv', 'build', 'dist', '_proc', '_docs'))
        return dest
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split('\0')
    for f in filter(None, files):
        src, dst = ROOT/f, dest/f
        if not (src.is_file() or src.is_symlink()): continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink(): os.symlink(os.readlink(src), dst)
        else: shutil.copy2(src, dst)
    return dest

@pytest.fixture(scope='module')
def proc(browser, tmp_path_factory):
    "Run `nbdev_proc_nbs` in a copy of the repository; returns its `_proc/`."
    src = _tracked_copy(tmp_path_factory.mktemp('docs')/'repo')
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1', PYTHONWARNINGS='ignore')
    env['PYTHONPATH'] = str(src)   # the copy's `advspade/` is the one imported, not this checkout's
    r = subprocess.run([sys.executable, '-c', PROC], cwd=src, capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, f'nbdev_proc_nbs failed:\n{r.stdout[-4000:]}\n{r.stderr[-6000:]}'
    return src/'_proc'

def _lesson(proc):
    "`00_data` once it exists, else the first numbered lesson."
    if (proc/'00_data.ipynb').exists(): return proc/'00_data.ipynb'
    nbs = sorted(proc.glob('[0-9][0-9]*.ipynb'))
    assert nbs, 'no processed lessons in _proc/'
    return nbs[0]

def _quarto_like(nb):
    "What Quarto does before rendering: a title block from the front matter, `echo: false` inputs hidden."
    import nbformat, yaml
    fm, cells = {}, []
    for c in nb.cells:
        if c.cell_type == 'raw' and c.source.lstrip().startswith('---') and not fm:
            fm = yaml.safe_load(c.source.strip().strip('-')) or {}; continue
        if c.cell_type == 'code':
            if re.search(r'^#\|\s*(echo:\s*false|hide)', c.source, re.M): c.metadata.setdefault('transient', {})['remove_source'] = True
            c.source = '\n'.join(l for l in c.source.splitlines() if not l.startswith('#|'))
            for o in c.get('outputs', []):
                md = o.get('data', {}).get('text/markdown')
                if md: o['data']['text/markdown'] = re.sub(r'\{target="_blank"[^}]*\}', '', md)
        cells.append(c)
    head = f"# {fm.get('title', '')}\n\n" + (f"> {fm['description']}" if fm.get('description') else '')
    nb.cells = [nbformat.v4.new_markdown_cell(head)] + cells
    return fm

def render(nb_path, html_path):
    "Processed notebook → standalone HTML (images embedded as data URIs); returns the front matter."
    import nbformat
    from nbconvert import HTMLExporter
    nb = nbformat.read(nb_path, as_version=4)
    fm = _quarto_like(nb)
    ex = HTMLExporter(embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = ex.from_notebook_node(nb, resources={'metadata': {'name': fm.get('title', nb_path.stem)}})
    # count the images the browser actually decoded, for the DOM dump to report
    probe = ('<script>window.addEventListener("load",()=>{document.body.setAttribute("data-decoded-imgs",'
             '[...document.images].filter(i=>i.complete&&i.naturalWidth>0).length)})</script>')
    html_path.write_text(body.replace('</body>', probe + '</body>'), encoding='utf-8')
    return fm

def chromium(exe, html, shot, tmp):
    "Screenshot `html` into `shot` and return the DOM after load."
    common = FLAGS + [f'--user-data-dir={tmp}', '--virtual-time-budget=5000']
    url = html.resolve().as_uri()
    r = subprocess.run([exe, *common, f'--screenshot={shot}', '--window-size=1280,2000', url],
                       capture_output=True, text=True, timeout=180)
    assert shot.exists(), f'no screenshot from Chromium:\n{r.stderr[-3000:]}'
    r = subprocess.run([exe, *common, '--dump-dom', url], capture_output=True, text=True, timeout=180)
    assert r.returncode == 0 and '<body' in r.stdout, f'Chromium --dump-dom failed:\n{r.stderr[-3000:]}'
    return r.stdout

def _figures(soup):
    "Embedded PNG figures (decoded) of a page."
    from PIL import Image
    ims = []
    for img in soup.find_all('img'):
        m = re.match(r'data:image/png;base64,(.*)', img.get('src', ''), re.S)
        if m: ims.append(Image.open(io.BytesIO(base64.b64decode(m.group(1)))))
    return [im for im in ims if min(im.size) >= 50]

def _api_docs(soup):
    "(heading text, signature) pairs of show_doc entries: a heading followed by a `def`/`class` signature."
    docs = []
    for h in soup.find_all(['h2', 'h3', 'h4']):
        name = h.get_text(strip=True).rstrip('¶').strip()
        nxt = h.find_next(['pre', 'table', 'h2', 'h3', 'h4'])
        if nxt is None or nxt.name in ('h2', 'h3', 'h4'): continue
        txt = nxt.get_text(' ', strip=True)
        if nxt.name == 'table' and re.search(r'Type|Default|Details', txt): docs.append((name, txt))
        elif re.search(rf'(def|class)\s+{re.escape(name.split(".")[-1])}\b', txt): docs.append((name, txt))
    return docs

def _check_screenshot(shot):
    from PIL import Image, ImageStat
    im = Image.open(shot).convert('L')
    assert im.size == (1280, 2000), f'unexpected screenshot size {im.size}'
    assert ImageStat.Stat(im).stddev[0] > 10, f'{shot.name} looks blank'

def _page(browser, proc, nb, tmp_path):
    from bs4 import BeautifulSoup
    ART.mkdir(parents=True, exist_ok=True)
    html, shot = ART/f'{nb.stem}.html', ART/f'{nb.stem}.png'
    shot.unlink(missing_ok=True)
    fm = render(nb, html)
    dom = chromium(browser, html, shot, tmp_path)
    (ART/f'{nb.stem}.dom.html').write_text(dom, encoding='utf-8')
    _check_screenshot(shot)
    soup = BeautifulSoup(dom, 'html.parser')
    title = fm.get('title')
    assert title, f'{nb.name}: no title in the front matter'
    h1 = [h.get_text(strip=True).rstrip('¶') for h in soup.find_all('h1')]
    assert title in h1, f'{nb.name}: title {title!r} not shown (h1s: {h1})'
    figs = _figures(soup)
    assert figs, f'{nb.name}: no rendered figure on the page (an <img> with PNG data)'
    decoded = int(soup.body.get('data-decoded-imgs', 0))
    assert decoded >= len(figs), f'{nb.name}: Chromium decoded {decoded} of {len(figs)} figures'
    return soup

def test_index_page(browser, proc, tmp_path):
    "The docs index shows the title and a picture of what AdvSPADE does."
    soup = _page(browser, proc, proc/'index.ipynb', tmp_path)
    assert 'AdvSPADE' in soup.get_text()

def test_lesson_page(browser, proc, tmp_path):
    "A lesson shows its title, its figures and API docs (a heading per symbol with its signature)."
    nb = _lesson(proc)
    soup = _page(browser, proc, nb, tmp_path)
    docs = _api_docs(soup)
    assert docs, f'{nb.name}: no show_doc API docs (a heading followed by a signature or parameter table)'
    mod = proc.parent/'advspade'/(re.sub(r'^\d+[a-z]?_', '', nb.stem) + '.py')
    public = set()
    if mod.exists():   # the lesson's exported names, read (not imported) from the copy's module
        import ast
        for node in ast.parse(mod.read_text()).body:
            if isinstance(node, ast.Assign) and any(getattr(t, 'id', '') == '__all__' for t in node.targets):
                public = set(ast.literal_eval(node.value))
    if public: assert {n.split('.')[0] for n, _ in docs} & public, f'{nb.name}: API docs name no public symbol of {mod.name}'

def test_every_public_name_has_show_doc():
    "Every function and class in a module's `__all__` is shown with `show_doc` in the notebook that exports it (issue 15)."
    import ast, json
    missing = []
    for mod in sorted((ROOT/'advspade').glob('*.py')):
        tree = ast.parse(mod.read_text(encoding='utf-8'))
        public = next((set(ast.literal_eval(n.value)) for n in tree.body if isinstance(n, ast.Assign)
                       and any(getattr(t, 'id', '') == '__all__' for t in n.targets)), set())
        dispatched = lambda n: any(getattr(d, 'id', '') in ('dispatch', 'typedispatch') for d in getattr(n, 'decorator_list', []))
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not dispatched(n)}   # not fastai type-dispatch cases
        nbs = set(re.findall(r'^# %% \.\./(nbs/[^ ]+\.ipynb)', mod.read_text(encoding='utf-8'), re.M))
        if not public or not nbs: continue
        code = '\n'.join(''.join(c['source']) for nb in nbs for c in json.loads((ROOT/nb).read_text(encoding='utf-8'))['cells']
                         if c['cell_type'] == 'code')
        missing += [f'{mod.stem}.{n}' for n in sorted(public & defined) if not re.search(rf'show_doc\(\s*{re.escape(n)}\b', code)]
    assert not missing, f'{len(missing)} public names without show_doc: ' + ', '.join(missing)


def test_exported_cells_are_small():
    "One idea a cell: no exported cell over 30 lines (issue 15)."
    import ast, json
    bad = []
    for f in sorted((ROOT/'nbs').rglob('*.ipynb')):
        for c in json.loads(f.read_text(encoding='utf-8'))['cells']:
            s = ''.join(c['source'])
            if c['cell_type'] != 'code' or not s.startswith('#| export') or len(s.splitlines()) <= 30: continue
            names = [n.name for n in ast.parse(s).body if hasattr(n, 'name')]
            bad.append(f'{f.stem}: {len(s.splitlines())} lines ({", ".join(names)})')
    assert not bad, 'exported cells over 30 lines: ' + '; '.join(bad)

def _undocumented(mod_name:str) -> list:
    "Parameters of `mod_name`'s public functions, classes' `__init__` and public methods that have no docment"
    import importlib, inspect, warnings
    from fastcore.docments import docments
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        mod = importlib.import_module(f'advspade.{mod_name}')
    def gaps(name, f):
        try: sig = inspect.signature(f)
        except (TypeError, ValueError): return []
        d = docments(f, full=False)
        miss = [p.name for p in sig.parameters.values() if p.name not in ('self', 'cls') and not d.get(p.name)
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        return [f"{mod_name}.{name}({', '.join(miss)})"] if miss else []
    out = []
    for n in getattr(mod, '__all__', []):
        o = getattr(mod, n)
        if getattr(o, '__module__', None) != mod.__name__: continue   # re-exported from its home module
        if inspect.isclass(o):
            fs = [('', o)] if '__init__' in o.__dict__ or '__dataclass_fields__' in o.__dict__ else []   # the class: its __init__ (a dataclass: its fields)
            fs += [(f'.{k}', v) for k, v in o.__dict__.items() if inspect.isfunction(v) and not k.startswith('_')]
            for k, f in fs: out += gaps(n + k, f)
        elif inspect.isfunction(o): out += gaps(n, o)
    return out

MODULES = sorted(f.stem for f in (ROOT/'advspade').glob('*.py') if not f.stem.startswith('_'))   # every module

@pytest.mark.parametrize('mod', MODULES)
def test_every_parameter_has_docments(mod):
    "Every parameter of every public function, class and method has a docment: the comment after it (issue 15)."
    missing = _undocumented(mod)
    assert not missing, f'{len(missing)} signatures with undocumented parameters: ' + '; '.join(missing)

def test_docments_check_rejects_a_bare_signature(tmp_path, monkeypatch):
    "The docments check finds a parameter without a comment and accepts one with it"
    pkg = tmp_path/'advspade_probe'; pkg.mkdir()
    (pkg/'__init__.py').write_text('')
    (pkg/'m.py').write_text("__all__ = ['f', 'g']\ndef f(a, # documented\n      b): 'x'\ndef g(a:int, # documented\n     ): 'y'\n")
    import advspade, importlib
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(importlib, 'import_module', lambda name, _im=importlib.import_module: _im(name.replace('advspade.', 'advspade_probe.')))
    assert _undocumented('m') == ['m.f(b)']

def test_one_progress_flag():
    "Progress bars are switched by one parameter name everywhere, `progress: bool` (issue 15): no `quiet` / `verbose` / `show_progress`"
    import importlib, inspect, warnings
    bad = []
    for m in MODULES:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore'); mod = importlib.import_module(f'advspade.{m}')
        for name in getattr(mod, '__all__', []):
            o = getattr(mod, name)
            fs = [o] + [v for v in vars(o).values() if inspect.isfunction(v)] if inspect.isclass(o) else [o]
            for f in fs:
                try: ps = inspect.signature(f).parameters
                except (TypeError, ValueError): continue
                bad += [f'{m}.{name}({p})' for p in ps if p in ('quiet', 'verbose', 'show_progress', 'pbar')]
    assert not bad, bad
