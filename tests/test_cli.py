"""The console scripts as a user runs them: `advspade_demo` end to end at a tiny size (files, numbers in
range, the attack's direction, `--resume`), `--help`, and `advspade_train`'s one-line errors."""
import json, os, shutil, subprocess, sys
from pathlib import Path
import pytest

WEIGHTS = Path(__file__).resolve().parents[1]/'advspade'/'weights'

TINY = ['--size', '64', '64', '--n-train', '16', '--n-val', '8', '--bs', '4', '--target-epochs', '3',
        '--epochs', '6', '--adv-epochs', '6', '--atk', '1000', '--adv-lr', '1e-3', '--n-fid', '160', '--quiet', '--threads', '1']
# FID/KID on 160 scenes (more than SceneNet's 128 features), not the default 512: these runs test the mechanics, and the
# evaluation stage of one takes 43 s instead of 132 s (2026-12-07, one thread beside a two-thread build)
# SPADE trains 6 epochs, not 2: after 2 its images are blobs that the 3-epoch toynet reads as one layout on some CPUs
# (AMD EPYC, 2026-12-06: SPADE 0.165, AdvSPADE 0.165), and an attack on a constant prediction cannot lower it

def _script(name):
    exe = shutil.which(name)
    return [exe] if exe else [sys.executable, '-c', f'import sys; from advspade.cli import {name}; sys.argv[0] = {name!r}; {name}()']

def _run(name, *args, cwd=None, timeout=600):
    env = {**os.environ, 'OMP_NUM_THREADS': '1'}
    return subprocess.run(_script(name) + list(args), cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)

@pytest.fixture(scope='module')
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp('demo')/'out'
    r = _run('advspade_demo', '--out', str(out), *TINY)
    assert r.returncode == 0, r.stderr[-3000:]
    return out, r

def test_demo_files(demo):
    out, r = demo
    res = json.loads((out/'results.json').read_text())
    for k in ('config', 'table', 'criteria', 'stage_seconds', 'budgets', 'vgg', 'fid', 'device', 'total_seconds'):
        assert k in res, k
    assert list(res['stage_seconds']) == ['data', 'target', 'spade', 'advspade', 'evaluate']
    rows = {x['images']: x for x in res['table']}
    assert list(rows) == ['real', 'PGD ε=8 (real)', 'CosPGD ε=8 (real)', 'SPADE', 'SPADE (uint8)', 'AdvSPADE', 'AdvSPADE (uint8)']
    md = (out/'results.md').read_text()
    assert '| images | mIoU (toynet) | ASR θ=0.95 |' in md and '| AdvSPADE (uint8) |' in md
    assert 'λ1' in res['vgg'] and 'λ1' in md
    for f in ('target.pth', 'spade.pth', 'advspade.pth', 'figure.png', 'asr_theta.png'): assert (out/f).is_file(), f
    assert list((out/'ckpt'/'spade').glob('epoch_*.pth')) and list((out/'ckpt'/'advspade').glob('epoch_*.pth'))
    from PIL import Image
    w, h = Image.open(out/'figure.png').size
    assert w > 600 and h > 300, (w, h)
    assert '| SPADE |' in r.stdout   # the table is printed too
    assert '█' not in r.stdout and '[data]' in r.stdout   # --quiet: stage messages, no progress bar (fastprogress's bar prints its glyph even with display=False)

def test_demo_numbers(demo):
    res = json.loads((demo[0]/'results.json').read_text())
    for row in res['table']:
        for k, v in row.items():
            if (k.startswith('mIoU') or k.startswith('ASR')) and v is not None: assert 0 <= v <= 1, (row['images'], k, v)
        assert (row['mIoU judge'] is None) == row['images'].startswith(('PGD', 'CosPGD')), row   # the judge scores the generated sets and real
        assert row['ASR θ=0.5'] >= row['ASR θ=0.95'], row   # a lenient θ counts at least the images the strict one does
    rows = {x['images']: x for x in res['table']}
    k = 'mIoU (toynet)'
    assert rows['AdvSPADE'][k] < rows['SPADE'][k], (rows['AdvSPADE'][k], rows['SPADE'][k])
    assert rows['PGD ε=8 (real)'][k] < rows['real'][k] and rows['CosPGD ε=8 (real)'][k] < rows['real'][k]
    fid = next(c for c in rows['SPADE'] if 'FID' in c)
    assert rows['real'][fid] is None and rows['SPADE'][fid] > 0

def test_demo_resume(demo, tmp_path):
    "Interrupt after AdvSPADE's first epoch (remove everything later): `--resume` keeps the finished stages and ends where the full run ended"
    out, _ = demo
    cut = tmp_path/'out'
    shutil.copytree(out, cut)
    for f in ('advspade.pth', 'results.json', 'results.md', 'figure.png', 'asr_theta.png'): (cut/f).unlink()
    for f in sorted((cut/'ckpt'/'advspade').glob('epoch_*.pth'))[1:]: f.unlink()
    spade = (cut/'spade.pth').stat().st_mtime_ns
    r = _run('advspade_demo', '--out', str(cut), *TINY, '--resume')
    assert r.returncode == 0, r.stderr[-3000:]
    a, b = (json.loads((d/'results.json').read_text())['table'] for d in (out, cut))
    assert a == b
    assert (cut/'spade.pth').stat().st_mtime_ns == spade   # the finished SPADE stage was loaded, not trained again

def test_demo_help():
    r = _run('advspade_demo', '--help', timeout=120)
    assert r.returncode == 0 and '--resume' in r.stdout and '--epochs' in r.stdout

# Bad arguments and files on every script: tests/test_bad_input.py (one table).

def test_train_runs(tmp_path):
    "One epoch of AdvSPADE on ToyScenes written to disk, against the shipped toynet; then resume to 2 epochs"
    from advspade.data import write_toyscenes
    toy = write_toyscenes(tmp_path/'toy', n_train=4, n_val=2)
    common = ['--data', str(toy), '--target-arch', 'toynet', '--size', '64', '128', '--bs', '2', '--ngf', '4',
              '--ndf', '8', '--num-D', '1', '--no-vae', '--upsampling', 'less', '--out', str(tmp_path/'out')]
    r = _run('advspade_train', *common, '--epochs', '1')
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'out'/'model.pth').is_file() and (tmp_path/'out'/'ckpt'/'epoch_000.pth').is_file()
    r = _run('advspade_train', *common, '--epochs', '2', '--resume')
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'out'/'ckpt'/'epoch_001.pth').is_file()

def test_train_recipes(tmp_path):
    "Both recipes end to end at a tiny size: `paper` (multi-modal: an encoder is trained with G) and `finetune` (from a generator, no encoder)"
    import torch
    from advspade.data import write_toyscenes
    toy = write_toyscenes(tmp_path/'toy', n_train=4, n_val=2)
    common = ['--data', str(toy), '--size', '64', '128', '--bs', '2', '--ngf', '4', '--ndf', '8',
              '--num-D', '1', '--upsampling', 'less', '--epochs', '1', '--threads', '1']
    r = _run('advspade_train', *common, '--target', 'toynet', '--recipe', 'paper', '--out', str(tmp_path/'paper'))   # the one target syntax
    assert r.returncode == 0, r.stderr[-3000:]
    st = torch.load(tmp_path/'paper'/'model.pth', weights_only=False)
    assert st['netE'] is not None and 'fc_mu.weight' in st['netE']     # the paper's AdvSPADE is multi-modal
    # a generator-only SPADE, as the reference publishes them, then AdvSPADE fine-tuned from it
    r = _run('advspade_train', *common, '--no-vae', '--out', str(tmp_path/'spade'))                    # no --target: vanilla SPADE
    assert r.returncode == 0, r.stderr[-3000:]
    g0 = torch.load(tmp_path/'spade'/'model.pth', weights_only=False)['netG']
    r = _run('advspade_train', *common, '--target', f"toynet={WEIGHTS/'toynet.pth'}", '--recipe', 'finetune', '--pretrained', str(tmp_path/'spade'/'model.pth'),
             '--out', str(tmp_path/'ft'))
    assert r.returncode == 0, r.stderr[-3000:]
    ft = torch.load(tmp_path/'ft'/'model.pth', weights_only=False)
    assert ft['netE'] is None and ft['netG'].keys() == g0.keys()
    moved = [(ft['netG'][k].float() - g0[k].float()).abs().max().item() for k in g0 if k.endswith(('weight', 'bias', 'weight_orig'))]
    assert 0 < max(moved) < 0.1, max(moved)                            # trained, and from the pretrained weights (lr 1e-4, one epoch)
