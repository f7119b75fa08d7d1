"""Fit encoder and generator together, the generator anchored to its own images for random z: `python scripts/artifacts/advspade_sweep_anchor/encoder_joint_probe.py STEPS LR_G LR_E W` (README)."""
import torch, warnings, time, sys, copy, torch.nn.functional as F; warnings.filterwarnings('ignore'); torch.set_num_threads(1)
from advspade.data import TOYSCENES, toy_batch, SEEDS
from advspade.demo import class_colour_error
from advspade.targets import toy_gan, toy_gan_model, toy_target, seg_scores
steps, lrG, lrE, wa = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
torch.manual_seed(0)
vimg, vraw, vinst = toy_batch(32); vlbl = TOYSCENES.to_target(vraw); tn = toy_target('toynet')
sys.path.insert(0, 'scripts/artifacts/advspade_sweep_anchor')
from region_colour import region_l1
m = toy_gan('advspade').eval(); spade = toy_gan('spade').eval()
g0 = toy_gan_model().netG; g0.load_state_dict(m.netG.state_dict()); g0.eval()
for p in g0.parameters(): p.requires_grad_(False)
def check():
    m.eval()
    with torch.no_grad():
        enc = m.generate(vraw, vinst, img=vimg, sample=False)
        z = torch.randn(32, m.z_dim, generator=torch.Generator().manual_seed(0))
        rnd = m.generate(vraw, vinst, z=z); sp = spade.generate(vraw, vinst, z=z)
    return class_colour_error(enc, vimg, vraw)/class_colour_error(rnd, vimg, vraw), seg_scores(tn, rnd, vlbl)['mIoU']/seg_scores(tn, sp, vlbl)['mIoU']
print('start', check(), flush=True)
opt = torch.optim.Adam([dict(params=m.netG.parameters(), lr=lrG), dict(params=m.netE.parameters(), lr=lrE)], betas=(0.5, 0.999)); t=time.time(); bs=8
for i in range(steps):
    img, raw, inst = toy_batch(bs, seed=SEEDS['spade'][0] + 20000 + i*bs); seg = TOYSCENES.gen_input(raw, inst)
    m.netE.train(); m.netG.eval()   # G's batch norm keeps its running statistics (eval), its weights train
    mu, logvar = m.netE(img)
    rec = region_l1(m.netG(seg, mu), img, raw)
    zr = torch.randn(bs, m.z_dim)
    with torch.no_grad(): ref = g0(seg, zr)
    anc = (m.netG(seg, zr) - ref).abs().mean()
    loss = rec + wa*anc
    opt.zero_grad(); loss.backward(); opt.step()
    if i % 100 == 99: print(i, f"rec {rec.item():.4f} anc {anc.item():.4f} ratio/toynet {check()} {time.time()-t:.0f}s", flush=True)
