"""The pip package: build the wheel, install it in a fresh virtual environment and use it with
no notebooks (and no source checkout) in sight.

The venv reuses the running interpreter's installed dependencies (torch, fastai, …) so it stays
fast: it is created with `--system-site-packages` and a `.pth` file that lists the running
environment's own site-packages (inside a virtual environment, `--system-site-packages` alone
would only see the *base* interpreter's). The wheel itself goes in with `--no-deps --force-reinstall`;
a `.pth` line only adds a folder, so the dev environment's editable-install finder is not loaded.
That the wheel's *requirements* are complete is checked by tests/test_fresh_venv.py, which
installs from the package index into an empty venv. Commands run from
an empty temporary folder, and the test checks that `advspade` is imported from the venv, not
from this checkout's editable install. Console scripts and the version come from settings.ini,
so scripts added there are covered automatically."""
import configparser, os, shutil, site, subprocess, sys, zipfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

def _cfg():
    p = configparser.ConfigParser(delimiters=['=']); p.read(ROOT/'settings.ini', encoding='utf-8')
    return p['DEFAULT']

def _run(cmd, cwd, timeout=600, **kw):
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV')}
    env.update(OMP_NUM_THREADS='1', PYTHONWARNINGS='ignore', **kw)
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert r.returncode == 0, f'{" ".join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-5000:]}'
    return r.stdout

def _source_tree(dest):
    "The files git tracks (a copy), so others' untracked work in a shared checkout is not packaged."
    if not (ROOT/'.git').exists(): shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns('.venv', 'build', 'dist', '_proc', '_docs')); return dest
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split('\0')
    for f in filter(None, files):
        src = ROOT/f
        if src.is_file() or src.is_symlink():
            (dest/f).parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink(): os.symlink(os.readlink(src), dest/f)
            else: shutil.copy2(src, dest/f)
    return dest

@pytest.fixture(scope='module')
def installed(tmp_path_factory):
    "(venv python, venv bin dir, wheel path, empty work dir)."
    tmp = tmp_path_factory.mktemp('wheel')
    src, dist, venv, work = tmp/'src', tmp/'dist', tmp/'venv', tmp/'work'
    for d in (src, work): d.mkdir()
    _source_tree(src)
    # --no-isolation: build with the installed setuptools (an isolated build env would download it)
    _run([sys.executable, '-m', 'build', '--wheel', '--no-isolation', '--outdir', dist], cwd=src)
    whl, = dist.glob('advspade-*.whl')
    _run([sys.executable, '-m', 'venv', '--system-site-packages', venv], cwd=tmp)
    bin_ = venv/('Scripts' if os.name == 'nt' else 'bin')
    py = bin_/'python'
    venv_site = Path(subprocess.run([py, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
                                    capture_output=True, text=True, check=True).stdout.strip())
    (venv_site/'_advspade_test_parent_site.pth').write_text('\n'.join(site.getsitepackages()) + '\n')
    _run([py, '-m', 'pip', 'install', '--no-deps', '--force-reinstall', '--no-index', '-q', whl], cwd=work,
         PIP_DISABLE_PIP_VERSION_CHECK='1')
    return py, bin_, whl, work

def _modules(whl):
    names = zipfile.ZipFile(whl).namelist()
    return sorted(n[:-3].replace('/', '.').removesuffix('.__init__') for n in names
                  if n.startswith('advspade/') and n.endswith('.py'))

def test_wheel_contents(installed):
    "The wheel ships the version from settings.ini, every module of the package and the shipped weights."
    _, _, whl, _ = installed
    cfg = _cfg()
    assert whl.name.startswith(f'advspade-{cfg["version"]}-'), whl.name
    names = set(zipfile.ZipFile(whl).namelist())
    mods = {f'advspade/{p.name}' for p in (ROOT/'advspade').glob('*.py')}
    tracked = subprocess.run(['git', 'ls-files', 'advspade'], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if tracked: mods &= set(tracked)
    assert mods <= names, f'modules missing from the wheel: {sorted(mods - names)}'
    weights = {f'advspade/weights/{p.name}' for p in (ROOT/'advspade'/'weights').glob('*') if p.is_file()}
    if tracked: weights &= set(tracked)
    assert weights <= names, f'shipped weights missing from the wheel: {sorted(weights - names)}'
    assert not any(n.startswith(('nbs/', 'tests/')) for n in names), 'notebooks or tests inside the wheel'

def test_imports_from_wheel(installed):
    "Every module imports from the installed wheel, outside the checkout, with the right version."
    py, _, whl, work = installed
    mods = _modules(whl)
    assert 'advspade' in mods and len(mods) > 2
    code = ('import importlib, sys, advspade\n'
            f'for m in {mods!r}: importlib.import_module(m)\n'
            'print("VERSION", advspade.__version__)\n'
            'for n, m in sorted(sys.modules.items()):\n'
            '    if n.split(".")[0] == "advspade": print("MODULE", n, getattr(m, "__file__", None) or "?")\n')
    out = _run([py, '-c', code], cwd=work).splitlines()
    version = next(l.split()[1] for l in out if l.startswith('VERSION '))
    loaded = dict(l.split(' ', 2)[1:] for l in out if l.startswith('MODULE '))
    venv = py.parent.parent.resolve()
    # a module missing from the wheel could still be found through this machine's editable install
    outside = {n: f for n, f in loaded.items() if not Path(f).resolve().is_relative_to(venv)}
    assert not outside, f'imported from outside the venv (missing from the wheel?): {sorted(outside)}'
    assert set(loaded) >= set(mods)
    assert not any(work.glob('**/*.ipynb'))
    assert version == _cfg()['version']

def _scripts():
    return [s.split('=')[0].strip() for s in _cfg().get('console_scripts', '').split() if '=' in s]

def test_console_scripts(installed):
    "Each console script in settings.ini is installed and answers --help."
    py, bin_, _, work = installed
    for name in _scripts():
        exe = bin_/name
        assert exe.exists(), f'console script {name} not installed'
        out = _run([exe, '--help'], cwd=work, timeout=300)
        assert 'usage' in out.lower() or name in out, f'{name} --help printed:\n{out[:2000]}'
    if not _scripts(): pytest.skip('no console_scripts in settings.ini yet')
