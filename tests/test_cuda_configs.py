"""The GPU code paths, checked without a GPU (issue 16).

1. The configurations the `#| cuda` cells build (`advspade.evaluate.CITYSCAPES_SPADE`, `ADE20K_SPADE`) are built
   at FULL size on PyTorch's meta device and compared, key by key and shape by shape, with the reference key lists
   of SPADE's published generators and discriminators (`nbs/testdata/reference/`). So a wrong configuration fails
   here even though the tiny run below shrinks every width. The configuration those cells used before
   (`use_vae=True`, `num_upsampling_layers='normal'`) fails this check: `test_old_config_fails` keeps it so.
2. Every notebook whose `#| cuda` cells can run on a CPU is executed with `ADVSPADE_TINY=1 nbdev_test --flags cuda`
   (small data, images and widths, device 'cpu' without CUDA, AMP through autocast on the CPU), one process per
   notebook. Locally `ADVSPADE_SKIP_TINY_CUDA=1` skips these runs; CI (`ADVSPADE_CI=1`) never does.
"""
import os, subprocess, sys, time
from pathlib import Path
import pytest, torch
from advspade.evaluate import CITYSCAPES_SPADE, ADE20K_SPADE, REFERENCE_KEYS, check_config, state_layout, reference_layout
from advspade.networks import SPADEModel

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT/'nbs'/'testdata'/'reference'
CONFIGS = {'cityscapes': CITYSCAPES_SPADE, 'ade20k': ADE20K_SPADE}
OLD_CONFIG = dict(CITYSCAPES_SPADE, use_vae=True, num_upsampling_layers='normal')   # what the GPU cells of 09 and 10 built before
# Notebooks whose `#| cuda` cells run under ADVSPADE_TINY=1 (others: see DEVELOPING.md, "GPU cells")
TINY_CUDA_NOTEBOOKS = ['nbs/09_evaluate.ipynb', 'nbs/10_robust.ipynb', 'nbs/tutorials/cityscapes.ipynb', 'nbs/tutorials/ade20k.ipynb']

def _meta(cfg):
    with torch.device('meta'): return SPADEModel(**cfg)

@pytest.mark.parametrize('name', CONFIGS)
def test_config_matches_reference_keys(name):
    "The full-size generator and discriminator of each GPU configuration have exactly the published layout."
    cfg = CONFIGS[name]
    assert cfg['label_set'].name == name
    check_config(cfg, REFERENCE)
    m, (g, d) = _meta(cfg), REFERENCE_KEYS[name]
    assert state_layout(m.netG) == reference_layout(REFERENCE/g)     # the same check, spelled out
    assert state_layout(m.netD) == reference_layout(REFERENCE/d)
    assert m.netE is None                                            # the published generators have no encoder

def test_old_config_fails():
    "The old GPU-cell configuration (with the encoder, 'normal' upsampling) cannot load the published Cityscapes generator."
    with pytest.raises(ValueError, match=r'netG fc\.weight: ours \(131072, 256\), reference \(1024, 36, 3, 3\)'):
        check_config(OLD_CONFIG, REFERENCE)
    assert state_layout(_meta(OLD_CONFIG).netG) != reference_layout(REFERENCE/REFERENCE_KEYS['cityscapes'][0])

def test_upsamplings():
    "The key lists cannot tell 'normal' from 'more' (no weights change): the count is checked against reference/README.md."
    assert (CITYSCAPES_SPADE['num_upsampling_layers'], ADE20K_SPADE['num_upsampling_layers']) == ('more', 'normal')
    assert [_meta(c).netG.size for c in CONFIGS.values()] == [(256, 512), (256, 256)]

@pytest.mark.skipif(os.environ.get('ADVSPADE_SKIP_TINY_CUDA') == '1' and not os.environ.get('ADVSPADE_CI'),
                    reason='ADVSPADE_SKIP_TINY_CUDA=1 (CI never skips)')
@pytest.mark.parametrize('nb', TINY_CUDA_NOTEBOOKS)
def test_cuda_cells_tiny(nb):
    "`ADVSPADE_TINY=1 nbdev_test --flags cuda --path NB`: the notebook's GPU cells run, CPU-sized, in seconds."
    env = dict(os.environ, ADVSPADE_TINY='1', OMP_NUM_THREADS='1', MKL_NUM_THREADS='1', PYTHONWARNINGS='ignore')
    t0 = time.time()
    r = subprocess.run(['nbdev_test', '--flags', 'cuda', '--path', nb], cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    print(f'{nb}: {time.time() - t0:.0f} s')
    assert r.returncode == 0, f'ADVSPADE_TINY=1 nbdev_test --flags cuda --path {nb} failed:\n{r.stderr[-6000:]}'
