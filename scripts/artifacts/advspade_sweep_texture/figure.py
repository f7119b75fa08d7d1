"""The sweep's pictures: 4 validation scenes (label map, real) and each model's image for the same map, z and noise.

    python scripts/artifacts/advspade_sweep_texture/figure.py OUT.png NAME=FILE [NAME=FILE ...]

FILE: a shipped-style state dict, a `stage_gan` output or a SPADETrainer checkpoint ({'netG', 'netE', 'netD', …})."""
import sys, torch, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.data import toy_batch, TOYSCENES
from advspade.demo import toy_gan_model

def load(f):
    sd = torch.load(f, map_location='cpu', weights_only=False)
    if 'netG' in sd: sd = {f'{p}.{k}': v for p in ('netG', 'netE', 'netD') for k, v in sd[p].items()}
    m = toy_gan_model(noise=any(k.endswith('.noise_0') for k in sd))
    m.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()}); return m.eval()

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
