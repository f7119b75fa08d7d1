"""Judge snapshots of the perceptual-anchor stage against the shipped style SPADE: toynet SPADE/real mIoU on the 32 fixed
validation scenes and the SceneNet KID on 512 (`demo.story_sets` / `story_scores`, prior codes from seed z_seed + 1),
and a figure for a person: real, then each generator, on 4 validation maps (z seed 1234, style seed 1235, the style
image's own codes in the last two rows), pixels as they are.

    python scripts/artifacts/percep_stage/percep_eval.py OUT_PREFIX NAME=SNAPSHOT ...
"""
import sys, json, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); torch.set_num_threads(1)
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.demo import toy_gan_model, story_sets, story_scores
from advspade.data import toy_batch
out, models = sys.argv[1], {}
for k, p in (a.split('=', 1) for a in sys.argv[2:]):
    models[k] = B.load_snapshot(toy_gan_model(), p).eval()
df = story_scores(*story_sets(models))
res = {k: dict(toynet_ratio=round(float(df.loc[k, 'mIoU toynet']/df.loc['real', 'mIoU toynet']), 4), kid=round(float(df.loc[k, 'KID (SceneNet)']), 4),
               fid=round(float(df.loc[k, 'FID (SceneNet)']), 3), judge=round(float(df.loc[k, 'mIoU judge']), 4)) for k in models}
res['blur bar KID'] = round(float(df.loc['real, other scenes, 5×5 blur (bar)', 'KID (SceneNet)']), 4)
print(json.dumps(res, indent=1)); open(out + '.json', 'w').write(json.dumps(res, indent=1) + '\n')
img, raw, inst = toy_batch(4)
cols = {'real': img}
with torch.no_grad():
    for k, m in models.items():
        x = m.generate(raw, inst, z=torch.randn(4, 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
        x[2:] = m.generate(raw[2:], inst[2:], img=img[2:], sample=False)   # rows 3-4: the real image's own codes and z
        cols[k] = x
fig, ax = plt.subplots(4, len(cols), figsize=(4*len(cols), 8))
for j, (k, x) in enumerate(cols.items()):
    for i in range(4): ax[i, j].imshow(((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[i, j].axis('off')
    ax[0, j].set_title(k)
fig.tight_layout(); fig.savefig(out + '.png', dpi=80)
