"""Adversarial examples per second: AdvSPADE (one generator forward + re-normalization) vs PGD ε=8 / ε=32.

Both attacks run on the same target, image size and batch, side by side in one run; each
timing is the minimum over `--runs` runs after one warm-up (wall clock, and the process CPU
time of all threads, which is less sensitive to other jobs on a shared machine). An AdvSPADE
example costs one forward pass of the (inference-prepared: eval, spectral norm fused)
generator from a one-hot label map and z, plus `renormalize` from SPADE's [-1,1] to the
target's statistics; a PGD example costs `pgd_iters(ε)` forward+backward passes of the target
(10 at ε=8, 36 at ε=32, step 1, `advspade.attacks.pgd`).

Two settings:
  (a) the demo's setting: the shipped ToyNet target with the ToyScenes generator (`toy_gan`
      when it exists, else a `SPADEModel(TOYSCENES, ngf=16, ...)` of the same shape) at 64×128;
  (b) DRN-D-105 (random weights, DRNSeg, 19 classes, DRN Cityscapes statistics) at 128×256 with
      the paper's full-size generator `SPADEGenerator(CITYSCAPES.gen_nc, ngf=64, crop_size=256,
      aspect_ratio=2)` (random weights; timing only).

    python scripts/bench_attacks.py                       # both settings, batch 1, 2 threads, 5 runs
    python scripts/bench_attacks.py --only b --bs 2 --runs 3

Measured on the project machine (2 shared CPU cores, torch 2 threads), recorded below and in
`nbs/09_evaluate.ipynb`:

MEASURED
"""
import argparse, os, time, warnings
warnings.filterwarnings('ignore', message='.*torch.jit.script.*')
import torch
from advspade.data import TOYSCENES, CITYSCAPES
from advspade.networks import SPADEGenerator, SPADEModel, init_weights, prepare_for_inference
from advspade.renorm import renormalize, SPADE_STATS
from advspade.targets import toy_target, drn_target
from advspade.attacks import pgd, pgd_iters

def timeit(f, runs):
    "Min wall-clock and min process CPU seconds over `runs` calls, after one warm-up."
    f()
    ts, cs = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time(); f()
        ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
    return min(ts), min(cs)

def toy_generator():
    "The demo's ToyScenes AdvSPADE generator (`toy_gan`) if the package has it, else one of the same shape."
    try:
        from advspade.training import toy_gan
    except ImportError:
        try: from advspade.cli import toy_gan
        except ImportError: toy_gan = None
    if toy_gan is not None:
        try: return toy_gan('advspade', pretrained=True).netG, 'toy_gan(advspade)'
        except Exception as e: print(f'toy_gan failed ({e}); using a fresh generator')
    m = SPADEModel(TOYSCENES, ngf=16, crop_size=128, aspect_ratio=2, num_upsampling_layers='less', ndf=16)
    return m.netG, 'SPADEModel(TOYSCENES, ngf=16, 64×128, less) (random weights)'

def bench(name, target, G, label_nc, size, bs, runs):
    h, w = size
    torch.manual_seed(0)
    lab = torch.randint(0, label_nc, (bs, h, w))
    seg = torch.nn.functional.one_hot(lab, label_nc).permute(0, 3, 1, 2).float()
    z = torch.randn(bs, G.z_dim)
    G = prepare_for_inference(G, channels_last=False)
    x = (torch.rand(bs, 3, h, w) * 2 - 1)
    y = torch.randint(0, target.n_classes, (bs, h, w))
    def adv():
        with torch.no_grad(): return renormalize(G(seg, z), SPADE_STATS, target.stats)
    rows = [('AdvSPADE (G fwd + renorm)', timeit(adv, runs))]
    for eps in (8, 32):
        rows.append((f'PGD ε={eps} ({pgd_iters(eps)} iters)', timeit(lambda: pgd(target, x, y, eps), runs)))
    print(f'\n{name}: batch {bs}, {h}×{w}, min of {runs} runs after warm-up')
    print(f"{'attack':<28} {'wall s':>8} {'CPU s':>8} {'ex/s':>8} {'AdvSPADE ×':>11}")
    base = rows[0][1][0]
    for n, (t, c) in rows:
        print(f'{n:<28} {t:8.3f} {c:8.3f} {bs / t:8.2f} {t / base:10.1f}×')
    return {n: t for n, (t, c) in rows}

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--only', choices=['a', 'b'], default=None, help='run one setting only')
    p.add_argument('--bs', type=int, default=1)
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f'torch {torch.__version__}, {a.threads} threads, load average {os.getloadavg()} on {os.cpu_count()} CPUs')
    if a.only in (None, 'a'):
        G, gname = toy_generator()
        bench(f'(a) toynet + {gname}', toy_target('toynet'), G, TOYSCENES.gen_nc, (64, 128), a.bs, a.runs)
    if a.only in (None, 'b'):
        G = init_weights(SPADEGenerator(CITYSCAPES.gen_nc, ngf=64, crop_size=256, aspect_ratio=2))
        bench('(b) DRN-D-105 (random weights) + full-size SPADE generator (ngf 64, random weights)',
              drn_target('drn_d_105'), G, CITYSCAPES.gen_nc, (128, 256), a.bs, a.runs)
    print(f'load average at the end {os.getloadavg()}')

if __name__ == '__main__': main()
