"""Time one (Adv)SPADE training step at 128×256: vanilla SPADE vs AdvSPADE (target DRN-D-105).

Both use the full-size Cityscapes generator configuration (ngf=64, 5 upsamplings, VAE encoder,
2-scale discriminator with ndf=64, Cityscapes label channels); AdvSPADE adds the attack term
through a frozen DRN-D-105 (random weights: timing only). A step is `SPADETrainer.spade_step`:
one discriminator step and one generator step. Reported: the minimum of `--steps` timed steps
after `--warmup` untimed ones, both models side by side in one run, then the peak memory of
each, measured in its own subprocess (`resource.getrusage(RUSAGE_SELF).ru_maxrss` on the CPU,
`torch.cuda.max_memory_allocated` on a GPU).

    python scripts/bench_train_step.py [--size 128 256] [--bs 1] [--steps 5] [--device cpu|cuda]

Measured on the project's machine (2 AMD EPYC cores with AVX2, no GPU, torch 2.14.1, OMP_NUM_THREADS=2,
`python scripts/bench_train_step.py`, defaults: 128×256, batch 1, min of 5 after 1 warm-up), 2026-11-26,
load average 0.6 → 1.9:

                step (s)  peak MiB  params (M)
    spade          5.853      3698       117.2
    advspade       7.043      4187       171.5
    AdvSPADE / SPADE: time ×1.20, memory ×1.13

Earlier sessions, on a faster machine of the same kind: ×1.42 (1.840 s / 2.605 s, load ≈ 1.5),
×1.15 under heavier load (≈ 4), and ×1.25 in a separate 4-step timing; so the attack term costs
15–42 % more per step depending on the machine and its load, 20 % on the quiet run above. VGG is
off (no weights file offline): with the VGG term on, SPADE's step is larger and the ratio smaller.
"""
import argparse, json, os, resource, subprocess, sys, time, warnings
warnings.filterwarnings('ignore')
import torch

def build(kind, size, device):
    "A learner's `SPADETrainer`, ready to step, for `kind` in {'spade', 'advspade'}."
    from advspade.data import CITYSCAPES, toy_dls
    from advspade.networks import SPADEModel
    from advspade.losses import Losses
    from advspade.targets import drn_target
    from advspade.training import spade_learner
    torch.manual_seed(0)
    H, W = size
    target = drn_target('drn_d_105', None) if kind == 'advspade' else None
    model = SPADEModel(CITYSCAPES, ngf=64, crop_size=W, aspect_ratio=W/H, num_upsampling_layers='normal',
                       use_vae=True, ndf=64, num_D=2, target=target).to(device)
    dls = toy_dls(n_train=1, n_val=1, size=(64, 128), bs=1)   # only to build the Learner; batches are made below
    learn = spade_learner(dls, model, losses=Losses(vgg=0))
    cb = learn.spade_trainer; cb.setup()
    return cb


def batch(size, bs, device):
    "Random Cityscapes-like batch: image in [-1,1], raw labelIds 0..33, instance ids."
    g = torch.Generator().manual_seed(0)
    img = torch.rand(bs, 3, *size, generator=g)*2 - 1
    raw = torch.randint(0, 34, (bs, *size), generator=g)
    inst = torch.randint(0, 5, (bs, *size), generator=g) + raw*1000
    return img.to(device), raw.to(device), inst.to(device)


def time_steps(cb, b, warmup, steps, device, bar=False):
    "Seconds of each of `steps` steps after `warmup` untimed ones."
    from fastprogress.fastprogress import progress_bar
    sync = torch.cuda.synchronize if device == 'cuda' else (lambda: None)
    ts = []
    for i in (progress_bar(range(warmup + steps)) if bar else range(warmup + steps)):
        sync(); t = time.perf_counter(); cb.spade_step(*b); sync()
        if i >= warmup: ts.append(time.perf_counter() - t)
    return ts


def peak_memory(kind, a):
    "Run one warm-up + one step of `kind` in a fresh process; its peak memory in MiB."
    cmd = [sys.executable, __file__, '--mem', kind, '--size', *map(str, a.size), '--bs', str(a.bs), '--device', a.device]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])['peak_mib']


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--size', type=int, nargs=2, default=[128, 256])
    p.add_argument('--bs', type=int, default=1)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=1)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--mem', choices=['spade', 'advspade'], help=argparse.SUPPRESS)
    a = p.parse_args()
    size = tuple(a.size)
    if a.mem:                                   # child process: one model, report peak memory
        cb = build(a.mem, size, a.device); time_steps(cb, batch(size, a.bs, a.device), 1, 1, a.device)
        peak = (torch.cuda.max_memory_allocated()/2**20 if a.device == 'cuda'
                else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)   # Linux: KiB
        print(json.dumps({'peak_mib': round(peak, 1)})); return
    # peak memory first, while this process is small: Linux carries a parent's peak RSS over
    # fork+exec into the child's ru_maxrss, so a child spawned from a big parent would report the parent's
    mem = {kind: peak_memory(kind, a) for kind in ['spade', 'advspade']}
    res = {}
    for kind in ['spade', 'advspade']:
        print(f'{kind}: {a.warmup} warm-up + {a.steps} timed steps', flush=True)
        cb = build(kind, size, a.device)
        ts = time_steps(cb, batch(size, a.bs, a.device), a.warmup, a.steps, a.device, bar=True)
        res[kind] = dict(step_s=min(ts), params_M=round(sum(p.numel() for p in cb.net.parameters())/1e6, 1))
        del cb
    for kind in res: res[kind]['peak_mib'] = mem[kind]
    print(f"one training step (D step + G step), {size[0]}×{size[1]}, batch {a.bs}, {a.device}, "
          f"torch threads {torch.get_num_threads()}, min of {a.steps} after {a.warmup} warm-up")
    print(f"{'':10}{'step (s)':>10}{'peak MiB':>10}{'params (M)':>12}")
    for kind, r in res.items(): print(f"{kind:10}{r['step_s']:>10.3f}{r['peak_mib']:>10.0f}{r['params_M']:>12}")
    print(f"AdvSPADE / SPADE: time ×{res['advspade']['step_s']/res['spade']['step_s']:.2f}, "
          f"memory ×{res['advspade']['peak_mib']/res['spade']['peak_mib']:.2f}")


if __name__ == '__main__': main()
