"""Try (issue 13's picture bar): tell the generator where it is *inside its region*. The road's dashes run down the
road's centre line and a façade's window lattice starts at its left and top edges; SPADE sees only the one-hot map
through 3×3 convs, so finding the middle of a 60-px-wide road needs a receptive field the last blocks do not have.
Every SPADE of the generator gets 6 region-relative channels beside the map (and the style codes), computed from the
label map alone: the pixel's position within its row's run of one label and within its column's run (0 at one edge,
1 at the other, as 2·rel − 1), cos 2π·rel of both (−1 on the run's middle line, 1 at its edges), and the runs'
lengths over W and H (the road's width at this row: the perspective). Weights start at zero (the start SPADE, pixel for
pixel); the anchor is dense_probe's FieldAnchor (TexNet-D, strong-texture pixels ×k).

(REL_FREQS=2,4,8,16: also cos and sin 2π·f·rel of the column-run position, Fourier features (Tancik et al., NeurIPS
2020) from which a generator can draw a periodic pattern along a region — dashes — without knowing their phase.)

    START=SNAPSHOT FIELD_K=10 [REL_GAIN=4] [REL_FREQS=...] python scripts/artifacts/dense_stage/relpos_probe.py train WORKDIR FEATNET.pth [EPOCHS] [THREADS] [LAMBDA] [--resume]
"""
import os, sys, math, torch, torch.nn as nn, torch.nn.functional as F
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage')
import advspade.networks as N
from advspade.data import TOYSCENES
GAIN = float(os.environ.get('REL_GAIN', 4))
FREQS = [float(f) for f in os.environ.get('REL_FREQS', '').split(',') if f]   # Fourier features of the column-run position
P = 6 + 2*len(FREQS)

def rel_features(seg):
    "(B, P, H, W) region-relative channels from a one-hot generator input (the library's `networks.region_relative`), then cos and sin 2π·f·rel of the column run for f in REL_FREQS"
    r = N.region_relative(seg, TOYSCENES.n_raw, GAIN)
    if not FREQS: return r
    ry = (r[:, 1]/GAIN + 1)/2   # the position in the column run, in (0, 1)
    return torch.cat([r, GAIN*torch.stack([g(2*math.pi*f*ry) for f in FREQS for g in (torch.cos, torch.sin)], 1)], 1)

def add_rel(G):
    "Widen the shared conv of every SPADE by P input channels, their weights zero"
    for sp in [m for m in G.modules() if isinstance(m, N.SPADE)]:
        old = sp.mlp_shared[0]
        new = nn.Conv2d(old.in_channels + P, old.out_channels, old.kernel_size, padding=old.padding)
        with torch.no_grad(): new.weight.zero_(); new.weight[:, :old.in_channels] = old.weight; new.bias.copy_(old.bias)
        sp.mlp_shared[0], sp.label_nc = new, sp.label_nc + P

_style_map = N.SPADEGenerator.style_map
def style_map(self, seg, codes):
    "The style map with the region-relative channels after it: every SPADE gets [map, style codes, relative channels]"
    return torch.cat([_style_map(self, seg, codes), rel_features(seg)], 1)
N.SPADEGenerator.style_map = style_map   # (the shipped SPADE has style inputs: `forward` appends this to the map)

class RelModel(N.SPADEModel):
    def __init__(self, *a, **k): super().__init__(*a, **k); add_rel(self.netG)
    def load_state_dict(self, sd, strict=True):   # a snapshot without the relative channels: their weights stay zero
        own = self.state_dict()
        for k, v in list(sd.items()):
            if k in own and own[k].shape != v.shape and k.endswith('mlp_shared.0.weight'):
                w = torch.zeros_like(own[k]); w[:, :v.shape[1]] = v; sd = {**sd, k: w}
        return super().load_state_dict(sd, strict=strict)
N.SPADEModel = RelModel

if __name__ == '__main__':
    import dense_probe as P_
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    torch.set_num_threads(int(a[4]) if len(a) > 4 else 1)
    P_.train(a[1], a[2], int(a[3]) if len(a) > 3 else 6, float(a[5]) if len(a) > 5 else 20., '--resume' in sys.argv)
