"""How SceneNet's FID/KID answers small perturbations of *real* scenes: PGD against toynet (does the attack transfer to
the realism judge?) against random noise of the same size. 512 scenes from SEEDS['tune'] (55 000…), scored against 512
others; two threads, about 2 minutes.

    python scripts/artifacts/advspade_sweep_texture/judge_pgd.py
"""
import torch
from advspade.demo import toy_batches
from advspade.attacks import pgd
from advspade.targets import toy_target
from advspade.metrics import scene_judge, fidelity
from advspade.data import TOYSCENES

torch.set_num_threads(2); torch.manual_seed(0)
lo, n, size = 55_000, 512, (64, 128)
real = torch.cat([b[0] for b in toy_batches(n, size, 64, lo)])
ob = toy_batches(n, size, 64, lo + n); other = torch.cat([b[0] for b in ob]); lbl = TOYSCENES.to_target(torch.cat([b[1] for b in ob]))
t, feats = toy_target('toynet'), scene_judge()
out = {'real, other scenes': fidelity(real, other, feats)}
for eps in (2., 8.):
    out[f'other + PGD ε {eps:g} vs toynet'] = fidelity(real, torch.cat([pgd(t, other[i:i+64], lbl[i:i+64], eps) for i in range(0, n, 64)]), feats)
    out[f'other + uniform noise ±{eps:g}/255'] = fidelity(real, (other + (torch.rand_like(other)*2 - 1)*eps/127.5).clamp(-1, 1), feats)
    out[f'other + random sign ±{eps:g}/255'] = fidelity(real, (other + torch.sign(torch.randn_like(other))*eps/127.5).clamp(-1, 1), feats)
for k, v in out.items(): print(f"{k:36s} FID {v['fid']:6.2f}  KID {v['kid']:.3f} ± {v['kid_std']:.3f}", flush=True)
