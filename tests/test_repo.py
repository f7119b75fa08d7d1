"""Repository-level checks: the library is exported from the notebooks, notebooks are clean,
and every notebook runs under `nbdev_test` (CPU, one torch thread per notebook process)."""
import os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

def _run(cmd, env=None, timeout=None):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=timeout)

def _status(path): return _run(['git', 'status', '--porcelain', '--', path]).stdout

@pytest.mark.skipif(not (ROOT/'.git').exists(), reason='needs a git checkout')
@pytest.mark.parametrize('cmd, path', [('nbdev_export', 'advspade'), ('nbdev_clean', 'nbs')])
def test_in_sync(cmd, path):
    "`nbdev_export` must leave `advspade/`, and `nbdev_clean` every notebook, exactly as committed (run it and commit)."
    before = _status(path)
    r = _run([cmd])
    assert r.returncode == 0, r.stderr
    after = _status(path)
    assert before == after, f'{cmd} changed {path}/ (run it and commit):\n{after}'

def test_notebooks():
    "Every notebook runs under nbdev_test (slow and cuda cells are skipped by tst_flags)."
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1', PYTHONWARNINGS='ignore')
    r = _run(['nbdev_test', '--n_workers', '2', '--timing'], env=env, timeout=1500)
    print(r.stdout[-5000:]); print(r.stderr[-5000:], file=sys.stderr)
    assert r.returncode == 0, f'nbdev_test failed:\n{r.stderr[-8000:]}'

def test_readme_in_sync():
    "README.md is generated from nbs/index.ipynb by scripts/make_readme.py."
    r = _run([sys.executable, 'scripts/make_readme.py', '--check'])
    assert r.returncode == 0, r.stderr

def test_ci_runs_readme_test_command():
    "`.ci/run` runs exactly the README's test command."
    readme, ci = (ROOT/'README.md').read_text(), (ROOT/'.ci'/'run').read_text()
    cmd = 'pip install -e ".[dev]" && pytest'
    assert cmd in readme and cmd in ci
