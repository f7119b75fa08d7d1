"""Try (issue 13's picture bar): a perceptual anchor through a small feature network trained on ToyScenes for a task other
than segmentation (the issue's second honest anchor; never a target, never the FID judge). Untried until now: every
stage so far anchored in pixel space (`pyramid_l1`), and pixels cannot ask for a texture whose phase is free (a window
grid shifted by a pixel costs as much as no windows at all). Features a few layers deep are what VGG's term uses for that.

The feature network (`TexNet`): a fully convolutional net (3×3 convs, BatchNorm, ReLU; strides 1, 2, 1, 2, 1, 2) trained
on random 32×32 *patches* of real training scenes to predict their scene's 28 rendering parameters (window spacing,
tree, car and people counts, colours, light, ...). It is not SceneNet (the FID judge): another architecture, patches not
scenes, its own seeds (SEEDS['spade'] + 40000 on, where the judge trains on SEEDS['judge']), and its pooled output is
never a judge. The anchor compares its feature maps at 1/1, 1/2, 1/4 and 1/8 resolution between G's image and the
paired real scene (G paints that scene's style codes), L1, weights 1/8, 1/4, 1/2, 1 (VGG's pattern), as λ1's slot
(`SPADETrainer(vgg=...)`).

    python scripts/artifacts/percep_stage/percep_probe.py featnet OUT.pth [EPOCHS] [THREADS]
    [START=SNAPSHOT] python scripts/artifacts/percep_stage/percep_probe.py train WORKDIR FEATNET.pth [EPOCHS] [THREADS] [LAMBDA] [--resume]
    python scripts/artifacts/percep_stage/percep_eval.py OUT_PREFIX NAME=SNAPSHOT ...

The stage: `build_toy_models._long_spade` with STYLE_SPADE's recipe (refine's: lr 1e-4 TTUR, FM 10, KLD 0.05, pixel
anchor λ_rec 1 to the paired real image), started from the shipped style SPADE's last snapshot, plus this term at λ.
"""
import os, sys, time, json, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts')

def _cbr(ni, nf, s): return nn.Sequential(nn.Conv2d(ni, nf, 3, s, 1, bias=False), nn.BatchNorm2d(nf), nn.ReLU())

class TexNet(nn.Module):
    "Fully convolutional patch net: feature maps at 1, 1/2, 1/4, 1/8 resolution; head: pooled → 28 parameters"
    def __init__(self, w=16):
        super().__init__()
        self.stages = nn.ModuleList([nn.Sequential(_cbr(3, w, 1), _cbr(w, w, 1)), nn.Sequential(_cbr(w, 2*w, 2), _cbr(2*w, 2*w, 1)),
                                     nn.Sequential(_cbr(2*w, 4*w, 2), _cbr(4*w, 4*w, 1)), nn.Sequential(_cbr(4*w, 4*w, 2), _cbr(4*w, 4*w, 1))])
        self.head = nn.Linear(4*w, 28)
        self.register_buffer('mean', torch.zeros(28)); self.register_buffer('std', torch.ones(28))
    def maps(self, x):
        out = []
        for s in self.stages: x = s(x); out.append(x)
        return out
    def forward(self, x): return self.head(self.maps(x)[-1].mean((2, 3)))

class Perceptual(nn.Module):
    "Σ_j w_j · mean|φ_j(x) − φ_j(y)| through a frozen TexNet (always in eval mode)"
    def __init__(self, net, weights=(1/8, 1/4, 1/2, 1.)):
        super().__init__(); self.net, self.weights = net.eval().requires_grad_(False), weights
    def train(self, mode=True): super().train(mode); self.net.eval(); return self
    def forward(self, x, y):
        with torch.no_grad(): fy = self.net.maps(y)
        return sum(w*(a - b).abs().mean() for w, a, b in zip(self.weights, self.net.maps(x), fy))

def featnet(out, epochs=6, n=4096, bs=32, lr=2e-3, seed=0):
    from advspade.metrics import param_scenes
    import build_toy_models as B
    lo = B.SPADE_SEEDS[0] + 40_000
    x, p = param_scenes(range(lo, lo + n)); xv, pv = param_scenes(range(lo + 5000, lo + 5256))
    torch.manual_seed(seed); net = TexNet(); net.mean.copy_(p.mean(0)); net.std.copy_(p.std(0).clamp_min(1e-3))
    opt = torch.optim.AdamW(net.parameters(), lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs*(n//bs))
    crop = lambda t, g: torch.stack([im[:, i:i+32, j:j+32] for im, i, j in zip(t, torch.randint(0, 33, (len(t),), generator=g), torch.randint(0, 97, (len(t),), generator=g))])
    g, hist, t0 = torch.Generator().manual_seed(seed), [], time.time()
    for e in range(epochs):
        net.train(); perm = torch.randperm(n, generator=g)
        for i in range(n//bs):
            idx = perm[i*bs:(i + 1)*bs]
            loss = F.mse_loss(net(crop(x[idx], g)), (p[idx] - net.mean)/net.std)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        net.eval()
        with torch.no_grad(): hist.append(dict(patch=round(F.mse_loss(net(crop(xv, torch.Generator().manual_seed(1))), (pv - net.mean)/net.std).item(), 4),
                                               full=round(F.mse_loss(net(xv), (pv - net.mean)/net.std).item(), 4)))
        print(f'epoch {e + 1}/{epochs}: held-out MSE {hist[-1]} ({time.time() - t0:.0f} s)', flush=True)
    torch.save(net.state_dict(), out)
    Path(out).with_suffix('.json').write_text(json.dumps(dict(epochs=epochs, n=n, seeds=[lo, lo + n], held_out=[lo + 5000, lo + 5256], mse=hist,
                                                              seconds=round(time.time() - t0), threads=torch.get_num_threads()), indent=1))

def train(workdir, featnet_path, epochs=6, lam=10., resume=False):
    import build_toy_models as B, advspade.training as T
    net = TexNet(); net.load_state_dict(torch.load(featnet_path, weights_only=True))
    orig = T.spade_learner
    def learner(*a, losses=None, **kw):   # λ1's slot: this anchor instead of VGG19
        losses.vgg = lam; return orig(*a, losses=losses, vgg=Perceptual(net), **kw)
    T.spade_learner = learner
    last = os.environ.get('START') or sorted(Path('build/toyscenes_spade_style_lib/snapshots').glob('spade_epoch*.pth'))[-1]
    cfg = {**B.STYLE_SPADE, 'start': str(last), 'epochs': epochs, 'decay_epoch': epochs//2, 'seed': 13, 'workdir': Path(workdir).name, 'percep': lam}
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    if a[0] == 'featnet':
        torch.set_num_threads(int(a[3]) if len(a) > 3 else 1); featnet(a[1], int(a[2]) if len(a) > 2 else 6)
    elif a[0] == 'train':
        torch.set_num_threads(int(a[4]) if len(a) > 4 else 1)
        train(a[1], a[2], int(a[3]) if len(a) > 3 else 6, float(a[5]) if len(a) > 5 else 10., '--resume' in sys.argv)
