"Try: the pixel anchor weighted to coarse levels (1/16, 1/32: region colours), from refine2"
import sys, torch
sys.path.insert(0, 'scripts')
import build_toy_models as B
import advspade.training as T
from advspade.losses import pyramid_l1
W = tuple(float(x) for x in sys.argv[2].split(','))
T.pyramid_l1 = lambda f, r: pyramid_l1(f, r, W)
cfg = {**B.REFINE2_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth', 'rec': float(sys.argv[3]),
       'seed': 5, 'workdir': sys.argv[1]}
torch.set_num_threads(1)
B._long_spade(False, cfg=cfg)
