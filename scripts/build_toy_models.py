"""Rebuild the small seeded ToyScenes models shipped in `advspade/weights/`.

    python scripts/build_toy_models.py            # every model
    python scripts/build_toy_models.py toynet     # just some
    python scripts/build_toy_models.py toyscenes_advspade --weights /tmp/try   # into a scratch folder first

One function per model; each trains from a fixed seed and writes its weights (state dict,
half precision) next to the package, plus its report in a JSON file. Run with 2 torch threads
(the project's reference machine has 2 cores); the reports record the threads and seconds.
"""
from __future__ import annotations
import argparse, json, sys
from pathlib import Path
import torch

SHIPPED = Path(__file__).resolve().parents[1]/'advspade'/'weights'
WEIGHTS = SHIPPED   # where builds go: `--weights` changes it

def save_state(net:torch.nn.Module, name:str):
    "State dict in float16 (floating tensors only): the shipped files stay small"
    sd = {k: (v.half() if v.is_floating_point() else v) for k, v in net.state_dict().items()}
    torch.save(sd, WEIGHTS/f'{name}.pth')
    return WEIGHTS/f'{name}.pth'

def update_report(path:Path, key:str, report:dict):
    "Merge one model's report into a JSON file of reports"
    reports = json.loads(path.read_text()) if path.exists() else {}
    reports[key] = report
    path.write_text(json.dumps(reports, indent=1, sort_keys=True) + '\n')

def _toy_target(arch:str, **kwargs):
    from advspade.targets import fit_toy_target, toy_target
    target, report = fit_toy_target(arch, seed=0, **kwargs)
    f = save_state(target.net, arch)
    report['file_kb'] = round(f.stat().st_size/1024)
    update_report(WEIGHTS/'toy_targets.json', arch, report)
    print(f"{arch}: mIoU {report['miou']:.3f} in {report['seconds']:.0f} s ({report['threads']} threads), {report['file_kb']} KB")
    return target, report

def build_toynet(): "The default ToyScenes target"; return _toy_target('toynet')
def build_toyunet(): "Transfer target: a small U-Net"; return _toy_target('toyunet')
def build_toydrn(): "Transfer target: a tiny DRN-D with the DRNSeg head"; return _toy_target('toydrn')
def _gan_report(m, kind:str, seconds:float, cpu:float, load:float, cfg:dict) -> dict:
    "Measured numbers of a shipped generator on the demo's fixed validation scenes, against the shipped toynet"
    import os
    from advspade.cli import TOY_GAN, TRANSFER, FID_NET, toy_scenes, stack_valid, seg_scores
    from advspade.data import TOYSCENES
    from advspade.targets import toy_target
    from advspade.metrics import fid_or_standin, PooledFeatures
    img, raw, inst = stack_valid(toy_scenes(0, cfg['n_val'], seed=cfg['seed'], progress=False))
    z = torch.randn(len(img), m.z_dim, generator=torch.Generator().manual_seed(cfg['z_seed']))
    with torch.no_grad(): x = m.eval().generate(raw, inst, z=z)
    lbl, t = TOYSCENES.to_target(raw), toy_target('toynet')
    miou, asr = seg_scores(t, x, lbl)
    name, f = fid_or_standin(img, x, PooledFeatures(toy_target(FID_NET)))
    return dict(kind=kind, arch=TOY_GAN, miou_toynet=round(miou, 4), miou_real_toynet=round(seg_scores(t, img, lbl)[0], 4),
                asr=round(asr, 4), fid_name=name, fid=round(f, 4),
                **{f'miou_{a}': round(seg_scores(toy_target(a), x, lbl)[0], 4) for a in TRANSFER},
                seconds=round(seconds, 1), cpu_seconds=round(cpu, 1), load_avg=[round(load, 1), round(os.getloadavg()[0], 1)],
                threads=torch.get_num_threads(), params_G=sum(p.numel() for p in m.netG.parameters()),
                config={k: cfg[k] for k in ('n_train', 'n_val', 'bs', 'seed', 'epochs', 'adv_epochs', 'lr', 'adv_lr', 'ttur', 'adv_ttur', 'atk', 'fm', 'adv_fm', 'kld', 'z_seed')})

def _toy_gan(kind:str):
    "Train the demo's SPADE (or fine-tune AdvSPADE from the shipped SPADE against the shipped toynet), demo defaults"
    import os, tempfile, time
    from advspade.cli import DEMO, GAN_FILES, toy_scenes, stage_gan, toy_gan_model, vgg_weight
    from advspade.losses import Losses
    from advspade.targets import toy_target
    cfg, t0, cpu0, load = DEMO, time.perf_counter(), time.process_time(), os.getloadavg()[0]
    scenes = toy_scenes(cfg['n_train'], cfg['n_val'], cfg['size'], cfg['seed'], progress=False)
    lam_vgg = vgg_weight(cfg['vgg'])[0]
    with tempfile.TemporaryDirectory() as d:
        if kind == 'spade':
            m = stage_gan('spade', scenes, d, toy_gan_model(cfg['size'], seed=cfg['seed'] + 2), cfg['epochs'],
                          losses=Losses(fm=cfg['fm'], vgg=lam_vgg, kld=cfg['kld'], atk=0), lr=cfg['lr'], ttur=cfg['ttur'],
                          bs=cfg['bs'], seed=cfg['seed'] + 3, size=cfg['size'], quiet=True)
        else:
            spade = next((f for f in (WEIGHTS/GAN_FILES['spade'], SHIPPED/GAN_FILES['spade']) if f.is_file()), None)
            if spade is None: sys.exit("build toyscenes_spade first: AdvSPADE is fine-tuned from it")
            m = stage_gan('advspade', scenes, d, toy_gan_model(cfg['size'], seed=cfg['seed'] + 2), cfg['adv_epochs'],
                          target=toy_target('toynet'), losses=Losses(fm=cfg['adv_fm'], vgg=lam_vgg, kld=cfg['kld'], atk=cfg['atk']),
                          lr=cfg['adv_lr'], ttur=cfg['adv_ttur'], bs=cfg['bs'], seed=cfg['seed'] + 4, size=cfg['size'],
                          pretrained=_half_to_model_state(spade), quiet=True)
    secs, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    f = save_state(m, GAN_FILES[kind][:-4])
    report = _gan_report(m, kind, secs, cpu, load, cfg)
    report['file_kb'] = round(f.stat().st_size/1024)
    update_report(WEIGHTS/'toy_gans.json', kind, report)
    print(f"{kind}: toynet mIoU {report['miou_toynet']:.3f} (real {report['miou_real_toynet']:.3f}), "
          f"{report['fid_name']} {report['fid']:.2f}, {secs:.0f} s ({report['threads']} threads), {report['file_kb']} KB")
    return m, report

def _half_to_model_state(path:Path) -> Path:
    "A `model_state`-style copy (netG/netE/netD dicts, float32) of a shipped float16 SPADEModel state dict"
    import tempfile
    sd = torch.load(path, map_location='cpu', weights_only=True)
    st = {k: {n[len(k) + 1:]: (v.float() if v.is_floating_point() else v) for n, v in sd.items() if n.startswith(k + '.')} or None
          for k in ('netG', 'netE', 'netD')}
    out = Path(tempfile.mkdtemp())/'spade_state.pth'
    torch.save(st, out)
    return out

def build_toyscenes_spade(): "The demo's vanilla SPADE on ToyScenes"; return _toy_gan('spade')
def build_toyscenes_advspade(): "AdvSPADE fine-tuned from the shipped SPADE against the shipped toynet"; return _toy_gan('advspade')

BUILDERS = {'toynet': build_toynet, 'toyunet': build_toyunet, 'toydrn': build_toydrn,
            'toyscenes_spade': build_toyscenes_spade, 'toyscenes_advspade': build_toyscenes_advspade}

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('models', nargs='*', help=f"subset of {', '.join(BUILDERS)} (default: all)")
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--weights', default=None, help='folder to write to (default: the shipped advspade/weights/); '
                   'AdvSPADE starts from the SPADE there, else the shipped one')
    args = p.parse_args(argv)
    global WEIGHTS
    if args.weights: WEIGHTS = Path(args.weights)
    unknown = [m for m in args.models if m not in BUILDERS]
    if unknown: p.error(f"unknown models {unknown}; known: {', '.join(BUILDERS)}")
    torch.set_num_threads(args.threads)
    WEIGHTS.mkdir(parents=True, exist_ok=True)
    for m in args.models or BUILDERS: BUILDERS[m]()

if __name__ == '__main__': main()
