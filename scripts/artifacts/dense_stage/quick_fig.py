"""A figure for a person, no scores: real, then each generator, on 4 validation maps (z seed 1234, style seed 1235 in
rows 1-2; the real image's own codes and z in rows 3-4), pixels as they are.

    python scripts/artifacts/dense_stage/quick_fig.py OUT.png NAME=SNAPSHOT ...
"""
import sys, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); torch.set_num_threads(1)
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model
from advspade.data import toy_batch
img, raw, inst = toy_batch(4); cols = {'real': img}
with torch.no_grad():
    for k, p in (a.split('=', 1) for a in sys.argv[2:]):
        m = B.load_snapshot(toy_gan_model(), p).eval()
        x = m.generate(raw, inst, z=torch.randn(4, 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
        x[2:] = m.generate(raw[2:], inst[2:], img=img[2:], sample=False); cols[k] = x
fig, ax = plt.subplots(4, len(cols), figsize=(4*len(cols), 8.4))
for j, (k, x) in enumerate(cols.items()):
    for i in range(4):
        ax[i, j].imshow(((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[i, j].axis('off')
    ax[0, j].set_title(k)
fig.tight_layout(); fig.savefig(sys.argv[1], dpi=72)
