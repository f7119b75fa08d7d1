"""Try (issue 13's picture bar): the texture stage (`texture_stage_probe.py`) with per-pixel noise inputs
(the library's `SPADEModel(noise=True)`): inside a region of one label a SPADE generator has no source of fine variation but the coarse
first map, so it paints smooth regions; noise gives the GAN something to make grain, leaves and tiles from.
`python scripts/artifacts/texture_stage/noise_stage_probe.py WORKDIR REC [LEVELS] [--fm=λ0] [--ndf=N] [--resume]`"""
import sys, torch
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/texture_stage')
import build_toy_models as B
import advspade.training as T
from advspade.data import TOYSCENES
from advspade.networks import SPADEModel
START = 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth'
args = [a for a in sys.argv[1:] if not a.startswith('--')]
wd, rec = args[0], float(args[1])
levels = tuple(float(v) for v in args[2].split(',')) if len(args) > 2 else (0., 0., 1., 1., 1.)
g0 = SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **B.LONG_SPADE['arch']); B.load_snapshot(g0, B.SHIPPED.parents[1]/START)
orig_learner = T.spade_learner
T.spade_learner = lambda *a, **k: orig_learner(*a, anchor=g0.netG, rec_levels=levels, **k)
# the start snapshot has no noise scales: `load_snapshot` leaves them zero (the same generator)
cfg = {**B.REFINE2_SPADE, 'arch': {**B.REFINE2_SPADE['arch'], 'noise': True}, 'start': START, 'rec': rec, 'seed': 7, 'workdir': wd, 'rec_levels': levels,
       'anchor': 'refine2 G (same map and z)', 'noise_inputs': True}
for a in sys.argv[1:]:
    if a.startswith('--fm='): cfg['fm'] = float(a[5:])
    if a.startswith('--ndf='): cfg['arch'] = {**cfg['arch'], 'ndf': int(a[6:])}   # the discriminator only (fresh every stage)
torch.set_num_threads(1)
B._long_spade('--resume' in sys.argv, workdir=B.SHIPPED.parents[1]/wd, cfg=cfg)
