"""Try (issue 17's colour bar): a region-pooled path into the encoder, generator frozen. The style image's per-class
mean colours (7 classes × RGB, plus 7 presence flags: pooled over the regions of *its own* label map, as SEAN pools
style per region) go through a small MLP whose output is added to the conv encoder's (μ, log σ²); the MLP's last
layer starts at zero, so the shipped encoder is where the fit starts. Loss: `region_l1` of G(μ) to the style image.
With LAYOUT 1 the MLP also sees where each class lies on the generator's first 4×8 grid (z sets that grid's cells, so
which cells a class covers decides which part of z paints it) and the style image's 4×8 thumbnail.
`python scripts/artifacts/advspade_sweep_anchor/region_encoder_probe.py KIND STEPS LR_MLP LR_CONV [HIDDEN] [THREADS] [LAYOUT]`"""
import sys, time, types, torch, torch.nn as nn, torch.nn.functional as F, warnings; warnings.filterwarnings('ignore')
from advspade.data import TOYSCENES, toy_batch, SEEDS
from advspade.demo import class_colour_error
from advspade.targets import toy_gan
sys.path.insert(0, 'scripts/artifacts/advspade_sweep_anchor')
from region_colour import region_l1
a = sys.argv[1:]
kind, steps, lr_mlp, lr_conv = a[0], int(a[1]), float(a[2]), float(a[3])
hidden, threads, layout = int(a[4]) if len(a) > 4 else 256, int(a[5]) if len(a) > 5 else 2, int(a[6]) if len(a) > 6 else 0
torch.set_num_threads(threads); torch.manual_seed(0)
C = TOYSCENES.n_classes
def region_stats(img, raw):
    "(B, 4C): each class's mean colour over its region in `img` and whether the class is present"
    lbl = TOYSCENES.to_target(raw); m = torch.stack([(lbl == c) for c in range(C)], 1).float()   # B,C,H,W
    n = m.sum((2, 3)); mean = torch.einsum('bchw,bkhw->bck', img, m)/n.clamp(min=1)[:, None]     # B,3,C
    f = [mean.flatten(1), (n > 0).float()]
    if layout: f += [F.adaptive_avg_pool2d(m, (4, 8)).flatten(1), F.adaptive_avg_pool2d(img, (4, 8)).flatten(1)]
    return torch.cat(f, 1)
m = toy_gan(kind).eval(); E = m.netE
E.region_mlp = nn.Sequential(nn.Linear(4*C + layout*(C + 3)*32, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 2*m.z_dim))
nn.init.zeros_(E.region_mlp[-1].weight); nn.init.zeros_(E.region_mlp[-1].bias)
fwd0 = E.forward
def encode(img, raw):
    mu, lv = fwd0(img); d_mu, d_lv = E.region_mlp(region_stats(img, raw)).chunk(2, 1); return mu + d_mu, lv + d_lv
for p in m.netG.parameters(): p.requires_grad_(False)
vimg, vraw, vinst = toy_batch(32)
def check():
    E.eval()
    with torch.no_grad():
        enc = m.netG(TOYSCENES.gen_input(vraw, vinst), encode(vimg, vraw)[0])
        rnd = m.generate(vraw, vinst, z=torch.randn(32, m.z_dim, generator=torch.Generator().manual_seed(0)))
    return class_colour_error(enc, vimg, vraw)/class_colour_error(rnd, vimg, vraw)
print(f'{kind}: start ratio {check():.3f}', flush=True)
mlp = list(E.region_mlp.parameters()); conv = [p for n, p in E.named_parameters() if not n.startswith('region_mlp')]
opt = torch.optim.Adam([dict(params=mlp, lr=lr_mlp), dict(params=conv, lr=lr_conv)], betas=(0.5, 0.999))
sched = torch.optim.lr_scheduler.OneCycleLR(opt, [lr_mlp, lr_conv], total_steps=steps, pct_start=0.1)
t, bs = time.time(), 8
for i in range(steps):
    img, raw, inst = toy_batch(bs, seed=SEEDS['spade'][0] + 20000 + i*bs)
    E.train(); mu, lv = encode(img, raw)
    x = m.netG(TOYSCENES.gen_input(raw, inst), mu)
    kld = -0.5*torch.mean(torch.sum(1 + lv - mu**2 - lv.exp(), 1))
    loss = region_l1(x, img, raw) + 1e-3*kld
    opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    if (i + 1) % 100 == 0 or i + 1 == steps:
        print(f'step {i+1}: loss {loss.item():.4f} kld {kld.item():.1f} ratio {check():.3f} ({time.time()-t:.0f} s)', flush=True)
torch.save(E.state_dict(), f'build/region_encoder_{kind}_{steps}_L{layout}.pth')
