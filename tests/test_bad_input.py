"""Bad input on the four console scripts, as a table: a command line in, the one line the user
sees on stderr and the exit status out. Driven only through the scripts' command lines
(`advspade.cli.<script>(argv)`, in this process so torch is imported once), from inside a
scratch folder that holds the broken inputs, so the paths in the messages are the ones typed.

Two behaviours need real processes and are tested below the table: Ctrl-C during training
(one line saying how to resume, status 130; `--resume` then ends where an uninterrupted run
ends) and `--resume` after the newest checkpoint was damaged (it falls back to the last intact
one). `--help` is checked not to import torch or fastai."""
import json, os, shutil, signal, subprocess, sys, time, warnings
from pathlib import Path
import numpy as np, pytest

warnings.filterwarnings('ignore')
ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT/'advspade'/'weights'
PY_ENV = {**os.environ, 'OMP_NUM_THREADS': '1', 'PYTHONWARNINGS': 'ignore'}
PY_ENV.pop('ADVSPADE_DEBUG', None)

@pytest.fixture(scope='module')
def scratch(tmp_path_factory):
    "A folder of broken inputs next to good ones"
    import torch
    from PIL import Image
    from advspade.data import write_toyscenes
    d = tmp_path_factory.mktemp('bad')
    good = write_toyscenes(d/'good', n_train=2, n_val=1, size=(64, 128))
    def copy(name): return Path(shutil.copytree(good, d/name))
    lbl = lambda root, split: next((root/'gtFine'/split/'toy').glob('*_labelIds.png'))
    img = lambda root, split: next((root/'leftImg8bit'/split/'toy').glob('*.png'))
    Image.fromarray(np.full((64, 128), 200, np.uint8)).save(lbl(copy('badids'), 'val'))
    Image.fromarray(np.zeros((48, 128), np.uint8)).save(lbl(copy('badsize'), 'train'))
    f = img(copy('badimg'), 'train'); f.write_bytes(f.read_bytes()[:200])
    (d/'empty').mkdir()
    real = (WEIGHTS/'toynet.pth').read_bytes()
    (d/'trunc.pth').write_bytes(real[:1000]); (d/'cut100k.pth').write_bytes(real[:100_000])
    (d/'notes.txt').write_text('not a checkpoint')
    (d/'prev_run').mkdir(); (d/'prev_run'/'results.json').write_text('{}')
    # label maps / images for advspade_attack
    labels = d/'labels'; labels.mkdir()
    shutil.copy(lbl(good, 'val'), labels/'a_labelIds.png')
    for name, arr in (('odd', np.zeros((37, 51), np.uint8)), ('ids', np.full((64, 128), 9, np.uint8))):
        (d/name).mkdir(); Image.fromarray(arr).save(d/name/'a_labelIds.png')
    (d/'corrupt_lbl').mkdir(); (d/'corrupt_lbl'/'a_labelIds.png').write_bytes(b'\x89PNG\r\n\x1a\n garbage')
    images = d/'images'; images.mkdir(); shutil.copy(img(good, 'val'), images/'a.png')
    (d/'corrupt_img').mkdir(); (d/'corrupt_img'/'a.png').write_bytes((images/'a.png').read_bytes()[:300])
    small = d/'small_lbl'; small.mkdir(); Image.fromarray(np.zeros((32, 64), np.uint8)).save(small/'a.png')
    return d

T = "toy_000000_000019_gtFine_labelIds.png"   # write_toyscenes' file names (Cityscapes style)
TN = "toy_000000_000019_leftImg8bit.png"
E = ': error: '
CASES = [
    # --- advspade_demo -------------------------------------------------------------------------
    ('demo', ['--size', '50', '128'], 'advspade_demo: error: --size 50 128: H and W must be multiples of 16 in 64..512'),
    ('demo', ['--epochs', '0'], 'advspade_demo: error: argument --epochs: must be at least 1, got 0'),
    ('demo', ['--lr', 'nan'], 'advspade_demo: error: argument --lr: must be a finite number > 0, got nan'),
    ('demo', ['--atk', '-1'], 'advspade_demo: error: argument --atk: must be a finite number ≥ 0, got -1'),
    ('demo', ['--n-val', 'ten'], "advspade_demo: error: argument --n-val: 'ten' is not a number"),
    ('demo', ['--out', 'prev_run'], "advspade_demo: error: output folder 'prev_run' already holds files: pass --force to overwrite them, "
                                    "--resume to continue that run, or choose another --out"),
    ('demo', ['--out', 'notes.txt/run'], "advspade_demo: error: cannot write to output folder 'notes.txt/run': Not a directory"),
    ('demo', ['--out', 'notes.txt'], "advspade_demo: error: output folder 'notes.txt' is a file"),
    ('demo', ['--inception', 'missing.pth', '--out', 'o1'], "advspade_demo: error: --inception: Inception weights file 'missing.pth' does not exist"),
    ('demo', ['--resume', '--out', 'empty', '--device', 'cuda:7'] , "advspade_demo: error: device 'cuda:7': CUDA is not available"),
    # --- advspade_train ------------------------------------------------------------------------
    ('train', ['--data', 'nowhere'], "advspade_train: error: --data: no folder 'nowhere'"),
    ('train', ['--data', 'good', '--out', 't7', '--target-arch', 'toynet', '--targeted', 'bus=road'],
     "advspade_train: error: --targeted: unknown class 'bus'; classes: sky, building, road, sidewalk, vegetation, car, person"),
    ('train', ['--data', 'good', '--out', 't8', '--target-arch', 'toynet', '--targeted', 'car'], "advspade_train: error: --targeted 'car': write SRC=DST, e.g. car=road"),
    ('train', ['--data', 'good', '--out', 't9', '--targeted', 'car=road'], "advspade_train: error: --targeted needs a target (--target-arch)"),
    ('train', ['--data', 'good', '--out', 't10', '--recipe', 'finetune'], "advspade_train: error: --recipe finetune needs --pretrained (a generator: the reference's *_net_G.pth, or ours)"),
    ('train', ['--data', 'empty'], "advspade_train: error: --data 'empty': neither a Cityscapes (leftImg8bit/, gtFine/) nor an ADE20K layout; give --dataset"),
    ('train', ['--data', 'badids', '--out', 't1'], f"advspade_train: error: badids: val: 1 of 1 files are bad; {T} holds label ids [200] outside toyscenes (0..6, 255)"),
    ('train', ['--data', 'badsize', '--out', 't2'], "advspade_train: error: badsize: train: 1 of 2 files are bad; "
                                                  "toy_000001_000019_gtFine_labelIds.png is 128×48 but toy_000001_000019_leftImg8bit.png is 128×64"),
    ('train', ['--data', 'badimg', '--out', 't3'], f"advspade_train: error: badimg: train: 1 of 2 files are bad; cannot read badimg/leftImg8bit/train/toy/{TN}: "
                                                 "not a readable image (OSError): truncated or corrupt?"),
    ('train', ['--data', 'good', '--pretrained', 'nope.pth'], "advspade_train: error: --pretrained: SPADE checkpoint 'nope.pth' does not exist"),
    ('train', ['--data', 'good', '--pretrained', 'trunc.pth', '--out', 't4', '--size', '64', '128'],
     "advspade_train: error: pretrained SPADE checkpoint 'trunc.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('train', ['--data', 'good', '--target-arch', 'toynet', '--target-weights', 'cut100k.pth', '--out', 't5'],
     "advspade_train: error: toynet weights 'cut100k.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('train', ['--data', 'good', '--target-arch', 'toynet', '--target-weights', 'notes.txt', '--out', 't6'],
     "advspade_train: error: toynet weights 'notes.txt' cannot be read as a PyTorch file (UnpicklingError): truncated or corrupt?"),
    ('train', ['--data', 'good', '--target-arch', 'toynet', '--target-weights', str(WEIGHTS/'toyunet.pth'), '--out', 't7'],
     "advspade_train: error: toynet weights do not fit ToyNet (another architecture?): 1 tensor of another shape, e.g. head.weight (7, 16, 1, 1) vs (7, 32, 1, 1)"),
    ('train', ['--data', 'good', '--target-arch', 'resnet9000', '--out', 't8'], None),   # the list of known archs grows: its start is pinned
    ('train', ['--data', 'good', '--target-arch', 'drn_d_105', '--out', 't9'],
     "advspade_train: error: --target-arch drn_d_105 needs --target-weights (a target with random weights is no target)"),
    ('train', ['--data', 'good', '--epochs', '0'], 'advspade_train: error: argument --epochs: must be at least 1, got 0'),
    ('train', ['--data', 'good', '--target', 'drn_d_105', '--out', 't10'],
     'advspade_train: error: drn_d_105 needs its Cityscapes weights: drn_d_105=path/to/weights.pth'),
    ('train', ['--data', 'good', '--target', 'toynet=missing.pth', '--out', 't11'], "advspade_train: error: toynet weights file 'missing.pth' does not exist"),
    ('train', ['--data', 'good', '--target', 'toynet', '--target-arch', 'toyunet', '--out', 't12'],
     'advspade_train: error: name the target once: --target arch[=weights] (or the older --target-arch/--target-weights)'),
    ('train', ['--data', 'good', '--lr=-1e-4'], 'advspade_train: error: argument --lr: must be a finite number > 0, got -1e-4'),
    ('train', ['--data', 'good', '--lr', '-1e-4'], 'advspade_train: error: argument --lr: expected one argument'),
    ('train', ['--data', 'good', '--out', 'prev_run'], "advspade_train: error: output folder 'prev_run' already holds files: pass --force to overwrite them, "
                                                     "--resume to continue that run, or choose another --out"),
    ('train', ['--data', 'good', '--out', 'empty', '--resume'], "advspade_train: error: --resume: no checkpoint in 'empty/ckpt'"),
    # --- advspade_eval -------------------------------------------------------------------------
    ('eval', ['--spade', 'missing.pth'], "advspade_eval: error: --spade: checkpoint 'missing.pth' does not exist"),
    ('eval', ['--spade', 'trunc.pth', '--out', 'e1'], "advspade_eval: error: spade checkpoint 'trunc.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('eval', ['--advspade', str(WEIGHTS/'toynet.pth'), '--out', 'e2'],   # a target's weights, not a generator
     "advspade_eval: error: toynet.pth does not fit the generator architecture (use --ngf/--size/--upsampling/--nhidden): missing keys (237)"),
    ('eval', ['--eps', '0'], 'advspade_eval: error: argument --eps: must be a finite number > 0, got 0'),
    ('eval', ['--eps', '8,nan'], 'advspade_eval: error: argument --eps: must be a finite number > 0, got nan'),
    ('eval', ['--theta', '1.5'], 'advspade_eval: error: argument --theta: must be in [0, 1], got 1.5'),
    ('eval', ['--theta', '-0.1'], 'advspade_eval: error: argument --theta: must be in [0, 1], got -0.1'),
    ('eval', ['--n', '0'], 'advspade_eval: error: argument --n: must be at least 1, got 0'),
    ('eval', ['--target', 'toynet=trunc.pth', '--out', 'e3'], "advspade_eval: error: toynet weights 'trunc.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('eval', ['--out', 'prev_run'], "advspade_eval: error: output folder 'prev_run' already holds files: pass --force to overwrite them, or choose another --out"),
    # --- advspade_attack -----------------------------------------------------------------------
    ('attack', ['advspade', 'nowhere', '--out', 'a1'], "advspade_attack: error: label map folder 'nowhere' does not exist"),
    ('attack', ['advspade', 'empty', '--out', 'a2'], "advspade_attack: error: no .png/.jpg files in the label map folder 'empty'"),
    ('attack', ['advspade', 'odd', '--out', 'a3'], "advspade_attack: error: label map a_labelIds.png is 37x51 but the generator makes 64x128 images "
                                                 "(resize the maps, or use a generator of that size)"),
    ('attack', ['advspade', 'ids', '--out', 'a4'], "advspade_attack: error: a_labelIds.png: label ids out of range 0..6: [9]"),
    ('attack', ['advspade', 'corrupt_lbl', '--out', 'a5'], "advspade_attack: error: label map 'corrupt_lbl/a_labelIds.png' cannot be read as an image "
                                                         "(OSError): truncated or corrupt?"),
    ('attack', ['advspade', 'labels', '--generator', 'trunc.pth', '--out', 'a6'],
     "advspade_attack: error: advspade checkpoint 'trunc.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('attack', ['pgd', 'nowhere', '--out', 'a7'], "advspade_attack: error: image folder 'nowhere' does not exist"),
    ('attack', ['pgd', 'images', '--eps', '0', '--out', 'a8'], 'advspade_attack: error: argument --eps: must be a finite number > 0, got 0'),
    ('attack', ['cospgd', 'images', '--eps', 'nan', '--out', 'a8'], 'advspade_attack: error: argument --eps: must be a finite number > 0, got nan'),
    ('attack', ['cospgd', 'images', '--steps', '0', '--out', 'a8'], 'advspade_attack: error: argument --steps: must be at least 1, got 0'),
    ('attack', ['fgsm', 'corrupt_img', '--out', 'a9'], "advspade_attack: error: image 'corrupt_img/a.png' cannot be read as an image (OSError): truncated or corrupt?"),
    ('attack', ['fgsm', 'images', '--labels', 'small_lbl', '--out', 'a10'],
     "advspade_attack: error: a.png: its label map (32, 64) does not match the image (64, 128)"),
    ('attack', ['pgd', 'images', '--target', 'toynet=cut100k.pth', '--out', 'a11'],
     "advspade_attack: error: toynet weights 'cut100k.pth' cannot be read as a PyTorch file (RuntimeError): truncated or corrupt?"),
    ('attack', ['pgd', 'images', '--out', 'prev_run'], "advspade_attack: error: output folder 'prev_run' already holds files: pass --force to overwrite them, or choose another --out"),
    ('attack', ['pgd', 'images'], 'advspade_attack: error: the following arguments are required: --out'),
]

def _call(script, argv, capsys):
    from advspade import cli
    f = getattr(cli, f'advspade_{script}')
    with pytest.raises(SystemExit) as e: f(argv)
    err = capsys.readouterr().err
    return e.value.code, [l for l in err.splitlines() if l.strip()]

@pytest.mark.parametrize('script,argv,line', CASES, ids=[f'{s}:{" ".join(a)[:60]}' for s, a, _ in CASES])
def test_bad_input(script, argv, line, scratch, capsys, monkeypatch):
    monkeypatch.chdir(scratch)
    code, lines = _call(script, argv, capsys)
    assert code == 2, (code, lines)
    assert len(lines) == 1, lines
    if line is not None: assert lines[0] == line
    else: assert lines[0].startswith("advspade_train: error: unknown --target-arch 'resnet9000'; known: none, toynet, toyunet, toydrn, drn_d_22"), lines[0]

# ---- what needs processes ------------------------------------------------------------------

def _script(name):
    exe = shutil.which(name)
    return [exe] if exe else [sys.executable, '-c', f'import sys; from advspade.cli import {name}; sys.argv[0] = {name!r}; {name}()']

def test_help_does_not_import_torch():
    "`--help` answers without importing torch or fastai (each script, a fresh interpreter)"
    for name in ('advspade_demo', 'advspade_train', 'advspade_eval', 'advspade_attack'):
        code = (f"import sys; sys.argv = [{name!r}, '--help']\nfrom advspade.cli import {name}\n"
                f"try: {name}()\nexcept SystemExit: pass\n"
                "print('HEAVY', sorted(m for m in ('torch', 'fastai', 'numpy') if m in sys.modules))")
        r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=PY_ENV, timeout=60)
        assert r.returncode == 0 and 'usage:' in r.stdout, r.stderr
        assert r.stdout.strip().endswith('HEAVY []'), r.stdout[-200:]

TRAIN = ['--size', '64', '64', '--bs', '2', '--ngf', '4', '--ndf', '8', '--num-D', '1', '--no-vae', '--upsampling', 'less',
         '--vgg', '0', '--threads', '1', '--seed', '3']

def _train(data, out, *extra, timeout=300, warnings=False):
    env = {**PY_ENV, 'PYTHONWARNINGS': 'default'} if warnings else PY_ENV   # the fallback notice is a warning
    return subprocess.run(_script('advspade_train') + ['--data', str(data), '--out', str(out), *TRAIN, *extra],
                          capture_output=True, text=True, env=env, timeout=timeout)

def _weights(out):
    import torch
    return torch.load(Path(out)/'model.pth', map_location='cpu', weights_only=False)

def _same(a, b):
    import torch
    return all(torch.equal(a[k][n], b[k][n]) for k in ('netG', 'netD') for n in a[k])

@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    "A tiny 4-epoch advspade_train run: the reference that interrupted and resumed runs must reproduce"
    from advspade.data import write_toyscenes
    d = tmp_path_factory.mktemp('train')
    data = write_toyscenes(d/'toy', n_train=32, n_val=2, size=(64, 64))   # 16 steps an epoch: time to press Ctrl-C
    r = _train(data, d/'full', '--epochs', '4')
    assert r.returncode == 0, r.stderr[-2000:]
    return d, data

def test_train_seed_reproducible(trained, tmp_path):
    "`--seed` (with the same --threads) gives the same weights twice"
    d, data = trained
    r = _train(data, tmp_path/'again', '--epochs', '4')
    assert r.returncode == 0, r.stderr[-2000:]
    assert _same(_weights(d/'full'), _weights(tmp_path/'again'))

def test_resume_skips_damaged_checkpoint(trained, tmp_path):
    "The newest checkpoint cut short: `--resume` warns, uses the one before it, and ends where the full run ended"
    d, data = trained
    out = tmp_path/'cut'
    shutil.copytree(d/'full', out); (out/'model.pth').unlink()
    cks = sorted((out/'ckpt').glob('epoch_*.pth'))
    assert [c.name for c in cks] == ['epoch_002.pth', 'epoch_003.pth']
    cks[-1].write_bytes(cks[-1].read_bytes()[:5000])
    r = _train(data, out, '--epochs', '4', '--resume', warnings=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert 'resuming from an earlier checkpoint' in r.stderr
    assert _same(_weights(d/'full'), _weights(out))
    for c in sorted((out/'ckpt').glob('epoch_*.pth')): c.write_bytes(c.read_bytes()[:5000])   # nothing intact left
    r = _train(data, out, '--epochs', '4', '--resume')
    assert r.returncode == 2 and r.stderr.strip().splitlines()[-1] == f"advspade_train: error: none of the 2 checkpoints in {str(out/'ckpt')!r} can be read", r.stderr[-1500:]

def test_ctrl_c_then_resume(trained, tmp_path):
    "Ctrl-C during training: one line saying how to continue (status 130); `--resume` ends where the full run ended"
    d, data = trained
    out = tmp_path/'int'
    p = subprocess.Popen(_script('advspade_train') + ['--data', str(data), '--out', str(out), *TRAIN, '--epochs', '4'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=PY_ENV,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))   # a background shell's children ignore SIGINT
    t0 = time.time()
    while not list((out/'ckpt').glob('epoch_000.pth')) and time.time() - t0 < 240 and p.poll() is None: time.sleep(0.05)
    assert p.poll() is None, 'the run ended before it could be interrupted'
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    lines = [l for l in err.splitlines() if l.strip()]
    assert p.returncode == 130, err[-2000:]
    assert lines[-1].startswith('advspade_train: interrupted; continue with: advspade_train --data') and lines[-1].endswith(' --resume'), lines[-3:]
    assert 'Traceback' not in err
    r = _train(data, out, '--epochs', '4', '--resume')
    assert r.returncode == 0, r.stderr[-2000:]
    assert _same(_weights(d/'full'), _weights(out))
