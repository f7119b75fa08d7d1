"""How far AdvSPADE's images are from its SPADE's (same maps, z and noise), on 512 scenes of SEEDS['tune'] (55 000…):
mean and 99th-percentile |difference| on the 0-255 scale, and SceneNet FID/KID of each; then SPADE's images under
PGD ε = 8 against toynet, for scale. Two threads, about 2 minutes.

    python scripts/artifacts/advspade_sweep_texture/adv_diff.py SPADE.pth ADVSPADE.pth [ADVSPADE.pth ...]

Files: shipped-style state dicts (netG.… keys), `stage_gan` outputs or SPADETrainer checkpoints ({'netG', 'netE', 'netD', …}).
"""
import sys, torch
from advspade.demo import toy_batches, generate_images, toy_gan_model
from advspade.attacks import pgd
from advspade.targets import toy_target
from advspade.metrics import scene_judge, fidelity
from advspade.data import TOYSCENES

def load(f):
    "A ToyScenes GAN from a shipped-style state dict, a `stage_gan` output or a SPADETrainer checkpoint (noise inputs if it has them)"
    sd = torch.load(f, map_location='cpu', weights_only=False)
    if 'netG' in sd: sd = {f'{p}.{k}': v for p in ('netG', 'netE', 'netD') for k, v in sd[p].items()}
    m = toy_gan_model(noise=any(k.endswith('.noise_0') for k in sd))
    m.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()})
    return m.eval()

def show(name, x, real, feats): print(name, {k: round(v, 3) for k, v in fidelity(real, x, feats).items()}, flush=True)

if __name__ == '__main__':
    torch.set_num_threads(2)
    lo, n = 55_000, 512
    b = toy_batches(n, (64, 128), 64, lo); real, lbl = torch.cat([x[0] for x in b]), TOYSCENES.to_target(torch.cat([x[1] for x in b]))
    feats, t = scene_judge(), toy_target('toynet')
    sp = generate_images(load(sys.argv[1]), b, 1234, progress=False); show('SPADE', sp, real, feats)
    for f in sys.argv[2:]:
        d = (generate_images(load(f), b, 1234, progress=False) - sp)*127.5
        print(f"{f}: mean |d| {d.abs().mean():.2f}, p99 |d| {d.abs().flatten()[::7].quantile(0.99):.1f} /255")
        show(f, sp + d/127.5, real, feats)
    show('SPADE + PGD ε 8 vs toynet', torch.cat([pgd(t, sp[i:i+64], lbl[i:i+64], 8.) for i in range(0, n, 64)]), real, feats)
