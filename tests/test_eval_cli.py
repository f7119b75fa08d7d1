"""The installed console scripts `advspade_eval` and `advspade_attack`, run as a user would (subprocesses),
on tiny inputs in a temporary folder: outputs written, PNGs lossless, numbers in range, one-line errors."""
import json, os, shutil, subprocess, sys, warnings
from pathlib import Path
import numpy as np, pytest, torch
from PIL import Image

warnings.filterwarnings('ignore', message='.*torch.jit.script.*')
from advspade.data import TOYSCENES, write_toyscenes
from advspade.networks import SPADEModel
from advspade.renorm import load_png, quantize
from advspade.training import model_state

ENV = dict(os.environ, OMP_NUM_THREADS='1')
ENV.pop('ADVSPADE_INCEPTION', None)  # the stand-in FID, whatever the machine has
ARCH = ['--ngf', '8', '--nhidden', '16', '--size', '64x128', '--upsampling', 'less']

def run(cmd, *args, cwd):
    exe = shutil.which(cmd)
    assert exe, f'{cmd} is not installed: pip install -e . --no-deps'
    return subprocess.run([exe, *map(str, args)], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)

@pytest.fixture(scope='module')
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp('evalcli')
    torch.manual_seed(0)
    for kind in ('spade', 'advspade'):
        m = SPADEModel(TOYSCENES, ngf=8, crop_size=128, aspect_ratio=2, num_upsampling_layers='less', ndf=8, nhidden=16, gain=1.)
        torch.save(model_state(m), d/f'{kind}.pth')
    write_toyscenes(d/'toy', n_train=1, n_val=3, size=(64, 128))
    labels = d/'labels'; labels.mkdir()
    for f in (d/'toy'/'gtFine'/'val'/'toy').glob('*_labelIds.png'): shutil.copy(f, labels/f.name)
    return d

def test_eval_writes_tables(work):
    r = run('advspade_eval', '--spade', work/'spade.pth', '--advspade', work/'advspade.pth', *ARCH, '--data', work/'toy',
            '--n', 3, '--bs', 3, '--eps', '8', '--transfer', 'toydrn', '--out', 'ev', cwd=work)
    assert r.returncode == 0, r.stderr
    out = work/'ev'
    for k in ('table1_miou', 'table2_fid', 'table3_asr', 'table4_miou', 'attacks'):
        for e in ('csv', 'md', 'json'): assert (out/f'{k}.{e}').is_file(), f'{k}.{e}'
    assert (out/'table4_miou_vs_eps.png').stat().st_size > 1000 and (out/'table1_miou_examples.png').is_file()
    rep = json.loads((out/'report.json').read_text())
    assert rep['n_images'] == 3 and rep['targets'] == ['toynet', 'toydrn'] and rep['fid'] == 'FID (ToyScenes features)'
    t1 = rep['tables']['table1_miou']
    assert [row['images'] for row in t1] == ['real', 'SPADE', 'AdvSPADE', 'AdvSPADE (uint8)']
    assert all(0 <= row[c] <= 1 for row in t1 for c in ('toynet (white-box)', 'toydrn (transfer)'))
    assert t1[0]['toynet (white-box)'] > 0.5  # the shipped ToyNet segments the real scenes
    att = json.loads((out/'attacks.json').read_text())
    assert len(att) == 2*(2 + 2 * 2 * 1) + 2          # clean and attacked rows in float and after uint8; AdvSPADE's two
    assert sum(a['uint8'] for a in att) == len(att) // 2 and {a['uint8'] for a in att if a['source'] == 'AdvSPADE (uint8)'} == {True}
    assert all(0 <= a[k] <= 1 for a in att for k in ('mIoU', 'ASR', 'misclassified'))
    assert all(a['FID (ToyScenes features)'] >= 0 for a in att if a['source'] == 'SPADE' and a['attack'] != 'clean')
    assert '| images | toynet (white-box) | toydrn (transfer) |' in (out/'report.md').read_text()
    assert 'Table 1' in r.stdout and '/tmp' not in r.stdout

def test_attack_advspade_lossless(work):
    r = run('advspade_attack', 'advspade', work/'labels', '--generator', work/'advspade.pth', *ARCH, '--out', 'adv', cwd=work)
    assert r.returncode == 0, r.stderr
    pngs = sorted((work/'adv').glob('*.png'))
    assert len(pngs) == 3
    meta = json.loads((work/'adv'/'attack.json').read_text())
    assert all(0 <= f['misclassified'] <= 1 for f in meta['files'])
    # the file is the generated image rounded to 8 bits, and reads back identically
    from advspade.evaluate import generate_images
    from advspade.commands import generator_from_spec, read_label_png
    G = generator_from_spec(str(work/'advspade.pth'), 'advspade', TOYSCENES, 8, (64, 128), 'less', 16)
    src = sorted((work/'labels').iterdir())
    raw = read_label_png(src[1], TOYSCENES)
    x = generate_images(G, [(None, raw[None], raw[None])], z_seed=1, progress=False)[0]
    assert torch.equal(load_png(pngs[1]), quantize(x))
    assert torch.equal(torch.as_tensor(np.array(Image.open(pngs[1]))).permute(2, 0, 1), ((quantize(x) + 1) * 127.5).round().byte())

@pytest.mark.parametrize('method,eps', [('pgd', 8), ('cospgd', 8)])  # FGSM, SegPGD: same code path, tested in nbs/10_evaluate and 07
def test_attack_baselines(work, method, eps):
    imgs = work/'toy'/'leftImg8bit'/'val'/'toy'
    r = run('advspade_attack', method, imgs, '--labels', work/'labels', '--eps', eps, '--out', method, cwd=work)
    assert r.returncode == 0, r.stderr
    meta = json.loads((work/method/'attack.json').read_text())
    assert meta['eps'] == eps and len(meta['files']) == 3
    for f in meta['files']:
        x, xa = load_png(imgs/f['source']), load_png(work/method/f['file'])
        assert ((xa - x).abs().max() * 127.5).item() <= eps + 1e-4  # inside the ε-ball, after saving
        assert f['misclassified'] >= f['clean_misclassified']
    assert f'wrote 3 PNGs to {method}' in r.stdout

def test_one_line_error_installed(work):
    "The installed script: bad argument → one line on stderr, status 2, no traceback (every other case: tests/test_bad_input.py)"
    r = run('advspade_eval', '--eps', '8,0', cwd=work)
    assert r.returncode == 2 and r.stderr.strip() == 'advspade_eval: error: argument --eps: must be a finite number > 0, got 0', r.stderr
