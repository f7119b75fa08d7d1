"""A close look for a person, real then each generator with the real scene's own codes and z, pixels as they are:
by default the top-left quarter (rows 8-48, columns 0-64) of validation scenes 0 and 3 (façade windows, verge,
sidewalk, people, a car); with `--road` the road's lower middle (rows 30-64, columns 32-96) of scenes 1 and 2 (the
road and its markings).

    python scripts/artifacts/dense_stage/zoom_fig.py OUT.png [--road] NAME=SNAPSHOT ...
"""
import sys, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); torch.set_num_threads(1)
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model
from advspade.data import toy_batch
road = '--road' in sys.argv; args = [a for a in sys.argv[1:] if a != '--road']
(r0, r1, c0, c1), scenes = ((30, 64, 32, 96), (1, 2)) if road else ((8, 48, 0, 64), (0, 3))
img, raw, inst = toy_batch(4); cols = {'real': img}
with torch.no_grad():
    for k, p in (a.split('=', 1) for a in args[1:]):
        m = B.load_snapshot(toy_gan_model(), p).eval()
        cols[k] = m.generate(raw, inst, img=img, sample=False)
fig, ax = plt.subplots(2, len(cols), figsize=(5*len(cols), 7))
for j, (k, x) in enumerate(cols.items()):
    for r, i in enumerate(scenes):
        ax[r, j].imshow(((x[i, :, r0:r1, c0:c1].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[r, j].axis('off')
    ax[0, j].set_title(k)
fig.tight_layout(); fig.savefig(args[0], dpi=72)
