"""The GPU code paths, checked without a GPU (issue 16).

1. The configurations the `#| cuda` cells build (`advspade.networks.CITYSCAPES_SPADE`, `ADE20K_SPADE`) are built
   at FULL size on PyTorch's meta device and compared, key by key and shape by shape, with the reference key lists
   of SPADE's published generators and discriminators (`nbs/testdata/reference/`). So a wrong configuration fails
   here even though the tiny run below shrinks every width. The configuration those cells used before
   (`use_vae=True`, `num_upsampling_layers='normal'`) fails this check: `test_old_config_fails` keeps it so.
2. Every notebook's `#| cuda` cells are executed by the suite's one notebook run, `ADVSPADE_TINY=1 nbdev_test --flags cuda`
   (tests/test_repo.py::test_notebooks: small data, images and widths, device 'cpu' without CUDA, AMP through
   autocast with bfloat16 on the CPU); here, a check that no such cell hard-codes CUDA (the old 05/06/08 cells did).
"""
import json, os, re, subprocess, sys, time
from pathlib import Path
import pytest, torch
from advspade.networks import CITYSCAPES_SPADE, ADE20K_SPADE, REFERENCE_KEYS, check_config, state_layout, reference_layout
from advspade.networks import SPADEModel

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT/'nbs'/'testdata'/'reference'
CONFIGS = {'cityscapes': CITYSCAPES_SPADE, 'ade20k': ADE20K_SPADE}
OLD_CONFIG = dict(CITYSCAPES_SPADE, use_vae=True, num_upsampling_layers='normal')   # what the GPU cells of 09 and 10 built before

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

HARD_CUDA = re.compile(r"\.cuda\(|device\s*=\s*'cuda'|torch\.device\('cuda'\)|autocast\('cuda'")   # CUDA written into a cell

def cuda_cells(path):
    "The `#| cuda` cells of a notebook, as source strings"
    cells = json.loads(Path(path).read_text())['cells']
    return [''.join(c['source']) for c in cells if c['cell_type'] == 'code' and ''.join(c['source']).startswith('#| cuda')]

def test_cuda_cells_run_on_cpu():
    "Every `#| cuda` cell takes its device from `gpu_device()` (the CPU under ADVSPADE_TINY=1 without CUDA): no hard-coded CUDA."
    nbs = {p.relative_to(ROOT).as_posix(): cuda_cells(p) for p in sorted((ROOT/'nbs').rglob('*.ipynb')) if '.ipynb_checkpoints' not in str(p)}
    with_cuda = {k: v for k, v in nbs.items() if v}
    assert {'nbs/05_scores.ipynb', 'nbs/06_targets.ipynb', 'nbs/07_training.ipynb', 'nbs/10_evaluate.ipynb', 'nbs/11_robust.ipynb',
            'nbs/tutorials/cityscapes.ipynb', 'nbs/tutorials/ade20k.ipynb'} <= set(with_cuda)
    bad = [f'{k}: {l.strip()}' for k, cells in with_cuda.items() for c in cells for l in c.splitlines() if HARD_CUDA.search(l)]
    assert not bad, 'hard-coded CUDA in #| cuda cells (use advspade.networks.gpu_device()):\n' + '\n'.join(bad)

def test_old_cuda_cells_fail_the_check():
    "The check above rejects the GPU cells 05, 06 and 08 had before (`.cuda()`, device='cuda')."
    old = ["t = drn_target('drn_d_105').cuda()", "toy_dls(n_train=8, n_val=4, size=(64, 128), bs=4, device='cuda')",
           "cmg = ConfusionMatrix(5).update(logits.cuda(), Y.cuda())"]
    assert all(HARD_CUDA.search(l) for l in old)

def test_notebook_run_executes_cuda_cells():
    "CI's notebook run (tests/test_repo.py::test_notebooks) passes `--flags cuda` under ADVSPADE_TINY=1, so every cell above runs."
    src = (ROOT/'tests'/'test_repo.py').read_text()
    assert "'--flags', 'cuda'" in src and "ADVSPADE_TINY='1'" in src
