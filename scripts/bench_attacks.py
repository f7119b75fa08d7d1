"""Adversarial examples per second: AdvSPADE (one generator forward + re-normalization) vs PGD ε=8 / ε=32.

Both attacks run on the same target, image size and batch, side by side in one run; each
timing is the minimum over `--runs` runs after one warm-up (wall clock, and the process CPU
time of all threads, which is less sensitive to other jobs on a shared machine). An AdvSPADE
example costs one forward pass of the generator from a one-hot label map (with instance edges)
and z, plus `renormalize` from SPADE's [-1,1] to the target's statistics; a PGD example costs
`pgd_iters(ε)` forward+backward passes of the target (10 at ε=8, 36 at ε=32, step 1,
`advspade.attacks.pgd`).

The generator runs the way the library makes images (`networks.inference_copy`): spectral norm
fused, channels-last, and either compiled (`torch.compile` with frozen weights; the default for
generators of ≥ 20 M parameters where a compiler is present) or eager with SPADE's γ, β computed
by regions (`spade.region_gamma_beta`: exact, one value per label inside regions, convolutions
only at boundaries). The eager dense generator is timed beside them. Every path's output is
checked against the network as built. The label maps have a street layout: ToyScenes validation
maps with their classes written as Cityscapes labelIds (real Cityscapes maps have more thin
objects, so more boundary pixels and less gain from regions; noise maps have no regions at all).

Two settings:
  (a) the demo's setting: the shipped ToyNet target with the demo's AdvSPADE generator
      (`advspade.demo.toy_gan('advspade')`: ngf 16, nhidden 64, encoder) at 64×128;
  (b) DRN-D-105 (random weights, DRNSeg, 19 classes, DRN Cityscapes statistics) at 128×256 with
      the paper's full-size generator `SPADEGenerator(CITYSCAPES.gen_nc, ngf=64, crop_size=256,
      aspect_ratio=2)` (random weights; timing only).

    python scripts/bench_attacks.py                       # both settings, batch 1, 2 threads, 5 runs
    python scripts/bench_attacks.py --only b --bs 2 --runs 3 --no-compile

Measured on the project machine (2 CPU cores of an Intel Xeon, nothing else running) on
2026-12-05 with `OMP_NUM_THREADS=2 python scripts/bench_attacks.py --runs 3`:

    torch 2.14.1+cu130, 2 threads, load average (1.6259765625, 1.49658203125, 1.31982421875) on 2 CPUs
    
    (a) toynet + toy_gan('advspade'): batch 1, 64×128, min of 3 runs after warm-up; default path (eager, SPADE by regions, as `inference_copy`): 11 SPADE layers by regions when eager; every path vs the network as built: max |Δ| 4.0e-06 on the target's input scale
    attack                                         wall s    CPU s     ex/s  ratio (wall)  ratio (CPU)
    AdvSPADE, eager, SPADE by regions (default)     0.025    0.049    39.32          1.0×         1.0×
    AdvSPADE, eager, dense                          0.026    0.050    38.53          1.0×         1.0×
    PGD ε=8 (10 iters)                              0.107    0.215     9.30          4.2×         4.4×
    PGD ε=32 (36 iters)                             0.384    0.767     2.61         15.1×        15.5×
    compiling took 10.1 s (first call)
    
    (b) DRN-D-105 (random weights) + full-size SPADE generator (ngf 64, random weights): batch 1, 128×256, min of 3 runs after warm-up; default path (compiled, as `inference_copy`): 18 SPADE layers by regions when eager; every path vs the network as built: max |Δ| 3.6e-07 on the target's input scale
    attack                                         wall s    CPU s     ex/s  ratio (wall)  ratio (CPU)
    AdvSPADE, compiled (default)                    0.492    0.982     2.03          1.0×         1.0×
    AdvSPADE, eager, SPADE by regions               0.503    1.006     1.99          1.0×         1.0×
    AdvSPADE, eager, dense                          0.607    1.211     1.65          1.2×         1.2×
    PGD ε=8 (10 iters)                              5.645   11.239     0.18         11.5×        11.4×
    PGD ε=32 (36 iters)                            20.464   40.503     0.05         41.6×        41.3×
    load average at the end (1.99853515625, 1.67822265625, 1.41259765625)

In (b), the paper's setting, AdvSPADE makes 11.5× more examples per second than PGD ε=8 and
41.6× more than PGD ε=32 (wall; 11.4× and 41.3× in CPU time): above the ≥ 10× and ≥ 30× the
"single step" claim asks for. Without compiling, SPADE by regions gives nearly the same (0.503 s;
1.2× faster than the dense eager generator); the dense eager generator alone would give 9.3×
and 33.7×. In (a) the demo's generator (8 M parameters) costs about as much as two and a half
forward+backward passes of the small ToyNet, so AdvSPADE is only 4.2× / 15.1× faster there.
"""
import argparse, copy, os, time, warnings
warnings.filterwarnings('ignore', message='.*torch.jit.script.*')
import torch
from advspade.data import TOYSCENES, CITYSCAPES, SEEDS
from advspade.networks import SPADEGenerator, init_weights, prepare_for_inference, compiles_by_default
from advspade.spade import SPADE
from advspade.renorm import renormalize, SPADE_STATS
from advspade.targets import toy_target, drn_target
from advspade.attacks import pgd, pgd_iters
from advspade.evaluate import TOY_TO_CS
from advspade.data import toy_batch
from bench_generator import timeit   # min wall / CPU seconds over runs after a warm-up (same folder)

def toy_generator():
    "The demo's ToyScenes AdvSPADE generator: `toy_gan('advspade')`, or its architecture with random weights."
    from advspade.demo import toy_gan, toy_gan_model
    try: return toy_gan('advspade', pretrained=True).netG, "toy_gan('advspade')"
    except FileNotFoundError: return toy_gan_model(seed=0).netG, 'toy_gan_model() (random weights: the shipped ones are missing)'

def layout_maps(label_set, bs:int, size:tuple):
    "Generator inputs with a street layout: ToyScenes validation maps (their ids as Cityscapes labelIds for Cityscapes), instance edges"
    _, raw, inst = toy_batch(bs, size, SEEDS['valid'])
    return label_set.gen_input(torch.as_tensor(TOY_TO_CS).long()[raw] if label_set is CITYSCAPES else raw, inst)

def bench(name, target, G, label_set, size, bs, runs, compile=True):
    "Time AdvSPADE's generator paths and PGD side by side; ratios are per example against the library's default path"
    h, w = size
    torch.manual_seed(0)
    seg = layout_maps(label_set, bs, size)
    z = torch.randn(bs, G.z_dim) if G.use_vae else None
    x = (torch.rand(bs, 3, h, w) * 2 - 1)
    y = torch.randint(0, target.n_classes, (bs, h, w))
    def adv(g):
        with torch.no_grad(): return renormalize(g(seg, z), SPADE_STATS, target.stats)
    ref = adv(G.eval())
    gens = {'eager, SPADE by regions': prepare_for_inference(copy.deepcopy(G)),
            'eager, dense': prepare_for_inference(copy.deepcopy(G), regions=False)}
    default = 'compiled' if compile and compiles_by_default(G) else 'eager, SPADE by regions'
    if default == 'compiled':
        t0 = time.perf_counter(); gens['compiled'] = prepare_for_inference(copy.deepcopy(G), compile=True); adv(gens['compiled'])
        print(f'compiling took {time.perf_counter() - t0:.1f} s (first call)', flush=True)
    d = max((adv(g) - ref).abs().max().item() for g in gens.values())
    assert d < 1e-3, f'an inference path differs from the network as built by {d}'
    n_regions = sum(m.regions for m in gens['eager, SPADE by regions'].modules() if isinstance(m, SPADE))
    print(f'\n{name}: batch {bs}, {h}×{w}, min of {runs} runs after warm-up; default path ({default}, as '
          f'`inference_copy`): {n_regions} SPADE layers by regions when eager; every path vs the network as built: '
          f'max |Δ| {d:.1e} on the target\'s input scale', flush=True)
    print(f"{'attack':<44} {'wall s':>8} {'CPU s':>8} {'ex/s':>8} {'ratio (wall)':>13} {'ratio (CPU)':>12}", flush=True)
    order = [default] + [k for k in gens if k != default]
    rows = {}
    for n, f in [(f'AdvSPADE, {k}' + (' (default)' if k == default else ''), lambda g=gens[k]: adv(g)) for k in order] + \
                [(f'PGD ε={e} ({pgd_iters(e)} iters)', lambda e=e: pgd(target, x, y, e)) for e in (8, 32)]:
        t, c = rows[n] = timeit(f, runs)
        t0, c0 = next(iter(rows.values()))
        print(f'{n:<44} {t:8.3f} {c:8.3f} {bs / t:8.2f} {t / t0:12.1f}× {c / c0:11.1f}×', flush=True)
    return rows

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--only', choices=['a', 'b'], default=None, help='run one setting only')
    p.add_argument('--bs', type=int, default=1)
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--no-compile', action='store_true', help="don't compile the paper's generator even where a compiler is present")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f'torch {torch.__version__}, {a.threads} threads, load average {os.getloadavg()} on {os.cpu_count()} CPUs')
    if a.only in (None, 'a'):
        G, gname = toy_generator()
        bench(f'(a) toynet + {gname}', toy_target('toynet'), G, TOYSCENES, (64, 128), a.bs, a.runs)
    if a.only in (None, 'b'):
        G = init_weights(SPADEGenerator(CITYSCAPES.gen_nc, ngf=64, crop_size=256, aspect_ratio=2))
        bench('(b) DRN-D-105 (random weights) + full-size SPADE generator (ngf 64, random weights)',
              drn_target('drn_d_105'), G, CITYSCAPES, (128, 256), a.bs, a.runs, not a.no_compile)
    print(f'load average at the end {os.getloadavg()}')

if __name__ == '__main__': main()
