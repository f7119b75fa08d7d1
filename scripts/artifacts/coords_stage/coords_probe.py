"""Try (issue 13's picture bar): positional inputs for the generator's last block. ToyScenes' sidewalk tiles are a grid
of pitch 3 px fixed to the image's pixel grid, windows are grids of pitch 2.6-6.4 px, the road's dashes repeat down its
centre; inside a one-label region SPADE's γ and β are constant, so nothing the generator sees has a period to lock to.
Here each SPADE of the last block (`up_3`, full resolution) gets, beside the one-hot map, sin and cos of 2πx/p and
2πy/p for periods p = 2..6 px (20 channels), through the same 3×3 shared conv (ReLU: a class can gate them). The new
input weights start at zero, so the texture SPADE is where the stage starts, pixel for pixel.

    [POS_GAIN=G] [GRAM_W=W] [START=SNAPSHOT] python scripts/artifacts/coords_stage/coords_probe.py train WORKDIR [EPOCHS] [THREADS] [--resume]
    python scripts/artifacts/coords_stage/coords_probe.py eval OUT.png NAME=SNAPSHOT ...   (texture_eval.py, with this generator)

The stage: `build_toy_models._long_spade` with TEXTURE_SPADE's recipe (noise inputs, fresh D trained alone for the
first 2 epochs at lr_D 4e-4, FM 1, the pixel anchor λ_rec 10 at 1/4-1/16 to the starting generator's own image),
started from the seed-9 texture SPADE's last snapshot."""
import math, sys, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts')
import advspade.networks as N
import os
PERIODS, POS_BLOCKS = (2, 3, 4, 5, 6), ('up_3',)
GAIN = float(os.environ.get('POS_GAIN', 1))   # the features' amplitude: with Adam, GAIN× faster moves of their (zero-started) weights
P = 4*len(PERIODS)

def pos_features(H:int, W:int, device=None) -> torch.Tensor:
    "(1, P, H, W): sin and cos of 2πx/p and 2πy/p for each period p in pixels"
    ys, xs = torch.arange(H, device=device, dtype=torch.float32), torch.arange(W, device=device, dtype=torch.float32)
    f = []
    for p in PERIODS:
        ax, ay = 2*math.pi*xs/p, 2*math.pi*ys/p
        f += [ax.sin().expand(H, W), ax.cos().expand(H, W), ay.sin()[:, None].expand(H, W), ay.cos()[:, None].expand(H, W)]
    return GAIN*torch.stack(f)[None]

def add_pos(G:nn.Module):
    "Widen the shared conv of every SPADE in POS_BLOCKS by P input channels, their weights zero"
    for name in POS_BLOCKS:
        for sp in (m for m in getattr(G, name).modules() if isinstance(m, N.SPADE)):
            old = sp.mlp_shared[0]
            new = nn.Conv2d(old.in_channels + P, old.out_channels, old.kernel_size, padding=old.padding)
            with torch.no_grad(): new.weight.zero_(); new.weight[:, :old.in_channels] = old.weight; new.bias.copy_(old.bias)
            sp.mlp_shared[0], sp.label_nc = new, sp.label_nc + P
    G.pos_blocks = POS_BLOCKS

def forward(self, seg, z=None, noise_seed=None):
    "`SPADEGenerator.forward`, with the positional channels beside the map for the blocks in `pos_blocks`"
    self.check_input(seg)
    x = self.first_map(seg, z)
    g = torch.Generator(seg.device).manual_seed(noise_seed) if self.noise and noise_seed is not None else None
    seg_pos = torch.cat([seg, pos_features(*seg.shape[2:], seg.device).to(seg.dtype).expand(seg.shape[0], -1, -1, -1)], 1)
    for name, up in self.schedule:
        if up: x = F.interpolate(x, scale_factor=2, mode='nearest')
        nz = None if g is None else [torch.randn(x.shape[0], 1, *x.shape[2:], generator=g, device=x.device) for _ in range(2)]
        x = getattr(self, name)(x, seg_pos if name in getattr(self, 'pos_blocks', ()) else seg, nz)
    return torch.tanh(self.conv_img(F.leaky_relu(x, 0.2)))
N.SPADEGenerator.forward = forward

class PosModel(N.SPADEModel):
    "A `SPADEModel` with noise inputs whose generator's last block has the positional inputs"
    def __init__(self, *a, **k):
        super().__init__(*a, **{**k, 'noise': True}); add_pos(self.netG)
N.SPADEModel = PosModel

import advspade.training as TR
GRAM_W = float(os.environ.get('GRAM_W', 0))   # weight of the per-region texture term (0: off)
_bank = torch.Generator().manual_seed(0)
FILTERS = torch.randn(32, 3, 5, 5, generator=_bank)/math.sqrt(75)   # a fixed random filter bank: no trained network, no judge
BINOMIAL = (lambda k: (k[:, None]*k[None])/256)(torch.tensor([1., 4, 6, 4, 1]))
def region_grams(x, seg, classes=(1, 2, 3, 4)):
    "{class: (B, 32, 32) Gram matrix of ReLU(random filters) of the high-passed image over the class's region}, full and 1/2 resolution"
    out = {}
    for lvl in range(2):
        if lvl: x, seg = F.avg_pool2d(x, 2), F.avg_pool2d(seg, 2)
        hp = x - F.conv2d(F.pad(x, (2, 2, 2, 2), mode='replicate'), BINOMIAL.to(x).expand(3, 1, 5, 5), groups=3)   # texture only: colours out
        f = F.relu(F.conv2d(hp, FILTERS.to(x), padding=2))
        for c in classes:
            m = (seg[:, c:c+1] > 0.99).to(x.dtype); n = m.sum((2, 3)).clamp(min=1)[..., None]
            out[(lvl, c)] = (torch.einsum('bihw,bjhw->bij', f*m, f)/n, m.sum((1, 2, 3)) > 16)
    return out
def texture_loss(fake, real, seg):
    "Mean over regions present in both of |Gram(fake) − Gram(real)|₁ / mean |Gram(real)|"
    gf, gr = region_grams(fake, seg), region_grams(real, seg); terms = []
    for k, (g, ok) in gf.items():
        r = gr[k][0]
        if ok.any(): terms.append(((g - r).abs().mean((1, 2))/r.abs().mean((1, 2)).clamp(min=1e-6))[ok])
    return torch.cat(terms).mean() if terms else fake.sum()*0
TEX_LOG = []
_g_terms = TR.SPADETrainer._g_terms
def _g_terms_tex(self, seg, fake, mu, logvar, img, raw):
    t = _g_terms(self, seg, fake, mu, logvar, img, raw)
    if GRAM_W and self.losses.rec:   # carried in the rec term (its weight divided out), logged on its own
        tex = texture_loss(fake.float(), img, seg.float()); TEX_LOG.append(tex.item())
        t['rec'] = t['rec'] + GRAM_W/self.losses.rec*tex
        if len(TEX_LOG) % 64 == 0: print(f'  texture term, last 64 steps: {sum(TEX_LOG[-64:])/64:.3f}', flush=True)
    return t
TR.SPADETrainer._g_terms = _g_terms_tex

import build_toy_models as B
_load = B.load_snapshot
def load_snapshot(m, path):
    "`load_snapshot`, padding a snapshot without positional inputs with zero weights for them"
    sd = torch.load(path, map_location='cpu', weights_only=True); own = m.state_dict()
    for k, v in sd.items():
        if k in own and v.ndim == 4 and own[k].shape[1] == v.shape[1] + P: sd[k] = torch.cat([v, torch.zeros(v.shape[0], P, *v.shape[2:], dtype=v.dtype)], 1)
    tmp = Path(str(path) + '.pos.tmp'); torch.save(sd, tmp)
    try: return _load(m, tmp)
    finally: tmp.unlink()
B.load_snapshot = load_snapshot

if __name__ == '__main__':
    if sys.argv[1] == 'train':
        wd, epochs = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 16
        torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
        cfg = {**B.TEXTURE_SPADE, 'start': os.environ.get('START', 'build/toyscenes_spade_texture/snapshots/spade_epoch018.pth'), 'epochs': epochs,
               'decay_epoch': epochs//2 + 1, 'd_only_epochs': 2, 'workdir': wd, 'positional': dict(periods=PERIODS, blocks=POS_BLOCKS, gain=GAIN), 'texture_term': GRAM_W}
        B._long_spade(resume='--resume' in sys.argv, cfg=cfg)
    else:
        sys.argv = ['texture_eval.py'] + sys.argv[2:]
        exec(compile(open('scripts/artifacts/texture_stage/texture_eval.py').read(), 'texture_eval.py', 'exec'))
