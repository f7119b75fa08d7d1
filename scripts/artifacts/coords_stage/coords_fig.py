"""A figure of positional-input SPADEs for a person to look at: real, then each snapshot, on 4 validation maps (z seed
1234, noise seed 0), pixels shown as they are (nearest). `POS_GAIN=G python scripts/artifacts/coords_stage/coords_fig.py
OUT.png NAME=SNAPSHOT ...` (default: coords_g20.png, the texture SPADE and the POS_GAIN 20 stage at epochs 8 and 16)."""
import os, sys, torch
os.environ.setdefault('POS_GAIN', '20')
args = sys.argv[1:] or ['scripts/artifacts/coords_stage/coords_g20.png', 'texture=build/toyscenes_spade_texture/snapshots/spade_epoch018.pth',
                        'gain20_e8=build/toyscenes_spade_coords_g20/snapshots/spade_epoch008.pth', 'gain20_e16=build/toyscenes_spade_coords_g20/snapshots/spade_epoch016.pth']
sys.argv = ['x', 'none']; sys.path.insert(0, 'scripts/artifacts/coords_stage'); torch.set_num_threads(1)
import coords_probe as C, build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.data import TOYSCENES, toy_batch
img, raw, inst = toy_batch(4)
cols = {'real': img}
for k, p in (a.split('=', 1) for a in args[1:]):
    m = B.load_snapshot(C.PosModel(TOYSCENES, crop_size=128, aspect_ratio=2, **B.LONG_SPADE['arch']), p).eval()
    with torch.no_grad(): cols[k] = m.generate(raw, inst, z=torch.randn(4, 64, generator=torch.Generator().manual_seed(1234)), noise_seed=0)
fig, ax = plt.subplots(4, len(cols), figsize=(4*len(cols), 8))
for j, (k, x) in enumerate(cols.items()):
    for i in range(4): ax[i, j].imshow(((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[i, j].axis('off')
    ax[0, j].set_title(k)
fig.tight_layout(); fig.savefig(args[0], dpi=80)
