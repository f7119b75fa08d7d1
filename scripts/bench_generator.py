"""Time the full-size Cityscapes SPADE generator's forward pass on the CPU.

Config: 36 label channels (35 labelIds + instance edges), ngf 64, `more` upsamplings, with
the VAE `fc` (the reference layout of `spade_cityscapes_netG_keys.tsv`); eval mode,
`torch.no_grad()`, batch 1, `torch.set_num_threads(THREADS)`. For each image size it times
the network as built (spectral-norm hooks, contiguous memory) and after
`advspade.networks.prepare_for_inference` (spectral norm fused, optionally channels-last, and
with `compile=True` also `torch.compile`d by inductor with frozen weights), side by side in one
run, and reports the minimum over `--runs` runs (after one warm-up) of
the wall-clock time and of the process CPU time (all threads; less sensitive to other jobs
on a shared machine). The load average at the start is printed with the results, and the
one-off compile time (first call) of the compiled column. `--no-compile` skips that column.

    python scripts/bench_generator.py            # 128×256, 256×256, 256×512 (H×W)
    python scripts/bench_generator.py --runs 7 --sizes 128x256 --threads 1

Sizes are height×width; Cityscapes' "512×256" crop (width×height) is 256x512 here. The
numbers measured on the project machine are recorded in `nbs/02_networks.ipynb` ("Faster
inference"); e.g. 128×256 on two threads: 1.30 s as built, 0.80 s compiled (the reference
implementation is quoted at ~0.8 s on two cores). The script also prints each size's FLOPs
(`torch.utils.flop_counter`) and the least time an eager forward needs at the throughput of
one large 3×3 convolution measured in the same run.
"""
import argparse, copy, os, time, torch, torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode
from advspade.networks import SPADEGenerator, prepare_for_inference, fuse_spectral_norm, init_weights

REF = {'spade_cityscapes_netG': 101_136_579, 'spade_cityscapes_netG_novae': 93_048_003}

def n_params(m): return sum(p.numel() for p in m.parameters())

def timeit(f, runs):
    "Min wall-clock and min process CPU time (all threads) over `runs` calls, after one warm-up."
    f()  # warm-up (oneDNN primitive creation)
    ts, cs = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time(); f()
        ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
    return min(ts), min(cs)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', default='128x256,256x256,256x512', help='H×W list')
    p.add_argument('--runs', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--no-compile', action='store_true', help='skip the torch.compile column')
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    print(f'torch {torch.__version__}, {a.threads} threads, min of {a.runs} runs, batch 1, eval, no_grad, '
          f'load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs')
    for vae in (True, False):
        g = SPADEGenerator(36, crop_size=512, aspect_ratio=2, num_upsampling_layers='more', use_vae=vae)
        name = 'spade_cityscapes_netG' + ('' if vae else '_novae')
        n = n_params(g); print(f'{name}: {n:,} parameters (reference {REF[name]:,}) {"OK" if n == REF[name] else "MISMATCH"}')
    cols = ['as built', 'fused SN', 'fused+CL'] + ([] if a.no_compile else ['compiled'])
    print(f"{'H×W':>9}   wall: " + ' '.join(f'{c:>9}' for c in cols) + '   CPU: ' + ' '.join(f'{c:>9}' for c in cols)
          + ('' if a.no_compile else '   compile time'))
    flops = []
    for hw in a.sizes.split(','):
        h, w = map(int, hw.split('x'))
        g = init_weights(SPADEGenerator(36, crop_size=w, aspect_ratio=w / h, num_upsampling_layers='more')).eval()
        seg = F.one_hot(torch.randint(0, 36, (1, h, w)), 36).permute(0, 3, 1, 2).float()
        z = torch.randn(1, 256)
        gf = fuse_spectral_norm(copy.deepcopy(g))
        gcl = prepare_for_inference(copy.deepcopy(g), channels_last=True, regions=False)
        segcl = seg.contiguous(memory_format=torch.channels_last)
        with torch.no_grad():
            ref = g(seg, z)
            assert ref.abs().max() < 0.99, 'saturated output: the comparison below would prove nothing'
            assert torch.allclose(gcl(segcl, z), ref, atol=1e-4) and torch.allclose(gf(seg, z), ref, atol=1e-4)
            t0 = timeit(lambda: g(seg, z), a.runs)
            t1 = timeit(lambda: gf(seg, z), a.runs)
            t2 = timeit(lambda: gcl(segcl, z), a.runs)
            ts, extra = [t0, t1, t2], ''
            if not a.no_compile:
                gc = prepare_for_inference(copy.deepcopy(g), channels_last=False, compile=True)
                c0 = time.perf_counter(); out = gc(seg, z); extra = f'   {time.perf_counter() - c0:8.1f}s'
                assert torch.allclose(out, ref, atol=1e-4)
                ts.append(timeit(lambda: gc(seg, z), a.runs)); del gc
        print(f'{h:>4}×{w:<4}         ' + ' '.join(f'{t[0]:8.3f}s' for t in ts) + '        '
              + ' '.join(f'{t[1]:8.3f}s' for t in ts) + extra, flush=True)
        with torch.no_grad(), FlopCounterMode(display=False) as fc: gf(seg, z)
        flops.append((h, w, fc.get_total_flops()))
        del g, gf, gcl
    conv, x = torch.nn.Conv2d(128, 128, 3, padding=1).eval(), torch.randn(1, 128, 128, 256)
    with torch.no_grad(): t = timeit(lambda: conv(x), a.runs)[0]
    rate = 2*128*128*9*128*256 / t
    print(f'one 3×3 conv 128→128 at 128×256, eager: {t*1e3:.1f} ms = {rate/1e9:.0f} GFLOP/s')
    for h, w, n in flops: print(f'{h}×{w}: {n/1e9:.1f} GFLOP -> at that rate an eager forward needs at least {n/rate:.2f} s')

if __name__ == '__main__': main()
