"""Fourier features of the distance, in pixels, from the start of each pixel's row run and column run of one label
(Tancik et al., NeurIPS 2020), as more region-relative inputs of every SPADE: cos and sin 2π·d/p for the periods
`FOURIER_PERIODS` (px, default 3,4,5,6). ToyScenes' window lattices start at a building's left and top edges, which
the label map shows as the start of the façade's row and column runs; with these inputs a lattice of period p
anchored there is a linear function of G's inputs (before, it needed d mod p from the run's relative position).
`FOURIER_2D` (e.g. 3x3,4.5x4,6x5: pairs of periods across x down) adds 2-D features, cos and sin 2π(dx/px ± dy/py):
a lattice (a product of an x wave and a y wave) is the sum of two such plane waves, so a window grid is linear in them
where the 1-D features give only sums of stripes (a plaid). `FOURIER_GAIN` (default 16; the library's channels use 4) scales them: under Adam a larger input is a larger
effective learning rate for the new weights, which start at zero (the loaded SPADE's images, pixel for pixel).

Importing this module patches `advspade.networks` (REL_NC, `region_relative`, `add_rel_inputs`): every generator
built afterwards has the channels, and a snapshot without them loads with zero weights for them.
"""
import os, math, torch
import advspade.networks as N

PERIODS = [float(p) for p in os.environ.get('FOURIER_PERIODS', '3,4,5,6').split(',') if p]
GAIN = float(os.environ.get('FOURIER_GAIN', 16))
PAIRS = [tuple(float(v) for v in q.split('x')) for q in os.environ.get('FOURIER_2D', '').split(',') if q]
BASE_NC, EXTRA = N.REL_NC, 4*len(PERIODS) + 4*len(PAIRS)
_region_relative = N.region_relative

def fourier_features(seg, k, gain=GAIN):
    "(B, EXTRA, H, W): cos, sin 2π·d/p of the pixel distance d from the row run's and the column run's start; then the 2-D waves of `PAIRS`"
    lab = seg[:, :k].argmax(1)
    rx, nx = N._row_runs(lab); ry, ny = (t.transpose(1, 2) for t in N._row_runs(lab.transpose(1, 2)))
    dx, dy = rx*nx - 0.5, ry*ny - 0.5
    waves = [d/p for d in (dx, dy) for p in PERIODS] + [dx/px + s*dy/py for px, py in PAIRS for s in (1, -1)]
    return gain*torch.stack([f(2*math.pi*w) for w in waves for f in (torch.cos, torch.sin)], 1).to(seg.dtype)

def region_relative(seg, k, gain=4.):
    return torch.cat([_region_relative(seg, k, gain), fourier_features(seg, k)], 1)

def add_rel_inputs(sd, g):
    "A state dict with fewer region-relative inputs (the library's, these, or none): zero weights for the missing channels (they come last)"
    own = g.state_dict()
    return {k: torch.cat([v, v.new_zeros(v.shape[0], own[k].shape[1] - v.shape[1], *v.shape[2:])], 1)
            if k.endswith('mlp_shared.0.weight') and k in own and own[k].shape[1] > v.shape[1] else v for k, v in sd.items()}

N.REL_NC, N.region_relative, N.add_rel_inputs = BASE_NC + EXTRA, region_relative, add_rel_inputs
