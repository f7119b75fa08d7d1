"""Optimize z per style image with the generator frozen (does the generator draw the style?): `python scripts/artifacts/advspade_sweep_anchor/z_inversion_probe.py` (README)."""
import torch, warnings, time; warnings.filterwarnings('ignore'); torch.set_num_threads(2)
from advspade.data import TOYSCENES, toy_batch
from advspade.demo import class_colour_error
from advspade.targets import toy_gan
img, raw, inst = toy_batch(32); lbl = TOYSCENES.to_target(raw)
def cc_loss(x, style):
    errs=[]
    for c in range(TOYSCENES.n_classes):
        m=(lbl==c)[:,None].float(); n=m.sum((2,3)).clamp(min=1)
        errs.append(((x*m).sum((2,3))/n-(style*m).sum((2,3))/n).abs().mean(1)*(m.sum((1,2,3))>0))
    return torch.stack(errs).sum()
for kind in ['spade','advspade']:
    m = toy_gan(kind).eval()
    for p in m.parameters(): p.requires_grad_(False)
    with torch.no_grad():
        mu,_ = m.netE(img); enc = m.generate(raw, inst, z=mu)
        rnd = m.generate(raw, inst, z=torch.randn(32, m.z_dim, generator=torch.Generator().manual_seed(0)))
    b = class_colour_error(rnd, img, raw)
    print(kind, 'enc', class_colour_error(enc,img,raw), 'rnd', b, 'mu std', mu.std().item(), flush=True)
    z = mu.clone().requires_grad_(True); opt = torch.optim.Adam([z], 0.05); t=time.time()
    for i in range(150):
        x = m.generate(raw, inst, z=z); l = cc_loss(x, img); opt.zero_grad(); l.backward(); opt.step()
        if i%50==49: print(i, class_colour_error(x.detach(), img, raw)/b, 'z std', z.std().item(), f'{time.time()-t:.0f}s', flush=True)
