"""The façades up close: the top-left quarter (rows 8-47, columns 0-63) of validation scenes 0 and 3 (`toy_batch(4)`),
each SPADE given the real scene's own codes and z; columns: real, then one per snapshot. With `--scenes`: whole
scenes 0-3 as a user sees them, each SPADE with random codes (z seed 1234, style seed 1235, as `windows.py`).

    [FOURIER=1 ...] python scripts/artifacts/window_stage/zoom.py OUT.png NAME=SNAPSHOT ... [--scenes]
"""
import os, sys, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/window_stage'); torch.set_num_threads(1)
if os.environ.get('FOURIER'): import fourier
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model
from advspade.data import toy_batch

if __name__ == '__main__':
    whole, args = '--scenes' in sys.argv, [a for a in sys.argv[1:] if a != '--scenes']
    img, raw, inst = toy_batch(4); cols = {'real': img}
    with torch.no_grad():
        for k, p in (a.split('=', 1) for a in args[1:]):
            m = B.load_snapshot(toy_gan_model(), p).eval()
            cols[k] = (m.generate(raw, inst, z=torch.randn(len(raw), 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
                       if whole else m.generate(raw, inst, img=img, sample=False))
    rows, crop = ((0, 1, 2, 3), (slice(None), slice(None))) if whole else ((0, 3), (slice(8, 48), slice(0, 64)))
    fig, ax = plt.subplots(len(rows), len(cols), figsize=((4 if whole else 5)*len(cols), 8.4 if whole else 7))
    for j, (k, x) in enumerate(cols.items()):
        for r, i in enumerate(rows):
            ax[r, j].imshow(((x[i, :, crop[0], crop[1]].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[r, j].axis('off')
        ax[0, j].set_title(k)
    fig.tight_layout(); fig.savefig(args[0], dpi=72)
