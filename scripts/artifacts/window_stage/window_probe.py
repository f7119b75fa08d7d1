"""Try (issue 13's picture bar, after the marking stages): ask for the façades' windows with a phase-free term.
The shipped recipe of the last stage (mark2: TexNet anchor λ 30, the phase-free marking term 300, region-relative
inputs) from the shipped SPADE (mark2's last snapshot), plus `WIN_W` × `facade.facade_spectrum_l1` (the magnitude of
the façade's high-passed luminance spectrum against the paired real image's: the window lattice's spacing and contrast,
wherever its phase) in λ1's slot beside the TexNet anchor. A pixel statistic of the paired real image on the label
map's façades: no target, no judge, no rendering facts.

    WIN_W=5 python scripts/artifacts/window_stage/window_probe.py WORKDIR [EPOCHS] [THREADS] [--resume]
    WIN_TERM=ac WIN_W=150 ...: `facade.facade_autocorr_l1` instead (the autocorrelation at lags up to ±7 px: the
    spectrum smoothed, so a lattice near the real spacing is already closer; shifts of the lattice change it by 0.06-0.08
    where a blur or a flat façade costs 0.25-0.27 on 16 validation scenes)
    WIN_TERM=hp_l1 WIN_W=5 ...: `facade.facade_hp_l1`, in phase (L1 on the high-passed façade luminance: the lattice
    where the real scene has it; its phase is set by the building's left and top edges, which the label map shows)
    WIN_TERM=sc WIN_W=50 ...: `facade.facade_shift_corr` (1 − the best-shift local correlation with the real façade);
    WIN_TERM=sc,sorted WIN_W=50,W: with `facade.facade_sorted_l1` (the high-passed façade's sorted values: two levels, rectangles)
    WIN_TERM=acn WIN_W=300 ...: `facade.facade_autocorr_norm_l1` (the autocorrelation over its lag-0 value: the
    lattice's shape, whose gradient does not vanish with the texture's amplitude)
    FOURIER=1 ...: the generator also gets the package's Fourier inputs (`networks.fourier_features`: cos, sin 2π·d/p of
    the pixel distance d from its row and column runs' start, and 2-D waves: a lattice anchored at a building's left and
    top edges is linear in them; `fourier.py`); WIN_TERM=none: no façade term (the GAN and the shipped recipe alone)
"""
import os, sys, torch
from pathlib import Path
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/window_stage')
if os.environ.get('FOURIER'): import fourier
from advspade.metrics import TexPerceptual
from facade import facade_spectrum_l1, facade_autocorr_l1, facade_hp_l1, facade_autocorr_norm_l1, facade_shift_corr, facade_sorted_l1
import advspade.training as T

TERMS = {'spectrum': facade_spectrum_l1, 'ac': facade_autocorr_l1, 'hp_l1': facade_hp_l1, 'acn': facade_autocorr_norm_l1, 'sc': facade_shift_corr, 'sorted': facade_sorted_l1, 'none': None}
TERM = [TERMS[t] for t in os.environ.get('WIN_TERM', 'spectrum').split(',')]   # several: WIN_TERM=sc,ac WIN_W=50,150
WIN_WS = [float(w) for w in os.environ.get('WIN_W', '5').split(',')]
START = os.environ.get('START', 'build/toyscenes_spade_mark2/snapshots/spade_epoch012.pth')

class WinAnchor(TexPerceptual):
    "The shipped TexNet anchor plus `w`/λ1 × the façade spectrum term (λ1 multiplies the whole slot); needs `raw` set per batch"
    def __init__(self, net, w, lam): super().__init__(net); self.w, self.lam, self.raw = w, lam, None
    def forward(self, x, y):
        t = super().forward(x, y)
        return t + sum(w/self.lam*f(x, y, self.raw) for f, w in zip(TERM, self.w) if f is not None)

_g_terms = T.SPADETrainer._g_terms
def g_terms(self, seg, fake, mu, logvar, img, raw):
    if isinstance(self.vgg, WinAnchor): self.vgg.raw = raw
    return _g_terms(self, seg, fake, mu, logvar, img, raw)
T.SPADETrainer._g_terms = g_terms

def train(workdir, epochs=12, resume=False):
    import build_toy_models as B
    fourier_on = bool(os.environ.get('FOURIER'))
    cfg = {**B.MARK2_SPADE, 'arch': {**B.MARK2_SPADE['arch'], 'fourier': fourier_on}, 'start': START, 'epochs': epochs, 'decay_epoch': epochs//2, 'seed': 19, 'snapshot_every': 2,
           'win_w': WIN_WS, 'win_term': [getattr(f, '__name__', 'none') for f in TERM],
           'fourier': {'periods': fourier.PERIODS, 'pairs': fourier.PAIRS, 'gain': fourier.GAIN} if fourier_on else None, 'workdir': Path(workdir).name}
    B._tex_anchor = (lambda orig: lambda: WinAnchor(orig().net, WIN_WS, cfg['tex']))(B._tex_anchor)
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    torch.set_num_threads(int(a[2]) if len(a) > 2 else 1)
    train(a[0], int(a[1]) if len(a) > 1 else 12, resume='--resume' in sys.argv)
