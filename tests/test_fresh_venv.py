"""The README's first command on a fresh machine, as written: `pip install -e . && advspade_demo`.

A new virtual environment, created by the test, with *no* access to this environment's
packages and no dev extras: everything (torch, torchvision, fastai, ...) comes from the package
index the way a user gets it (1-3 minutes). Then `advspade_demo` runs at a tiny size (flags only)
and its output files, its numbers' range and PGD's direction are checked. This is the test that the
runtime `requirements` in settings.ini are complete (the wheel test reuses this environment's
packages and cannot tell).

It is marked `fresh_venv`; a developer can skip it locally with ADVSPADE_SKIP_FRESH_VENV=1,
but CI (`.ci/run` sets ADVSPADE_CI=1) never skips it."""
import json, os, subprocess, sys, venv
from pathlib import Path
import pytest

from test_wheel import _source_tree
from test_cli import TINY as TINY_DEMO

def _tiny(over:dict):
    "test_cli's tiny run, printing its table (checked below), with some options' values replaced"
    flags = [a for a in TINY_DEMO if a != '--quiet']
    for k, v in over.items(): flags[flags.index(k) + 1] = v
    return flags

# one epoch of SPADE and of AdvSPADE (test_cli's run trains six of each and checks that AdvSPADE lowers toynet's mIoU):
# here the question is whether the install runs the whole pipeline, which takes ~50 s less this way
TINY = _tiny({'--epochs': '1', '--adv-epochs': '1'})

def _skip():
    return os.environ.get('ADVSPADE_SKIP_FRESH_VENV') == '1' and os.environ.get('ADVSPADE_CI') != '1'

def _env():
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV', 'PYTHONUSERBASE')}
    return {**env, 'OMP_NUM_THREADS': '1', 'PIP_DISABLE_PIP_VERSION_CHECK': '1', 'PYTHONNOUSERSITE': '1'}

def _run(cmd, cwd, timeout):
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_env())
    assert r.returncode == 0, f'{" ".join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-5000:]}'
    return r

@pytest.mark.fresh_venv
@pytest.mark.skipif(_skip(), reason='ADVSPADE_SKIP_FRESH_VENV=1 (CI never skips this test)')
def test_readme_run_command_in_fresh_venv(tmp_path):
    src, env_dir, work = tmp_path/'advspade', tmp_path/'venv', tmp_path/'work'
    src.mkdir(); work.mkdir()
    _source_tree(src)
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    bin_ = env_dir/('Scripts' if os.name == 'nt' else 'bin')
    py = bin_/'python'
    # nothing of this environment leaks in: no torch before the install
    r = subprocess.run([py, '-c', 'import torch'], capture_output=True, text=True, env=_env())
    assert r.returncode != 0 and 'torch' in r.stderr
    _run([py, '-m', 'pip', 'install', '-q', '-e', '.'], cwd=src, timeout=1500)        # the README's command, first half
    r = _run([bin_/'advspade_demo', '--out', 'demo_out', *TINY], cwd=work, timeout=900)  # ... and second half, at a tiny size
    out = work/'demo_out'
    for f in ('results.json', 'results.md', 'figure.png', 'asr_theta.png', 'target.pth', 'spade.pth', 'advspade.pth'):
        assert (out/f).is_file(), f
    res = json.loads((out/'results.json').read_text())
    rows = {x['images']: x for x in res['table']}
    k = 'mIoU (toynet)'
    assert all(0 <= x[k] <= 1 for x in rows.values()) and rows['PGD ε=8 (real)'][k] < rows['real'][k], {n: x[k] for n, x in rows.items()}
    assert '| AdvSPADE |' in r.stdout
    # the run records what it ran with, and those are this venv's own versions
    freeze = _run([py, '-m', 'pip', 'freeze'], cwd=work, timeout=120).stdout.lower()
    env = res['environment']
    for name in ('torch', 'torchvision', 'fastai', 'fastcore', 'numpy'):
        assert f'{name}=={env[name].split("+")[0]}'.lower() in freeze, (name, env[name])
    assert env['threads'] == 1 and env['cpu']
    names = {l.split('==')[0] for l in freeze.splitlines() if '==' in l}
    assert not names & {'nbdev', 'execnb', 'pytest', 'nbconvert'}, names   # no dev extras were needed
