"""The façades up close: the top-left quarter (rows 8-47, columns 0-63) of validation scenes 0 and 3 (`toy_batch(4)`),
each SPADE given the real scene's own codes and z; columns: real, then one per snapshot.

    [FOURIER=1] python scripts/artifacts/window_stage/zoom.py OUT.png NAME=SNAPSHOT ...
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
            cols[k] = B.load_snapshot(toy_gan_model(), p).eval().generate(raw, inst, img=img, sample=False)
    fig, ax = plt.subplots(2, len(cols), figsize=(5*len(cols), 7))
    for j, (k, x) in enumerate(cols.items()):
        for r, i in enumerate((0, 3)):
            ax[r, j].imshow(((x[i, :, 8:48, 0:64].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[r, j].axis('off')
        ax[0, j].set_title(k)
    fig.tight_layout(); fig.savefig(sys.argv[1], dpi=72)
