"""Time the full-size Cityscapes SPADE generator's forward pass on the CPU.

Config: 36 label channels (35 labelIds + instance edges), ngf 64, `more` upsamplings, with
the VAE `fc` (the reference layout of `spade_cityscapes_netG_keys.tsv`); eval mode,
`torch.no_grad()`, batch 1, `torch.set_num_threads(THREADS)`. For each image size it times
the network as built (spectral-norm hooks, contiguous memory) and after
`advspade.networks.prepare_for_inference` (spectral norm fused, optionally channels-last),
side by side in one run, and reports the minimum over `--runs` runs (after one warm-up) of
the wall-clock time and of the process CPU time (all threads; less sensitive to other jobs
on a shared machine). The load average at the start is printed with the results.

    python scripts/bench_generator.py            # 128×256, 256×256, 256×512 (H×W)
    python scripts/bench_generator.py --runs 7 --sizes 128x256 --threads 1

Sizes are height×width; Cityscapes' "512×256" crop (width×height) is 256x512 here. The
numbers measured on the project machine are recorded in `nbs/02_networks.ipynb` ("Faster
inference"); e.g. 128×256 on one thread: 1.03 s as built, 0.81 s after
`prepare_for_inference` (the reference implementation is quoted at ~0.8 s on two cores).
"""
import argparse, copy, os, time, torch, torch.nn.functional as F
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
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    print(f'torch {torch.__version__}, {a.threads} threads, min of {a.runs} runs, batch 1, eval, no_grad, '
          f'load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs')
    for vae in (True, False):
        g = SPADEGenerator(36, crop_size=512, aspect_ratio=2, num_upsampling_layers='more', use_vae=vae)
        name = 'spade_cityscapes_netG' + ('' if vae else '_novae')
        n = n_params(g); print(f'{name}: {n:,} parameters (reference {REF[name]:,}) {"OK" if n == REF[name] else "MISMATCH"}')
    print(f"{'H×W':>9}   wall: {'as built':>9} {'fused SN':>9} {'fused+CL':>9}   CPU: {'as built':>9} {'fused SN':>9} {'fused+CL':>9}")
    for hw in a.sizes.split(','):
        h, w = map(int, hw.split('x'))
        g = init_weights(SPADEGenerator(36, crop_size=w, aspect_ratio=w / h, num_upsampling_layers='more')).eval()
        seg = F.one_hot(torch.randint(0, 36, (1, h, w)), 36).permute(0, 3, 1, 2).float()
        z = torch.randn(1, 256)
        gf = fuse_spectral_norm(copy.deepcopy(g))
        gcl = prepare_for_inference(copy.deepcopy(g), channels_last=True)
        segcl = seg.contiguous(memory_format=torch.channels_last)
        with torch.no_grad():
            ref = g(seg, z)
            assert ref.abs().max() < 0.99, 'saturated output: the comparison below would prove nothing'
            assert torch.allclose(gcl(segcl, z), ref, atol=1e-4) and torch.allclose(gf(seg, z), ref, atol=1e-4)
            t0 = timeit(lambda: g(seg, z), a.runs)
            t1 = timeit(lambda: gf(seg, z), a.runs)
            t2 = timeit(lambda: gcl(segcl, z), a.runs)
        print(f'{h:>4}×{w:<4}         ' + ' '.join(f'{t[0]:8.3f}s' for t in (t0, t1, t2)) + '        '
              + ' '.join(f'{t[1]:8.3f}s' for t in (t0, t1, t2)), flush=True)
        del g, gf, gcl

if __name__ == '__main__': main()
