"""Try (issue 13's picture bar): where the 2-pixel checker comes from. `../texture_stage` showed it is in the
generator's weights, its answer to the discriminator, not in the noise. The PatchGAN discriminator downsamples with
4×4 stride-2 convs, whose gradients back into the generator alias (a stride-2 conv sees a 2-pixel checker as a
constant), so the generator can pay for realism with a lattice. This stage anti-aliases the discriminator as Zhang
(*Making Convolutional Networks Shift-Invariant Again*, ICML 2019) does for classifiers: every stride-2 conv becomes
conv (stride 1) → its norm and LeakyReLU → a 3×3 binomial blur with stride 2 (no parameters: the state dict is
unchanged). The nonlinearity comes before the blur, so a checker still reaches the discriminator as energy, but it no
longer aliases into a pattern the generator can exploit. Otherwise percep30's recipe (the shipped TexNet anchor λ 30,
FM 10), from the shipped SPADE with a fresh discriminator, as `dense_probe.py`'s stages.

    START=SNAPSHOT python scripts/artifacts/dense_stage/aad_probe.py WORKDIR [EPOCHS] [THREADS] [--resume]
"""
import os, sys, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage')
import advspade.networks as N

class BlurDown(nn.Module):
    "3×3 binomial blur, stride 2, per channel (reflect padding)"
    def __init__(self):
        super().__init__(); k = torch.tensor([1., 2., 1.]); self.register_buffer('k', (k[:, None]*k[None])[None, None]/16, persistent=False)
    def forward(self, x): return F.conv2d(F.pad(x, (1, 1, 1, 1), mode='reflect'), self.k.expand(x.shape[1], 1, 3, 3).to(x), stride=2, groups=x.shape[1])

def antialias(d):
    "Every stride-2 conv of a `NLayerDiscriminator` → stride 1, and a `BlurDown` after its stage's LeakyReLU"
    for n in range(d.n_layers + 1):
        st = getattr(d, f'model{n}'); conv = next(m for m in st.modules() if isinstance(m, nn.Conv2d))
        if conv.stride == (2, 2): conv.stride = (1, 1); st.append(BlurDown())
    return d

_init = N.NLayerDiscriminator.__init__
def _aa_init(self, *a, **k): _init(self, *a, **k); antialias(self)
N.NLayerDiscriminator.__init__ = _aa_init

def train(workdir, epochs=12, resume=False):
    import build_toy_models as B
    cfg = {**B.PERCEP30_SPADE, 'antialiased_D': True, 'start': os.environ['START'], 'epochs': epochs, 'decay_epoch': epochs//2,
           'seed': 17, 'snapshot_every': 2, 'workdir': Path(workdir).name}
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    torch.set_num_threads(int(a[2]) if len(a) > 2 else 1)
    train(a[0], int(a[1]) if len(a) > 1 else 12, resume='--resume' in sys.argv)
