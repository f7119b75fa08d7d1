"""Real, SPADE, AdvSPADE and toynet on AdvSPADE for 4 validation maps (z seed 1234, style seed 1235), pixels as they are.

    python scripts/artifacts/percep_stage/percep_fig.py OUT.png SPADE_CKPT ADVSPADE_STATE
"""
import sys, torch, warnings; warnings.filterwarnings('ignore'); torch.set_num_threads(2)
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model
from advspade.training import load_pretrained
from advspade.data import toy_batch, TOYSCENES
from advspade.targets import toy_target, predict
out, s_ck, a_ck = sys.argv[1:4]
img, raw, inst = toy_batch(4)
ms = {k: load_pretrained(toy_gan_model(), p).eval() for k, p in (('SPADE', s_ck), ('AdvSPADE', a_ck))}
with torch.no_grad(): xs = {k: m.generate(raw, inst, z=torch.randn(4, 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235) for k, m in ms.items()}
p = predict(toy_target('toynet'), xs['AdvSPADE'])
cols = {'real': img, **xs}
fig, ax = plt.subplots(4, 4, figsize=(16, 8))
for i in range(4):
    for j, (k, x) in enumerate(cols.items()): ax[i, j].imshow(((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[0, j].set_title(k)
    ax[i, 3].imshow(TOYSCENES.colorize(p[i]), interpolation='nearest'); ax[0, 3].set_title('toynet on AdvSPADE')
for a in ax.flat: a.axis('off')
fig.tight_layout(); fig.savefig(out, dpi=80)
