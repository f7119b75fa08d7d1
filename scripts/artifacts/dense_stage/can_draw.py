"""Can the shipped generator draw the dashes at all? A capacity check, not a training recipe: fine-tune a copy of the
shipped SPADE's G + E on one loss only — L1 to the paired real scene with the dash pixels (the renderer's texture
field, as in marks.py) weighted `W`× — for `STEPS` steps of fresh training scenes (SPADE seeds + 45000 on), Adam at
`LR`, the real scene's own codes and z (E). If even direct supervision draws no dashes, the generator (or what it
sees) is the limit; if it draws them quickly, nothing in the GAN's losses asks for them strongly enough.

    [RELPOS=1] python scripts/artifacts/dense_stage/can_draw.py OUT.json [STEPS] [W] [LR]
"""
import os, sys, json, time, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage'); torch.set_num_threads(1)
if os.environ.get('RELPOS') == '1': import relpos_probe   # noqa: F401 (region-relative inputs, zero-started)
import dense_probe as P, marks as M, build_toy_models as B
from advspade.targets import toy_gan_model
from advspade.data import TOYSCENES, SEEDS
out = sys.argv[1]; steps = int(sys.argv[2]) if len(sys.argv) > 2 else 600; W = float(sys.argv[3]) if len(sys.argv) > 3 else 50.
lr = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-4
torch.manual_seed(0)
m = B.load_snapshot(toy_gan_model(), 'build/toyscenes_spade_percep30/snapshots/spade_epoch006.pth')
img, raw, inst, tex = M.fields()
def score():
    m.eval()
    with torch.no_grad(): x = m.generate(raw, inst, img=img, sample=False)   # the real scene's own codes and z
    return M.scores(x, raw, tex)
res = dict(steps=steps, W=W, lr=lr, relpos=os.environ.get('RELPOS') == '1', before=score(), log=[])
opt = torch.optim.Adam(list(m.netG.parameters()) + list(m.netE.parameters()), lr, betas=(0.5, 0.999))
t0 = time.time(); s0 = SEEDS['spade'][0] + 45_000
for step in range(steps):
    seeds = range(s0 + 8*step, s0 + 8*step + 8)
    sc = [P.toy_scene(s, (64, 128)) + (P._last['c'].tex.clip(0, 2),) for s in seeds]   # image, label, instances, texture field
    xs = torch.stack([torch.as_tensor(a).permute(2, 0, 1) for a, *_ in sc]).float()/127.5 - 1
    raws, insts, ts = (torch.stack([torch.as_tensor(t[k]) for t in sc]) for k in (1, 2, 3)); raws, insts = raws.long(), insts.long()
    m.train(); x = m.generate(raws, insts, img=xs, sample=False)
    w = 1 + (W - 1)*((raws == 2) & (ts >= 1.7)).float()[:, None]
    loss = (w*(x - xs).abs()).sum()/(3*w.sum()); opt.zero_grad(); loss.backward(); opt.step()
    if (step + 1) % 100 == 0:
        res['log'].append(dict(step=step + 1, loss=round(loss.item(), 4), seconds=round(time.time() - t0), **score())); print(res['log'][-1], flush=True)
res['after'] = score(); print(json.dumps(res['after'])); open(out, 'w').write(json.dumps(res, indent=1) + '\n')
if len(sys.argv) > 5:   # a figure: real | after, 4 validation maps
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    with torch.no_grad(): x = m.eval().generate(raw[:4], inst[:4], img=img[:4], sample=False)
    fig, ax = plt.subplots(4, 2, figsize=(8, 8))
    for i in range(4):
        for j, t in enumerate((img, x)): ax[i, j].imshow(((t[i].permute(1, 2, 0) + 1)/2).clamp(0, 1), interpolation='nearest'); ax[i, j].axis('off')
    fig.tight_layout(); fig.savefig(sys.argv[5], dpi=80)
