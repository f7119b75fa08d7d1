"""Refit the encoder with the generator frozen (the colour bar, third session): `python scripts/artifacts/advspade_sweep_anchor/encoder_refit_probe.py KIND LOSS KLD STEPS LR [SAMPLE] [THUMB] [THUMB_LR] [fc]` (README)."""
import torch, warnings, time, sys, torch.nn.functional as F; warnings.filterwarnings('ignore'); torch.set_num_threads(2)
from advspade.data import TOYSCENES, toy_batch, SEEDS
from advspade.demo import class_colour_error
from advspade.targets import toy_gan
SAMPLE = int(sys.argv[6]) if len(sys.argv) > 6 else 1
kind, loss_kind, kldw, steps, lr = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
torch.manual_seed(0)
vimg, vraw, vinst = toy_batch(32)
sys.path.insert(0, 'scripts/artifacts/advspade_sweep_anchor')
from region_colour import region_l1
def lowpass(x, y, raw): return F.l1_loss(F.avg_pool2d(x, 8), F.avg_pool2d(y, 8))
L = dict(latent=None, region=region_l1, lowpass=lowpass, both=lambda x,y,r: region_l1(x,y,r)+lowpass(x,y,r))[loss_kind]
m = toy_gan(kind).eval()
import torch.nn as nn, types
THUMB = int(sys.argv[7]) if len(sys.argv) > 7 else 0
if THUMB:
    E = m.netE; E.fc_thumb = nn.Linear(3*THUMB*2*THUMB, 2*m.z_dim); nn.init.zeros_(E.fc_thumb.weight); nn.init.zeros_(E.fc_thumb.bias)
    fwd0 = E.forward
    def fwd(self, img):
        mu, lv = fwd0(img); t = self.fc_thumb(F.adaptive_avg_pool2d(img, (THUMB, 2*THUMB)).flatten(1)); a, b = t.chunk(2, 1)
        return mu + a, lv + b
    E.forward = types.MethodType(fwd, E)
for p in m.netG.parameters(): p.requires_grad_(False)
rnd0 = None
def check():
    m.eval()
    with torch.no_grad():
        enc = m.generate(vraw, vinst, img=vimg, sample=False)
        rnd = m.generate(vraw, vinst, z=torch.randn(32, m.z_dim, generator=torch.Generator().manual_seed(0)))
    return class_colour_error(enc, vimg, vraw)/class_colour_error(rnd, vimg, vraw)
print('start ratio', check(), flush=True)
TLR = float(sys.argv[8]) if len(sys.argv) > 8 else lr
FAST = ('thumb', 'fc_mu', 'fc_var') if len(sys.argv) > 9 and sys.argv[9] == 'fc' else ('thumb',)
thumb = [p for n, p in m.netE.named_parameters() if any(f in n for f in FAST)]; rest = [p for n, p in m.netE.named_parameters() if not any(f in n for f in FAST)]
opt = torch.optim.Adam([dict(params=rest), dict(params=thumb, lr=TLR)], lr, betas=(0.5, 0.999)); t=time.time(); bs=8
for i in range(steps):
    img, raw, inst = toy_batch(bs, seed=SEEDS['spade'][0] + 20000 + i*bs)
    m.netE.train()
    if loss_kind == 'latent':
        with torch.no_grad(): zt = torch.randn(bs, m.z_dim); img = m.netG(TOYSCENES.gen_input(raw, inst), zt)
        mu, logvar = m.netE(img); rec = (mu - zt).abs().mean(); kld = rec*0; loss = rec
        opt.zero_grad(); loss.backward(); opt.step()
        if i % 100 == 99: print(i, f'rec {rec.item():.4f} ratio {check():.3f} {time.time()-t:.0f}s', flush=True)
        continue
    mu, logvar = m.netE(img); z = m.netE.reparameterize(mu, logvar) if SAMPLE else mu
    x = m.netG(TOYSCENES.gen_input(raw, inst), z)
    kld = -0.5*torch.mean(torch.sum(1 + logvar - mu**2 - logvar.exp(), 1))
    rec = L(x, img, raw)
    loss = rec + kldw*kld
    opt.zero_grad(); loss.backward(); opt.step()
    if i % 250 == 249: torch.save(m.netE.state_dict(), f"build/encoder_refit_{loss_kind}_{lr}_{i+1}.pth"); print(i, f"rec {rec.item():.4f} kld {kld.item():.1f} ratio {check():.3f} {time.time()-t:.0f}s", flush=True)
