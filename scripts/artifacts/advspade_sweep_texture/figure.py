"""The sweep's pictures: 4 validation scenes (label map, real) and each model's image for the same map, z and noise.

    python scripts/artifacts/advspade_sweep_texture/figure.py OUT.png NAME=FILE [NAME=FILE ...]

FILE: a shipped-style state dict, a `stage_gan` output or a SPADETrainer checkpoint ({'netG', 'netE', 'netD', …})."""
import sys, torch, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from pathlib import Path
from advspade.data import toy_batch, TOYSCENES
sys.path.insert(0, str(Path(__file__).parent)); from adv_diff import load   # noqa: E402 (the same loader)

torch.set_num_threads(1)
img, raw, inst = toy_batch(4)
z = torch.randn(4, 64, generator=torch.Generator().manual_seed(1234))
cols = [('label map', TOYSCENES.colorize(raw, raw=True)), ('real', img)]
with torch.no_grad():
    for a in sys.argv[2:]:
        name, f = a.split('=', 1); cols.append((name, load(f).generate(raw, inst, z=z, noise_seed=0)))
cols = [(n, x) for n, x in cols if x is not None]
fig, ax = plt.subplots(4, len(cols), figsize=(2.6*len(cols), 5.6))
for j, (n, x) in enumerate(cols):
    for i in range(4):
        a = ax[i, j]; a.axis('off')
        if i == 0: a.set_title(n, fontsize=8)
        a.imshow(x[i] if x.shape[-1] == 3 else ((x[i].clamp(-1, 1) + 1)/2).permute(1, 2, 0).numpy(), interpolation='nearest')
plt.tight_layout(); plt.savefig(sys.argv[1], dpi=120)
