"""Try (issue 13's picture bar): a SPADE stage from refine2 whose pixel anchor holds refine2's *own* image (same map,
same z) at the coarse levels only (1/4, 1/8, 1/16 by default), with a fresh discriminator and FM, so the GAN is free
to sharpen fine texture while the layout and the regions' colours (what toynet's SPADE/real ratio rests on) stay.
`python scripts/artifacts/texture_stage/texture_stage_probe.py WORKDIR REC [LEVELS] [--resume]`, e.g.
`... build/texture10 10 0,0,1,1,1` (one torch thread; a 6-epoch stage, about 9 minutes alone)."""
import sys, torch
sys.path.insert(0, 'scripts')
import build_toy_models as B
import advspade.training as T
from advspade.data import TOYSCENES
from advspade.networks import SPADEModel
START = 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth'
args = [a for a in sys.argv[1:] if not a.startswith('--')]
wd, rec = args[0], float(args[1])
levels = tuple(float(v) for v in args[2].split(',')) if len(args) > 2 else (0., 0., 1., 1., 1.)
g0 = SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **B.LONG_SPADE['arch']); B.load_snapshot(g0, B.SHIPPED.parents[1]/START)
orig = T.spade_learner
T.spade_learner = lambda *a, **k: orig(*a, anchor=g0.netG, rec_levels=levels, **k)
cfg = {**B.REFINE2_SPADE, 'start': START, 'rec': rec, 'seed': 7, 'workdir': wd, 'rec_levels': levels, 'anchor': 'refine2 G (same map and z)'}
torch.set_num_threads(1)
B._long_spade('--resume' in sys.argv, workdir=B.SHIPPED.parents[1]/wd, cfg=cfg)
