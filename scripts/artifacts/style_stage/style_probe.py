"""Try (issue 17's colour bar): a per-region style code into the generator, SEAN's design (Zhu et al., CVPR 2020) in
its simplest form. The encoder's single global z did not carry a style image's per-class colours (best encoder 0.545
of random z's error; bar 0.5), while z optimized per image reached 0.41-0.44. Here every SPADE of the generator
sees, beside the one-hot map, a *style map*: each pixel gets its class's code, the mean colour of that class's region
in the style image (pooled over the style's own map, as SEAN pools its per-region codes). The new input weights
start at zero, so the starting SPADE is unchanged. Without a style image ("random z") the codes are drawn from a
per-class Gaussian fitted to 2048 training scenes' region colours (the prior of the codes, as N(0, I) is z's).

    python scripts/artifacts/style_stage/style_probe.py spade WORKDIR [EPOCHS] [THREADS]     # the SPADE stage (from refine2)
    python scripts/artifacts/style_stage/style_probe.py advspade SNAPSHOT_CKPT OUT [THREADS]  # AdvSPADE, the demo's recipe
    python scripts/artifacts/style_stage/style_probe.py check SPADE_CKPT ADVSPADE.pth [FIG.png]    # the multi-modal bars
    python scripts/artifacts/style_stage/style_probe.py story SPADE_CKPT ADVSPADE.pth OUT.json [THREADS]   # the story's table (validation)
    python scripts/artifacts/style_stage/style_probe.py sweep OUT "atk=.. rec=.." ... --spade CKPT --threads 2  # advspade_sweep.py
"""
import json, sys, torch, torch.nn as nn, torch.nn.functional as F
from pathlib import Path
sys.path.insert(0, 'scripts')
import advspade.networks as N, advspade.targets as T, advspade.training as TR
from advspade.data import TOYSCENES, SEEDS, toy_batch, toy_batches
NC = TOYSCENES.label_nc   # the one-hot's class channels (the edge channel follows)
STYLE = {'codes': None}   # (B, NC, 3): the codes the next generator call paints (set by the trainer's patch or by `set_style`)

def style_codes(img, seg):
    "(B, NC, 3): each class region's mean colour in `img`, over the one-hot `seg`'s regions (absent classes: 0)"
    m = seg[:, :NC]; return torch.einsum('bkhw,bchw->bkc', m, img)/m.sum((2, 3)).clamp(min=1)[..., None]
def style_map(seg, codes): return torch.einsum('bkhw,bkc->bchw', seg[:, :NC], codes.to(seg.dtype))

def widen(G):
    "Every SPADE's shared conv gets 3 more input channels (the style map), their weights zero"
    for sp in (m for m in G.modules() if isinstance(m, N.SPADE)):
        old = sp.mlp_shared[0]
        new = nn.Conv2d(old.in_channels + 3, old.out_channels, old.kernel_size, padding=old.padding)
        with torch.no_grad(): new.weight.zero_(); new.weight[:, :old.in_channels] = old.weight; new.bias.copy_(old.bias)
        sp.mlp_shared[0], sp.label_nc = new, sp.label_nc + 3
    G.style_nc = 3

def forward(self, seg, z=None, noise_seed=None):
    "`SPADEGenerator.forward` with the style map beside the one-hot for every SPADE"
    self.check_input(seg)
    x = self.first_map(seg, z)
    g = torch.Generator(seg.device).manual_seed(noise_seed) if self.noise and noise_seed is not None else None
    if getattr(self, 'style_nc', 0):
        if STYLE['codes'] is None or len(STYLE['codes']) != len(seg):   # no style image: codes from the prior (torch's RNG)
            if STYLE.get('prior') is None: raise RuntimeError('no style codes for this batch and no prior')
            mean, chol = STYLE['prior']; STYLE['codes'] = mean + torch.einsum('kij,nkj->nki', chol, torch.randn(len(seg), NC, 3))
        seg = torch.cat([seg, style_map(seg, STYLE['codes'])], 1)
    for name, up in self.schedule:
        if up: x = F.interpolate(x, scale_factor=2, mode='nearest')
        nz = None if g is None else [torch.randn(x.shape[0], 1, *x.shape[2:], generator=g, device=x.device) for _ in range(2)]
        x = getattr(self, name)(x, seg, nz)
    return torch.tanh(self.conv_img(F.leaky_relu(x, 0.2)))
N.SPADEGenerator.forward = forward

class StyleModel(N.SPADEModel):
    "A `SPADEModel` whose generator takes the style map"
    def __init__(self, *a, **k): super().__init__(*a, **k); widen(self.netG)
    def generate(self, raw, inst=None, img=None, z=None, sample=True, noise_seed=None, codes=None):
        "`SPADEModel.generate`; the codes: `codes`, else the real image's (`img`, over its own map), else drawn from the prior"
        seg = self.label_set.gen_input(raw, inst)
        if codes is None and img is None and z is not None and STYLE.get('prior') is not None:   # the same z, the same codes (SPADE and AdvSPADE alike)
            codes = random_codes(len(z), int(z.detach().double().abs().sum().item()*1e6) % 2**31, STYLE['prior'])
        STYLE['codes'] = codes if codes is not None else style_codes(img, seg) if img is not None else None
        return super().generate(raw, inst, img=img, z=z, sample=sample, noise_seed=noise_seed)
N.SPADEModel = T.SPADEModel = StyleModel

_gen = TR.SPADETrainer._generate
def _generate(self, seg, img):
    STYLE['codes'] = style_codes(img, seg); return _gen(self, seg, img)   # the anchor generator, called later, paints the same codes
TR.SPADETrainer._generate = _generate

def prior(n_scenes=2048, seed_lo=SEEDS['spade'][0] + 30000):
    "Per-class mean (NC, 3) and Cholesky factor (NC, 3, 3) of region colours over training scenes"
    codes, present = [], []
    for img, raw, inst in toy_batches(n_scenes, (64, 128), 256, seed_lo):
        seg = TOYSCENES.gen_input(raw, inst); codes.append(style_codes(img, seg)); present.append(seg[:, :NC].sum((2, 3)) > 0)
    codes, present = torch.cat(codes), torch.cat(present)
    mean, chol = [], []
    for k in range(NC):
        c = codes[present[:, k], k]; mean.append(c.mean(0)); chol.append(torch.linalg.cholesky(torch.cov(c.T) + 1e-5*torch.eye(3)))
    return torch.stack(mean), torch.stack(chol)
def random_codes(n, seed, pr):
    g = torch.Generator().manual_seed(seed); mean, chol = pr
    return mean + torch.einsum('kij,nkj->nki', chol, torch.randn(n, NC, 3, generator=g))

import build_toy_models as B
_load = B.load_snapshot
def load_snapshot(m, path):
    "`load_snapshot`, padding a snapshot without the style input with zero weights for it"
    sd = torch.load(path, map_location='cpu', weights_only=True); own = m.state_dict()
    for k, v in sd.items():
        if k in own and v.ndim == 4 and own[k].shape[1] == v.shape[1] + 3: sd[k] = torch.cat([v, torch.zeros(v.shape[0], 3, *v.shape[2:], dtype=v.dtype)], 1)
    tmp = Path(str(path) + '.style.tmp'); torch.save(sd, tmp)
    try: return _load(m, tmp)
    finally: tmp.unlink()
B.load_snapshot = load_snapshot

def check(spade, adv, n=32, z_seeds=range(8)):
    "multimodal_check's numbers for style models: colour error with the style image's codes and z = μ vs random codes and z"
    from advspade.demo import class_colour_error
    from advspade.targets import toy_target, seg_scores
    img, raw, inst = toy_batch(n); seg, lbl, tn, pr = TOYSCENES.gen_input(raw, inst), TOYSCENES.to_target(raw), toy_target('toynet'), prior()
    with torch.no_grad():
        enc = adv.eval().generate(raw, inst, img=img, sample=False, noise_seed=0)
        rnd = adv.generate(raw, inst, z=torch.randn(n, adv.z_dim, generator=torch.Generator().manual_seed(0)), noise_seed=0, codes=random_codes(n, 0, pr))
        ratios, sp_real = [], []
        for s in z_seeds:
            z, c = torch.randn(n, adv.z_dim, generator=torch.Generator().manual_seed(s)), random_codes(n, s, pr)
            a, b = seg_scores(tn, adv.generate(raw, inst, z=z, noise_seed=s, codes=c), lbl)['mIoU'], seg_scores(tn, spade.eval().generate(raw, inst, z=z, noise_seed=s, codes=c), lbl)['mIoU']
            ratios.append(a/b); sp_real.append(b/seg_scores(tn, img, lbl)['mIoU'])
    return dict(colour_error_encoder=class_colour_error(enc, img, raw), colour_error_random=class_colour_error(rnd, img, raw),
                miou_ratio_per_z=ratios, spade_over_real_per_z=sp_real), (img, enc, rnd)

def figure(out, adv, spade, n=4, seeds=(1, 2, 3)):
    "label map | style image (real) | AdvSPADE with its codes and z = μ | AdvSPADE with random codes and z, for `seeds`"
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    img, raw, inst = toy_batch(n); seg, pr = TOYSCENES.gen_input(raw, inst), prior()
    cols = {'label map': None, 'style image (real)': img}
    with torch.no_grad():
        cols['AdvSPADE, the style\'s codes'] = adv.eval().generate(raw, inst, img=img, sample=False, noise_seed=0)
        for s in seeds:
            cols[f'random codes and z ({s})'] = adv.generate(raw, inst, z=torch.randn(n, adv.z_dim, generator=torch.Generator().manual_seed(s)), noise_seed=s, codes=random_codes(n, s, pr))
    fig, ax = plt.subplots(n, len(cols), figsize=(2.6*len(cols), 1.5*n))
    for j, (k, x) in enumerate(cols.items()):
        for i in range(n):
            ax[i, j].imshow(TOYSCENES.colorize(TOYSCENES.to_target(raw[i])) if x is None else ((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1)); ax[i, j].axis('off')
        ax[0, j].set_title(k, fontsize=8)
    fig.tight_layout(); fig.savefig(out, dpi=110)

if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'spade':
        torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
        ep = int(sys.argv[3]) if len(sys.argv) > 3 else 8
        B._long_spade(cfg={**B.REFINE_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth', 'epochs': ep,
                           'decay_epoch': ep//2, 'seed': 11, 'snapshot_every': 2, 'workdir': sys.argv[2], 'style': 'region mean colour (style_probe.py)'})
    elif cmd == 'advspade':
        torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
        from advspade.demo import demo_config, stage_advspade, toy_scenes, TOY_SIZE
        from advspade.targets import toy_target
        from advspade.training import load_pretrained
        cfg = demo_config(); ck = sys.argv[2]
        spade = load_pretrained(T.toy_gan_model(TOY_SIZE), ck).eval()
        adv = stage_advspade(cfg, toy_scenes(cfg['n_train'], cfg['n_val'], TOY_SIZE, cfg['seed'], progress=False), Path(sys.argv[3]), toy_target('toynet'), spade, ck, bs=cfg['bs'], size=cfg['size'], progress=False)
        torch.save(adv.state_dict(), Path(sys.argv[3])/'advspade_style.pth')
    elif cmd == 'story':   # the story's table on the validation scenes, codes drawn from the prior (as z is)
        torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
        from advspade.training import load_pretrained
        from advspade.demo import story_sets, story_scores, story_ratios
        spade = load_pretrained(T.toy_gan_model(), sys.argv[2]).eval()
        adv = T.toy_gan_model(); adv.load_state_dict(torch.load(sys.argv[3], weights_only=True)); adv.eval()
        STYLE['prior'] = prior(); torch.manual_seed(0)
        df = story_scores(*story_sets({'SPADE': spade, 'AdvSPADE': adv}))   # every generate call without img draws new codes
        print(df.round(4).to_string()); r = {k: round(float(v), 4) for k, v in story_ratios(df).items()}; print(r)
        Path(sys.argv[4]).write_text(json.dumps(dict(ratios=r, table=json.loads(df.round(4).to_json(orient='index'))), indent=1, ensure_ascii=False) + '\n')
    elif cmd == 'sweep':   # advspade_sweep.py with these models, scored with codes drawn from the prior
        import advspade_sweep as SW
        STYLE['prior'] = prior(); torch.manual_seed(0)
        SW.main(sys.argv[2:])
    elif cmd == 'check':
        torch.set_num_threads(2)
        from advspade.training import load_pretrained
        spade = load_pretrained(T.toy_gan_model(), sys.argv[2]) if sys.argv[2].endswith('ckpt') or '/ckpt/' in sys.argv[2] else B.load_snapshot(T.toy_gan_model(), sys.argv[2])
        adv = T.toy_gan_model(); adv.load_state_dict(torch.load(sys.argv[3], weights_only=True))
        r, (img, enc, rnd) = check(spade, adv); r['colour_ratio'] = r['colour_error_encoder']/r['colour_error_random']
        print(json.dumps(r, indent=1))
        if len(sys.argv) > 4: figure(sys.argv[4], adv, spade)
