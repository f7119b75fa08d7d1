"""The recorded AdvSPADE fine-tuning sweep: which λ3, anchor weight, λ0, steps and learning rate keep the scene.

Each setting fine-tunes AdvSPADE from a SPADE checkpoint (generator, encoder and discriminator) against the shipped
toynet, with the demo's own stage (`demo.stage_gan`), on training scenes from `SEEDS['tune']`, and is scored on
*other* scenes of `SEEDS['tune']` (never the validation scenes the README's bars use) with `demo.story_sets` /
`story_scores`: toynet's mIoU ratio AdvSPADE/SPADE (bar ≤ 0.25), the semantic judge's ratio (bar ≥ 0.8) and the
SceneNet FID ratio on 512 scenes (bar ≤ 1.5).

    python scripts/advspade_sweep.py build/sweep "atk=5 rec=3" "atk=10 rec=3 steps=192" --spade build/toyscenes_spade_polish/ckpt/epoch_030.pth

Keys of a setting (space-separated key=value): atk (λ3), rec (λ_rec, the pixel anchor), anchor (its reference: `spade`,
the starting SPADE's image at the 1/4-1/16 levels, as the demo does, or `real`, the paired real image on the full
pyramid: the recipe before 2026-12-05), fm (λ0), steps (G steps at batch 8), lr (TTUR base rate), n_train (training scenes),
fixnoise (1: the noise inputs' scales held fixed, `demo.fix_noise`, as the demo does; 0: trained), fine (the anchor's
weight at the full and 1/2 levels; 1/4-1/16 weigh 1), tex (λ1's slot through the TexNet anchor, `metrics.tex_anchor`: its
feature L1 to the paired real scene; 0: off, as every sweep before 2026-12-06). fixfourier (1: the generator's weights
on its Fourier inputs, `networks.fourier_features`, held at the SPADE's: their gradients are zeroed, so the attack
cannot turn the waves up; a SPADE without them: no effect). fixlabels (1: every SPADE layer's shared conv, the label map's
embedding, held at the SPADE's: `demo.fix_label_convs`, `DEMO['adv_fix_labels']`). One JSON file per setting in OUT/, and OUT/sweep.md, the
table of every setting found there (several invocations can share the cores).
"""
import argparse, json, sys, time
from pathlib import Path
import torch

DEFAULTS = dict(atk=5., rec=3., anchor='spade', fm=10., kld=0.05, steps=128, lr=1e-4, n_train=256, bs=8, seed=0, fixnoise=1, fine=0., tex=0., fixfourier=0, fixlabels=0)
SCORE_LO = 55_000   # first scoring scene: inside SEEDS['tune'], far from the training scenes (SEEDS['tune'][0] + i)

def parse_setting(s:str) -> dict:
    kv = {}
    for item in s.split():
        k, _, v = item.partition('=')
        if k not in DEFAULTS: sys.exit(f"unknown setting {k!r}; known: {', '.join(DEFAULTS)}")
        if isinstance(DEFAULTS[k], str) and v not in ('spade', 'real'): sys.exit(f"{k} must be spade or real, got {v!r}")
        kv[k] = v if isinstance(DEFAULTS[k], str) else type(DEFAULTS[k])(float(v)) if isinstance(DEFAULTS[k], int) else float(v)
    return {**DEFAULTS, **kv}

def name_of(cfg:dict) -> str:
    return ' '.join(f'{k}={cfg[k]}' if isinstance(cfg[k], str) else f'{k}={cfg[k]:g}' for k in DEFAULTS if k in cfg and (k in ('atk', 'rec') or cfg[k] != DEFAULTS[k]))

def run_setting(cfg:dict, spade_ckpt:Path, out:Path) -> dict:
    from advspade.data import SEEDS, toy_scene
    from advspade.demo import toy_gan_model, stage_advspade, demo_config, story_sets, story_scores, story_ratios, TOY_SIZE
    from advspade.targets import toy_target
    from advspade.training import load_pretrained
    sys.path.insert(0, str(Path(__file__).parent)); from build_toy_models import LONG_SPADE
    ck = torch.load(spade_ckpt, map_location='cpu', weights_only=False)   # noise inputs if the checkpoint has them (the texture stage on)
    arch, lo = {**LONG_SPADE['arch'], 'noise': any(k.endswith('.noise_0') for k in ck['netG'])}, SEEDS['tune'][0]
    arch.update(rel_inputs(ck['netG'], arch))   # as the checkpoint has them (a SPADE from before the marking stages has none)
    assert lo + cfg['n_train'] < SCORE_LO and SCORE_LO + 1024 <= SEEDS['tune'][1]
    t0 = time.time()
    scenes = ([toy_scene(lo + i, TOY_SIZE) for i in range(cfg['n_train'])], [toy_scene(lo + 4000 + i, TOY_SIZE) for i in range(8)])
    epochs = max(1, round(cfg['steps']*cfg['bs']/cfg['n_train']))
    spade = load_pretrained(toy_gan_model(**arch), spade_ckpt).eval()
    demo = demo_config(atk=cfg['atk'], adv_rec=cfg['rec'], adv_anchor=cfg.get('anchor', 'real'), adv_fm=cfg['fm'], kld=cfg['kld'], adv_levels=(cfg.get('fine', 0.), cfg.get('fine', 0.), 1., 1., 1.),
                       adv_lr=cfg['lr'], adv_ttur=True, adv_epochs=epochs, seed=cfg['seed'], bs=cfg['bs'], tex=cfg.get('tex', 0.),
                       adv_fix_labels=bool(cfg.get('fixlabels', 0)))
    import advspade.demo as D
    from contextlib import nullcontext
    from functools import partial
    from unittest.mock import patch
    with patch.object(D, 'fix_noise', partial(fix_fourier_too, fix_noise=D.fix_noise)) if cfg.get('fixfourier') else nullcontext():   # stage_advspade calls it on the model it fine-tunes
        adv = stage_advspade(demo, scenes, out/'work', toy_target('toynet'), spade, spade_ckpt, bs=cfg['bs'], progress=False,
                             fixed_noise=bool(cfg.get('fixnoise', 1)))
    t_train = time.time() - t0
    sets, raw = story_sets({'SPADE': spade, 'AdvSPADE': adv}, lo=SCORE_LO)
    df = story_scores(sets, raw)
    return dict(setting=name_of(cfg), config=cfg, epochs=epochs, ratios={k: round(float(v), 4) for k, v in story_ratios(df).items()},
                theta_half=theta_halves(sets, raw),
                table=json.loads(df.round(4).to_json(orient='index')), train_seconds=round(t_train, 1),
                seconds=round(time.time() - t0, 1), threads=torch.get_num_threads(), spade=str(spade_ckpt))

def fix_fourier_too(m, fix_noise):
    "`fix_noise` (`demo.fix_noise`), and the weights on the generator's Fourier inputs (the last `FOURIER_NC` input channels of every SPADE's shared conv) held fixed: their gradients zeroed"
    from advspade.networks import FOURIER_NC
    fix_noise(m)
    if getattr(m.netG, 'fourier_classes', 0):
        for n, p in m.netG.named_parameters():
            if n.endswith('mlp_shared.0.weight'):
                keep = torch.ones_like(p); keep[:, -FOURIER_NC:] = 0
                p.register_hook(lambda g, keep=keep: g*keep)
    return m

def rel_inputs(sd:dict, arch:dict) -> dict:
    "The region-relative inputs the generator state dict `sd` takes: `relpos` and `fourier` flags, from how many more input channels its SPADEs see than a generator of `arch` without them"
    from advspade.demo import toy_gan_model
    from advspade.networks import REL_NC, FOURIER_NC
    plain = toy_gan_model(**{**arch, 'relpos': False, 'fourier': False}).netG.state_dict()
    k = next(k for k in plain if '.mlp_shared.0.weight' in k)
    extra = sd[k].shape[1] - plain[k].shape[1]
    if extra not in (0, REL_NC, REL_NC + FOURIER_NC): raise ValueError(f"a generator with {extra} more input channels than {arch}: neither 0, {REL_NC} nor {REL_NC + FOURIER_NC}")
    return dict(relpos=extra > 0, fourier=extra > REL_NC)

def theta_halves(sets:dict, raw, n:int=32) -> dict:
    "The largest θ at which the attack success rate still reaches 0.5 (`demo.theta_half`), on the first `n` scoring scenes: AdvSPADE and PGD ε = 8 on the real images"
    from advspade.data import TOYSCENES
    from advspade.attacks import pgd
    from advspade.demo import asr_by_theta, theta_half
    from advspade.targets import toy_target
    t, y = toy_target('toynet'), TOYSCENES.to_target(raw[:n])
    imgs = {'AdvSPADE': sets['AdvSPADE (uint8)'][:n], 'PGD eps=8 (real)': pgd(t, sets['real'][:n], y, eps=8)}
    return {k: theta_half(a) for k, a in asr_by_theta(t, imgs, y).items()}

def _theta_gap(r:dict) -> str:
    "AdvSPADE's θ at ASR 0.5 minus PGD's, as a table cell (— for runs recorded before it was measured)"
    t = r.get('theta_half')
    return f"{t['AdvSPADE']:.3f} − {t['PGD eps=8 (real)']:.3f} = {t['AdvSPADE'] - t['PGD eps=8 (real)']:.3f}" if t else '—'

def table_md(out:Path) -> str:
    rows = sorted((json.loads(f.read_text()) for f in out.glob('*.json')), key=lambda r: (r['config'].get('anchor', 'real'), r['config']['atk'], r['config']['rec']))
    head = '| setting | anchor | steps | toynet AdvSPADE/SPADE (≤ 0.25) | judge AdvSPADE/SPADE (≥ 0.8) | FID AdvSPADE/SPADE (≤ 1.5) | FID uint8 | θ at ASR 0.5: AdvSPADE − PGD ε=8 (≥ 0.2) | s |\n|--|--|--:|--:|--:|--:|--:|--:|--:|'
    body = [f"| {name_of(r['config'])} | {r['config'].get('anchor', 'real')} | {r['config']['steps']} | {r['ratios']['AdvSPADE/SPADE (target)']:.3f} | {r['ratios']['AdvSPADE/SPADE (judge)']:.3f} | "
            f"{r['ratios']['AdvSPADE/SPADE (FID)']:.2f} | {r['ratios']['AdvSPADE/SPADE (FID, uint8)']:.2f} | {_theta_gap(r)} | {r['seconds']:.0f} |" for r in rows]
    return '\n'.join([head, *body]) + '\n'

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out'); p.add_argument('settings', nargs='+')
    p.add_argument('--spade', required=True, help='SPADE checkpoint with netG, netE and netD (a SPADETrainer epoch checkpoint)')
    p.add_argument('--threads', type=int, default=1)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    for s in a.settings:
        cfg = parse_setting(s)
        r = run_setting(cfg, Path(a.spade), out/'runs'/name_of(cfg).replace(' ', '_'))
        (out/f"{r['setting'].replace(' ', '_')}.json").write_text(json.dumps(r, indent=1, ensure_ascii=False) + '\n')
        print(r['setting'], r['ratios'], f"{r['seconds']:.0f} s", flush=True)
    (out/'sweep.md').write_text(table_md(out))
    print(table_md(out))

if __name__ == '__main__': main()
