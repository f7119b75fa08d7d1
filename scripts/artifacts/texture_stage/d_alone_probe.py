"""Train the demo's discriminator alone, real scenes against blurred real (blur), the shipped SPADE's images (gen) or them with z = E(real) in training mode (gentrain): can it tell? `python scripts/artifacts/texture_stage/d_alone_probe.py KIND LR NDF` (README)."""
import torch, warnings, time, sys, torch.nn.functional as F; warnings.filterwarnings('ignore'); torch.set_num_threads(2)
from advspade.data import TOYSCENES, toy_batch, SEEDS
from advspade.targets import toy_gan_model, toy_gan
from advspade.metrics import binomial_blur
from advspade.losses import hinge_d_loss
kind, lr, ndf = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
torch.manual_seed(0)
m = toy_gan_model(ndf=ndf); D = m.netD; D.train()
G = toy_gan('spade').eval()
opt = torch.optim.Adam(D.parameters(), lr, betas=(0., 0.9)); t = time.time()
for i in range(200):
    img, raw, inst = toy_batch(8, seed=SEEDS['spade'][0] + 30000 + i*8); seg = TOYSCENES.gen_input(raw, inst)
    with torch.no_grad():
        if kind == 'gentrain': G.train()
        fake = binomial_blur(img) if kind == 'blur' else G.generate(raw, inst, img=img) if kind == 'gentrain' else G.generate(raw, inst, z=torch.randn(8, 64))
    out = D(torch.cat([torch.cat([seg, fake], 1), torch.cat([seg, img], 1)]))
    fk, rl = [[f[:8] for f in fs] for fs in out], [[f[8:] for f in fs] for fs in out]
    loss = hinge_d_loss(rl, fk)
    opt.zero_grad(); loss.backward(); opt.step()
    if i % 40 == 39:
        pr = rl[0][-1].mean().item(); pf = fk[0][-1].mean().item()
        print(i, f"d {loss.item():.3f} D(real) {pr:.3f} D(fake) {pf:.3f} {time.time()-t:.0f}s", flush=True)
