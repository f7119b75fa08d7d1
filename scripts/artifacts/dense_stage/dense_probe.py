"""Try (issue 13's picture bar, the lever the 2026-12-06 note named): a perceptual anchor whose features must carry
road dashes and window lattices. The shipped TexNet predicts a patch's 28 rendering parameters; nothing in them depends
on the road's dashes, so its features need not encode them and the anchor never asks for them.

TexNet-D adds a *dense* rendering target beside the 28 parameters: for every pixel, the texture multiplier the
renderer painted there (`data._Canvas.paint`'s `tex`: window lattice, road dashes and grain, sidewalk tiles, leaf
noise, car windows and wheels, the sky's gradient), before illumination, shading and sensor noise. It is an
intrinsic-image task (albedo × texture × light), a rendering fact, not the label map; never a target, never a judge.
Its head reads all four feature maps (upsampled, concatenated, 1×1 conv), so each of them must carry the texture.

    python scripts/artifacts/dense_stage/dense_probe.py featnet OUT.pth [EPOCHS] [THREADS]
    START=SNAPSHOT python scripts/artifacts/dense_stage/dense_probe.py train WORKDIR FEATNET.pth [EPOCHS] [THREADS] [LAMBDA] [--resume]
    (FEATNET.pth = the shipped toytexnet.pth: the control, the same stage with the shipped anchor)
"""
import os, sys, json, time, torch, numpy as np, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts')
import advspade.data as D
from advspade.metrics import TexNet, TexPerceptual, TEX_SEEDS, params_vector, _random_patches
from advspade.data import toy_scene

_last = {}
FIELD_K = float(os.environ.get('FIELD_K', 0))   # > 0: the anchor is `FieldAnchor(net, FIELD_K)`
PIX_K = float(os.environ.get('PIX_K', 0))       # > 0: the anchor is `PixAnchor(net, TexNet-D from PIX_DNET, PIX_K)`
_init, _paint = D._Canvas.__init__, D._Canvas.paint
def _c_init(self, size): _init(self, size); self.tex = np.ones((self.H, self.W), np.float32); _last['c'] = self
def _c_paint(self, mask, cls, colour, tex=None, inst=None):
    _paint(self, mask, cls, colour, tex, inst); self.tex[mask] = 1. if tex is None else tex[mask]
D._Canvas.__init__, D._Canvas.paint = _c_init, _c_paint   # records the texture field; the scene is unchanged (same rng draws)

def tex_scenes(seeds, size=(64, 128)):
    "Images in [-1, 1], rendering parameters (N, 28), texture fields (N, 1, H, W) clipped to [0, 2]"
    imgs, ps, ts = [], [], []
    for s in seeds:
        p = {}; imgs.append(toy_scene(s, size, params=p)[0]); ps.append(params_vector(p)); ts.append(np.clip(_last['c'].tex, 0, 2))
    x = torch.as_tensor(np.stack(imgs)).permute(0, 3, 1, 2).float()/127.5 - 1
    return x.contiguous(), torch.as_tensor(np.stack(ps)), torch.as_tensor(np.stack(ts))[:, None]

class TexNetD(TexNet):
    "TexNet plus a dense head: the per-pixel texture field from all four feature maps"
    def __init__(self, w=16, n_out=28):
        super().__init__(w, n_out); self.dense = nn.Conv2d(11*w, 1, 1)
    def dense_out(self, x):
        ms = self.maps(x); H, W = x.shape[2:]
        return self.dense(torch.cat([ms[0]] + [F.interpolate(m, (H, W), mode='bilinear', align_corners=False) for m in ms[1:]], 1)), ms

def fit(n_train=4096, epochs=24, patch=32, bs=32, lr=2e-3, seed=0, beta=1.):
    x, p, t = tex_scenes(range(TEX_SEEDS, TEX_SEEDS + n_train)); xv, pv, tv = tex_scenes(range(TEX_SEEDS + 5000, TEX_SEEDS + 5256))
    tm, ts = t.mean(), t.std()
    torch.manual_seed(seed); net = TexNetD(); net.mean.copy_(p.mean(0)); net.std.copy_(p.std(0).clamp_min(1e-3))
    opt = torch.optim.AdamW(net.parameters(), lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs*(n_train//bs))
    xt = torch.cat([x, (t - tm)/ts], 1); g, hist = torch.Generator().manual_seed(seed), []
    crop = lambda a, g: _random_patches(a, patch, g)   # image and texture field cropped together
    t0 = time.time()
    for e in range(epochs):
        net.train(); perm = torch.randperm(n_train, generator=g)
        for i in range(n_train//bs):
            idx = perm[i*bs:(i + 1)*bs]; c = crop(xt[idx], g)
            d, ms = net.dense_out(c[:, :3])
            lp = F.mse_loss(net.head(ms[-1].mean((2, 3))), (p[idx] - net.mean)/net.std); ld = F.mse_loss(d, c[:, 3:])
            loss = lp + beta*ld; opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        net.eval()
        with torch.no_grad():
            d, ms = net.dense_out(xv)
            hist.append(dict(params=round(F.mse_loss(net.head(ms[-1].mean((2, 3))), (pv - net.mean)/net.std).item(), 4), dense=round(F.mse_loss(d, (tv - tm)/ts).item(), 4)))
        print(f'epoch {e + 1}/{epochs} {time.time() - t0:.0f} s: held-out MSE (standardised; 1 = the mean) {hist[-1]}', flush=True)
    return net.eval(), dict(n_train=n_train, epochs=epochs, patch=patch, bs=bs, lr=lr, seed=seed, beta=beta, val_mse=hist, tex_mean=float(tm), tex_std=float(ts),
                            seconds=round(time.time() - t0), threads=torch.get_num_threads())

def load(path):
    sd = torch.load(path, map_location='cpu', weights_only=True)
    net = TexNetD() if 'dense.weight' in sd else TexNet()
    net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()}); return net.eval()

class FieldAnchor(TexPerceptual):
    """TexPerceptual plus L1 between TexNet-D's dense texture predictions of G's image and of the real one, pixels where the real
    texture is strong (|standardised prediction| > 1: dashes, windows, tiles, wheels) weighted `k`× (they are < 10 % of pixels)"""
    def __init__(self, net, k=10., field=1.):
        super().__init__(net); self.k, self.field = k, field
    def forward(self, x, y):
        with torch.no_grad(): dy = self.net.dense_out(y)[0]
        dx = self.net.dense_out(x)[0]; w = 1 + (self.k - 1)*(dy.abs() > 1).float()
        return super().forward(x, y) + self.field*(w*(dx - dy).abs()).sum()/w.sum()

class PixAnchor(TexPerceptual):
    """The shipped anchor (TexPerceptual of `net`) plus `w`·a weighted L1 to the paired real image, the weight `k` where
    TexNet-D (`dnet`) predicts a strong texture in the real image (|standardised texture| > `t`: dashes, windows, leaves), 1 elsewhere"""
    def __init__(self, net, dnet, k=50., t=2.5, w=1., bright=False):
        super().__init__(net); self.dnet, self.k, self.t, self.w, self.bright = dnet.eval().requires_grad_(False), k, t, w, bright
    def train(self, mode=True): super().train(mode); self.dnet.eval(); return self
    def forward(self, x, y):
        with torch.no_grad():
            d = self.dnet.dense_out(y)[0]; wt = 1 + (self.k - 1)*((d if self.bright else d.abs()) > self.t).to(x.dtype)   # bright: markings, not dark texture
        return super().forward(x, y) + self.w*(wt*(x - y).abs()).sum()/(3*wt.sum())

def train(workdir, featnet_path, epochs=6, lam=30., resume=False):
    import build_toy_models as B, advspade.training as T
    net = load(featnet_path)
    orig = T.spade_learner
    def learner(*a, losses=None, vgg=None, **kw):   # λ1's slot: this anchor
        anchor = (PixAnchor(net, load(os.environ['PIX_DNET']), PIX_K, w=float(os.environ.get('PIX_W', 1)), bright=os.environ.get('PIX_BRIGHT') == '1') if PIX_K else FieldAnchor(net, FIELD_K) if FIELD_K else TexPerceptual(net))
        losses.vgg = lam; return orig(*a, losses=losses, vgg=anchor, **kw)
    T.spade_learner = learner
    cfg = {**B.PERCEP30_SPADE, 'field_k': FIELD_K, 'pix_k': PIX_K, 'pix_dnet': os.environ.get('PIX_DNET'), 'pix_w': os.environ.get('PIX_W'), 'pix_bright': os.environ.get('PIX_BRIGHT'), 'start': os.environ['START'], 'epochs': epochs, 'decay_epoch': epochs//2, 'seed': 17, 'tex': lam,
           'workdir': Path(workdir).name, 'featnet': str(featnet_path)}
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    if a[0] == 'featnet':
        torch.set_num_threads(int(a[3]) if len(a) > 3 else 1)
        net, rep = fit(epochs=int(a[2]) if len(a) > 2 else 24)
        torch.save(net.state_dict(), a[1]); Path(a[1]).with_suffix('.json').write_text(json.dumps(rep, indent=1))
    elif a[0] == 'train':
        torch.set_num_threads(int(a[4]) if len(a) > 4 else 1)
        train(a[1], a[2], int(a[3]) if len(a) > 3 else 6, float(a[5]) if len(a) > 5 else 30., '--resume' in sys.argv)
