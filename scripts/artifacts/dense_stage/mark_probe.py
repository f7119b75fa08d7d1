"""Try (issue 13's picture bar, after `can_draw.py`): ask for the road's markings where the paired real image has them,
with no renderer mask and no network. On the road (raw id 2, from the label map), the real image's pixels brighter
than the road's own median luminance by more than `MARK_T` robust σ (1.4826 × MAD) are its markings: on 64 scenes of
`SEEDS['tune']` at 4σ they are the renderer's dash pixels with precision 1.00 and recall 0.99 (`mark_mask_check.txt`). The
anchor adds `MARK_W` × (L1 to the real image over those pixels + L1 over the road pixels within 3 px of them on the
same row), each a mean over its own pixels, so the term asks for a bright mark *and* the dark road beside it, whatever
their share of the image (the dashes are 0.4 % of the pixels). A pixel reconstruction term to the paired real image,
with a weight computed from that image and the label map: no target, no judge, no rendering facts.

    START=SNAPSHOT MARK_W=30 [RELPOS=1 REL_GAIN=4] python scripts/artifacts/dense_stage/mark_probe.py WORKDIR [EPOCHS] [THREADS] [--resume]
    (REL_FREQS=2,4,8,16 with RELPOS=1: Fourier features of the column-run position (relpos_probe.py);
    LOCALD=1 [CROP=16]: with `local_d_probe.py`'s local discriminator on the markings' windows;
    SORT=1: the markings and the road between them (GAP's pixels) compared as sorted values per image and channel, so the
    dashes may fall anywhere along the line, plus L1 beside them;
    GAP=1: also L1 on the road between the dashes, the pixels within 3 rows of a marking that are neither markings nor beside one;
    RELPOS=1: with `relpos_probe.py`'s region-relative generator inputs; AAD=1: with `aad_probe.py`'s anti-aliased discriminator)
"""
import os, sys, torch, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage')
if os.environ.get('RELPOS') == '1': import relpos_probe   # noqa: F401 (region-relative generator inputs, zero-started)
if os.environ.get('AAD') == '1': import aad_probe   # noqa: F401 (the anti-aliased discriminator)
if os.environ.get('LOCALD') == '1': import local_d_probe   # noqa: F401 (a local discriminator on the markings' windows)
from advspade.metrics import TexPerceptual
from advspade.losses import marking_masks, _sorted_l1
import advspade.training as T

MARK_W, MARK_T = float(os.environ.get('MARK_W', 30)), float(os.environ.get('MARK_T', 4))
GAP = os.environ.get('GAP') == '1'   # also the road between the dashes: pixels within 3 rows above or below a marking, not markings
SORT = os.environ.get('SORT') == '1'   # phase-free: the markings and the road between them as sorted values (per image, per channel), not pixel by pixel

def mark_masks(y, raw, t=MARK_T, road=2):
    "Marking pixels, the road beside them (same row, 3 px) and between them (same column, 3 rows): now the library's `losses.marking_masks`"
    return marking_masks(y, raw, [road], t)

class MarkAnchor(TexPerceptual):
    "The shipped anchor plus `w` × (L1 on the real image's road markings + L1 on the road beside them); needs `raw` set per batch"
    def __init__(self, net, w=MARK_W): super().__init__(net); self.w, self.raw = w, None
    def forward(self, x, y):
        mk, near, gap = mark_masks(y, self.raw); d = (x - y).abs().mean(1); t = super().forward(x, y)
        if not getattr(self, '_said', False): self._said = True; print(f'markings: {mk.float().mean():.4f} of the pixels, beside them {near.float().mean():.4f}, between them {gap.float().mean():.4f}', flush=True)
        if SORT: return t + self.w*(sorted_l1(x, y, mk | gap) + (d[near].mean() if near.any() else 0))
        for m in (mk, near) + ((gap,) if GAP else ()):
            if m.any(): t = t + self.w*d[m].mean()
        return t

sorted_l1 = _sorted_l1   # the library's (losses._sorted_l1), first written here

_g_terms = T.SPADETrainer._g_terms
def g_terms(self, seg, fake, mu, logvar, img, raw):
    if isinstance(self.vgg, MarkAnchor): self.vgg.raw = raw
    return _g_terms(self, seg, fake, mu, logvar, img, raw)
T.SPADETrainer._g_terms = g_terms

def train(workdir, epochs=12, lam=30., resume=False):
    import build_toy_models as B
    orig = T.spade_learner
    def learner(*a, losses=None, vgg=None, **kw):
        losses.vgg = lam; return orig(*a, losses=losses, vgg=MarkAnchor(B._tex_anchor().net), **kw)
    T.spade_learner = learner
    cfg = {**B.PERCEP30_SPADE, 'mark_w': MARK_W, 'mark_t': MARK_T, 'relpos': os.environ.get('RELPOS') == '1', 'rel_gain': os.environ.get('REL_GAIN'), 'rel_freqs': os.environ.get('REL_FREQS'), 'antialiased_D': os.environ.get('AAD') == '1', 'gap': GAP, 'sort': SORT, 'local_d': os.environ.get('LOCALD') == '1', 'crop': os.environ.get('CROP'), 'start': os.environ['START'], 'epochs': epochs,
           'decay_epoch': epochs//2, 'seed': 17, 'tex': lam, 'snapshot_every': 2, 'workdir': Path(workdir).name}
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    torch.set_num_threads(int(a[2]) if len(a) > 2 else 1)
    train(a[0], int(a[1]) if len(a) > 1 else 12, resume='--resume' in sys.argv)
