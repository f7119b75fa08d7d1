"""Try (issue 17's colour bar): a SPADE stage from refine2 whose anchor also asks, for every class region, that the
generated region's mean colour (z = E(real)) match the paired real image's. Folded into the `rec` term:
rec·pyramid_l1 + W·class-colour L1 (W = argv[2], in [-1, 1] units); the KLD weight λ2 = argv[3] (default the stage's). `python ... WORKDIR W [KLD]`"""
import sys, torch
sys.path.insert(0, 'scripts')
import build_toy_models as B
from advspade.losses import pyramid_l1
from advspade.training import SPADETrainer
W = float(sys.argv[2])

def class_colour_l1(fake, real, lbl, n_classes):
    "Mean over images and present classes of the L1 distance between the region's mean colours"
    oh = torch.nn.functional.one_hot(lbl.clamp(max=n_classes), n_classes + 1)[..., :n_classes].permute(0, 3, 1, 2).float()  # ignore → dropped
    n = oh.sum((2, 3))                                                  # (B, C) pixels per class
    mf = torch.einsum('bchw,bkhw->bck', fake, oh)/n.clamp(min=1)[:, None]
    mr = torch.einsum('bchw,bkhw->bck', real, oh)/n.clamp(min=1)[:, None]
    present = (n > 0)[:, None].float()
    return ((mf - mr).abs()*present).sum()/(3*present.sum()).clamp(min=1)

orig_terms = SPADETrainer._g_terms
def _g_terms(self, seg, fake, mu, logvar, img, raw):
    t = orig_terms(self, seg, fake, mu, logvar, img, raw)
    lam = self.losses
    if lam.rec:
        ls = self.net.label_set
        t['rec'] = t['rec'] + (W/lam.rec)*class_colour_l1(fake.float(), img.float(), ls.to_target(raw), ls.n_classes)
    return t
SPADETrainer._g_terms = _g_terms
cfg = {**B.REFINE2_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth', 'seed': 6, 'workdir': sys.argv[1]}
if len(sys.argv) > 3 and not sys.argv[3].startswith('--'): cfg['kld'] = float(sys.argv[3])
torch.set_num_threads(1)
B._long_spade('--resume' in sys.argv, cfg=cfg)
