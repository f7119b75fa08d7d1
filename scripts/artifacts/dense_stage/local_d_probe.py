"""Try (issue 13's picture bar, after markgap): a local discriminator on the road's markings. The global discriminator
judges the whole 64 × 128 scene, where a solid centre line and a dashed one differ in a few dozen pixels; a second,
small discriminator sees only a `CROP` × `CROP` window around the real image's markings (the same window in the
generated image), so the difference is most of what it sees (a global + local pair, as in Iizuka et al., SIGGRAPH 2017,
for inpainting). Windows are centred on a random marking pixel of each real image (`mark_probe.mark_masks`: road pixels
4 robust σ above the road's median), else on a random road pixel; no renderer mask. Its outputs join the main
discriminator's as one more scale, so the hinge and feature-matching terms count it like a scale of a multiscale D;
its weights live in `netD.local` (trained by D's optimizer, saved in D's checkpoints).

    imported by mark_probe.py with LOCALD=1 [CROP=16]
"""
import os, torch, torch.nn as nn, torch.nn.functional as F
from torch.nn.utils import spectral_norm
import advspade.training as T
import advspade.networks as N
from advspade.data import TOYSCENES

CROP = int(os.environ.get('CROP', 16))

class LocalD(nn.Module):
    "A small patch discriminator on (label map, image) windows: features at 1/2, 1/4, then a score map"
    def __init__(self, cin, ndf=32):
        super().__init__()
        self.b1 = nn.Sequential(spectral_norm(nn.Conv2d(cin, ndf, 4, 2, 1)), nn.LeakyReLU(0.2))
        self.b2 = nn.Sequential(spectral_norm(nn.Conv2d(ndf, 2*ndf, 4, 2, 1)), nn.InstanceNorm2d(2*ndf), nn.LeakyReLU(0.2))
        self.b3 = nn.Sequential(spectral_norm(nn.Conv2d(2*ndf, 2*ndf, 3, 1, 1)), nn.InstanceNorm2d(2*ndf), nn.LeakyReLU(0.2))
        self.out = nn.Conv2d(2*ndf, 1, 3, 1, 1)
    def forward(self, x):
        f1 = self.b1(x); f2 = self.b2(f1); f3 = self.b3(f2); return [f1, f2, f3, self.out(f3)]

def windows(seg, real):
    "Top-left corners (B, 2) of a CROP window around a random marking pixel of each real image (else a road pixel)"
    import mark_probe as P
    raw = seg[:, :TOYSCENES.n_raw].argmax(1)   # ToyScenes' generator channels are its raw ids
    mk, _, _ = P.mark_masks(real.float(), raw)
    B, H, W = raw.shape; out = torch.zeros(B, 2, dtype=torch.long)
    for i in range(B):
        cand = mk[i].nonzero()
        if len(cand) == 0: cand = (raw[i] == 2).nonzero()
        if len(cand) == 0: cand = torch.tensor([[H - CROP//2, W//2]])
        y, x = cand[torch.randint(len(cand), (1,)).item()]
        out[i] = torch.tensor([min(max(y.item() - CROP//2, 0), H - CROP), min(max(x.item() - CROP//2, 0), W - CROP)])
    return out

def crop(t, corners):
    return torch.stack([t[i, :, y:y + CROP, x:x + CROP] for i, (y, x) in enumerate(corners.tolist())])

_disc = T.SPADETrainer._discriminate
def discriminate(self, seg, fake, real):
    "The main discriminator's scales, then the local one's on the marking windows"
    fake_p, real_p = _disc(self, seg, fake, real)
    m = self.net.netD
    if not hasattr(m, 'local'): return fake_p, real_p
    c = windows(seg, real); s = crop(seg, c)
    out = m.local(torch.cat([torch.cat([s, crop(fake, c)], 1), torch.cat([s, crop(real, c)], 1)])); n = len(fake)
    return fake_p + [[f[:n] for f in out]], real_p + [[f[n:] for f in out]]
T.SPADETrainer._discriminate = discriminate

_init = N.SPADEModel.__init__
def init(self, label_set, *a, **k):
    _init(self, label_set, *a, **k)
    self.netD.local = LocalD(label_set.gen_nc + 3)
N.SPADEModel.__init__ = init
