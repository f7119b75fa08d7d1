"""Adversarial examples per second: AdvSPADE (one generator forward + re-normalization) vs PGD ε=8 / ε=32.

Both attacks run on the same target, image size and batch, side by side in one run; each
timing is the minimum over `--runs` runs after one warm-up (wall clock, and the process CPU
time of all threads, which is less sensitive to other jobs on a shared machine). An AdvSPADE
example costs one forward pass of the (inference-prepared: eval, spectral norm fused)
generator from a one-hot label map and z, plus `renormalize` from SPADE's [-1,1] to the
target's statistics; a PGD example costs `pgd_iters(ε)` forward+backward passes of the target
(10 at ε=8, 36 at ε=32, step 1, `advspade.attacks.pgd`).

Two settings:
  (a) the demo's setting: the shipped ToyNet target with the demo's AdvSPADE generator
      (`advspade.demo.toy_gan('advspade')`: ngf 8, nhidden 32, no VAE) at 64×128;
  (b) DRN-D-105 (random weights, DRNSeg, 19 classes, DRN Cityscapes statistics) at 128×256 with
      the paper's full-size generator `SPADEGenerator(CITYSCAPES.gen_nc, ngf=64, crop_size=256,
      aspect_ratio=2)` (random weights; timing only).

    python scripts/bench_attacks.py                       # both settings, batch 1, 2 threads, 5 runs
    python scripts/bench_attacks.py --only b --bs 2 --runs 3

Measured on the project machine (2 shared CPU cores, torch 2 threads), recorded below and in
`nbs/09_evaluate.ipynb`:

`OMP_NUM_THREADS=2 python scripts/bench_attacks.py --only a` (load average 1.9 → 3.2):

    (a) toynet + toy_gan('advspade'): batch 1, 64×128, min of 5 runs after warm-up
    attack                         wall s    CPU s     ex/s  ratio (wall)  ratio (CPU)
    AdvSPADE (G fwd + renorm)       0.028    0.056    35.62          1.0×         1.0×
    PGD ε=8 (10 iters)              1.694    1.121     0.59         60.3×        20.0×
    PGD ε=32 (36 iters)             6.458    4.304     0.15        230.0×        76.8×

`OMP_NUM_THREADS=2 python scripts/bench_attacks.py` (setting (b); load average 4.1 at the
start, 5.0 at the end, up to 8 in between: other engineers' jobs on the same 2 cores, so the
wall times are noisy — PGD ε=8 and ε=32 should differ by 3.6×, they differ by 1.7× — and
the CPU-time ratio is the steadier number):

    (b) DRN-D-105 (random weights) + full-size SPADE generator (ngf 64, random weights): batch 1, 128×256
    attack                         wall s    CPU s     ex/s  AdvSPADE ×
    AdvSPADE (G fwd + renorm)       6.735    4.108     0.15        1.0×
    PGD ε=8 (10 iters)            109.680   63.670     0.01       16.3×
    PGD ε=32 (36 iters)           191.369  173.460     0.01       28.4×

i.e. AdvSPADE produces 16× (wall; 15.5× in CPU time) more examples per second than PGD ε=8
and 28× (wall; 42× in CPU time) more than PGD ε=32 on DRN-D-105: above the ≥ 6× and ≥ 20×
the issue expects. In (a) the demo's generator is tiny (1.9 M parameters, ngf 8, nhidden 32)
and ToyNet's backward pass dominates PGD, so the ratios are larger still.
"""
import argparse, os, warnings
warnings.filterwarnings('ignore', message='.*torch.jit.script.*')
import torch
from advspade.data import TOYSCENES, CITYSCAPES
from advspade.networks import SPADEGenerator, init_weights, prepare_for_inference
from advspade.renorm import renormalize, SPADE_STATS
from advspade.targets import toy_target, drn_target
from advspade.attacks import pgd, pgd_iters
from bench_generator import timeit   # min wall / CPU seconds over runs after a warm-up (same folder)

def toy_generator():
    "The demo's ToyScenes AdvSPADE generator: `toy_gan('advspade')`, or its architecture with random weights."
    from advspade.demo import toy_gan, toy_gan_model
    try: return toy_gan('advspade', pretrained=True).netG, "toy_gan('advspade')"
    except FileNotFoundError: return toy_gan_model(seed=0).netG, 'toy_gan_model() (random weights: the shipped ones are missing)'

def bench(name, target, G, label_nc, size, bs, runs):
    h, w = size
    torch.manual_seed(0)
    lab = torch.randint(0, label_nc, (bs, h, w))
    seg = torch.nn.functional.one_hot(lab, label_nc).permute(0, 3, 1, 2).float()
    z = torch.randn(bs, G.z_dim) if G.use_vae else None
    G = prepare_for_inference(G, channels_last=False)
    x = (torch.rand(bs, 3, h, w) * 2 - 1)
    y = torch.randint(0, target.n_classes, (bs, h, w))
    def adv():
        with torch.no_grad(): return renormalize(G(seg, z), SPADE_STATS, target.stats)
    print(f'\n{name}: batch {bs}, {h}×{w}, min of {runs} runs after warm-up', flush=True)
    print(f"{'attack':<28} {'wall s':>8} {'CPU s':>8} {'ex/s':>8} {'ratio (wall)':>13} {'ratio (CPU)':>12}", flush=True)
    rows = {}
    for n, f in [('AdvSPADE (G fwd + renorm)', adv)] + [(f'PGD ε={e} ({pgd_iters(e)} iters)', lambda e=e: pgd(target, x, y, e)) for e in (8, 32)]:
        t, c = rows[n] = timeit(f, runs)
        t0, c0 = next(iter(rows.values()))
        print(f'{n:<28} {t:8.3f} {c:8.3f} {bs / t:8.2f} {t / t0:12.1f}× {c / c0:11.1f}×', flush=True)
    return rows

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
