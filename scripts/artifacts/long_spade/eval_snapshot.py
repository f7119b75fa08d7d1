"""Judge a long-SPADE snapshot: toynet and judge mIoU on the 32 fixed validation scenes, SceneNet FID/KID on 512
against the 5x5-blurred-real bar. `python scripts/artifacts/long_spade/eval_snapshot.py SNAPSHOT.pth` (one thread)."""
import sys, json, numpy as np, torch
from advspade.data import toy_scene, TOYSCENES, SEEDS
torch.set_num_threads(1)
sys.path.insert(0, 'scripts')
from build_toy_models import LONG_SPADE
from advspade.networks import SPADEModel
def load(path):
    "A long-build snapshot (netG + netE, float16) in LONG_SPADE's architecture"
    m = SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **LONG_SPADE['arch'])
    sd = torch.load(path, weights_only=True)
    missing, unexpected = m.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()}, strict=False)
    assert not unexpected and all(k.startswith('netD.') for k in missing), (missing[:3], unexpected[:3])
    return m.eval()
from advspade.metrics import scene_judge, fidelity, param_scenes, binomial_blur
from advspade.targets import toy_target, seg_scores
from advspade.robust import seg_judge
m = load(sys.argv[1]); N = 512; v = SEEDS['valid']
sc = [toy_scene(v + i, (64, 128)) for i in range(N)]
raw = torch.as_tensor(np.stack([s[1] for s in sc])).long(); inst = torch.as_tensor(np.stack([s[2] for s in sc])).long()
with torch.no_grad():
    x = torch.cat([m.generate(raw[i:i+64], inst[i:i+64], z=torch.randn(len(raw[i:i+64]), m.z_dim, generator=torch.Generator().manual_seed(1234 + i))) for i in range(0, N, 64)])
a, _ = param_scenes(range(v, v + N)); b, _ = param_scenes(range(v + N, v + 2*N))
J = scene_judge()
f_s, f_b = fidelity(a, x, J), fidelity(a, binomial_blur(b), J)
lbl = TOYSCENES.to_target(raw[:32]); tn, sj = toy_target('toynet'), seg_judge()
r = dict(miou_toynet=seg_scores(tn, x[:32], lbl)['mIoU'], miou_real_toynet=seg_scores(tn, a[:32], lbl)['mIoU'],
         judge=seg_scores(sj, x[:32], lbl)['mIoU'], judge_real=seg_scores(sj, a[:32], lbl)['mIoU'], standin=f_s, blur_bar=f_b)
r['ratio_toynet'] = r['miou_toynet']/r['miou_real_toynet']
print(json.dumps(r, indent=1))
