"""Whole validation scenes 0-3 (`toy_batch(4)`) as a user sees them: each SPADE with random codes (z seed 1234, style
seed 1235, as `windows.py`); columns: real, then one per snapshot.

    [FOURIER=1 ...] python scripts/artifacts/window_stage/scenes.py OUT.png NAME=SNAPSHOT ...
"""
import os, sys, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/window_stage'); torch.set_num_threads(1)
if os.environ.get('FOURIER'): import fourier
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model
from advspade.data import toy_batch

if __name__ == '__main__':
    img, raw, inst = toy_batch(4); cols = {'real': img}
    with torch.no_grad():
        for k, p in (a.split('=', 1) for a in sys.argv[2:]):
            m = B.load_snapshot(toy_gan_model(), p).eval()
            cols[k] = m.generate(raw, inst, z=torch.randn(len(raw), 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
    fig, ax = plt.subplots(4, len(cols), figsize=(4*len(cols), 8.4))
    for j, (k, x) in enumerate(cols.items()):
        for i in range(4):
            ax[i, j].imshow(((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[i, j].axis('off')
        ax[0, j].set_title(k)
    fig.tight_layout(); fig.savefig(sys.argv[1], dpi=72)
