"""Time the default `advspade_demo`'s work units with and without glibc's malloc told to keep freed memory.

`keep` sets, with `mallopt` (process-wide): no `mmap` for big blocks (`M_MMAP_MAX` 0), a heap trim only above 1 GB
free (`M_TRIM_THRESHOLD`), the heap grown 64 MB at a time (`M_TOP_PAD`). By default malloc serves blocks above an
adaptive threshold (128 kB to 32 MB) with `mmap`, unmaps them when freed and trims its heap, so every step's memory comes
back from the kernel zeroed, one page fault per 4 kB page.

The units are those of `scripts/bench_demo_step.py`: one AdvSPADE fine-tuning step as the demo runs it (from the
shipped SPADE's checkpoint, batch 8 at 64×128) and the generation of 64 validation images. malloc's settings hold for a
whole process and cannot be undone, so every round starts one fresh process per way, alternating (`plain`, `keep`); each
process builds the trainer, takes one untimed step, then times `--steps` steps and one generation. Reported: the median
over rounds of each process's median step, the generation time, page faults and system time per step, the peak resident
memory, and the ratios keep/plain. Nothing computed changes with the setting (allocation only).

    python scripts/bench_malloc.py [--rounds 4] [--steps 10] [--threads 2]

Measured on this project's machine (2 cores, 2026-12-07, the default run): keep/plain step 1.03 (2.084 / 2.024 s),
generate 64 0.86 (4.414 / 5.123 s), page faults per step 0.04 (2 965 / 66 519), system time per step 0.07, peak memory
1.10. The page faults go, the step does not get faster; nbdev_test of lesson 07 (training) took 94 / 92 s and 91 / 88 s
(keep / plain), of lesson 14 (demo, with evaluation) 114 / 122 s and 119 / 128 s. Not adopted: the demo's fine-tuning
is its time, and the gain on generation is ~10 s of a 10-minute run.
"""
import argparse, ctypes, json, resource, subprocess, sys, tempfile, time
from pathlib import Path


def child(way, steps, threads):
    "One process: build the demo's trainer, time `steps` steps and one generation, print a JSON line"
    import torch
    torch.set_num_threads(threads)
    if way == 'keep':
        mallopt = ctypes.CDLL('libc.so.6').mallopt   # glibc's <malloc.h>: M_MMAP_MAX -4, M_TRIM_THRESHOLD -1, M_TOP_PAD -2
        assert all(mallopt(k, v) == 1 for k, v in ((-4, 0), (-1, 1 << 30), (-2, 64 << 20))), 'this C library is not glibc'
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_demo_step import build
    cb, batch, generate = build(tempfile.mkdtemp())
    cb.spade_step(*batch)   # warm-up, untimed
    r0, ts = resource.getrusage(resource.RUSAGE_SELF), []
    for _ in range(steps):
        s = time.perf_counter(); cb.spade_step(*batch); ts.append(time.perf_counter() - s)
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    with torch.no_grad(): s = time.perf_counter(); generate(); g = time.perf_counter() - s
    print(json.dumps(dict(step=sorted(ts)[len(ts)//2], generate=g, faults=(r1.ru_minflt - r0.ru_minflt)/steps,
                          sys=(r1.ru_stime - r0.ru_stime)/steps, maxrss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--rounds', type=int, default=4)
    p.add_argument('--steps', type=int, default=10)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--child', default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a.child, a.steps, a.threads)
    ways, res = ('plain', 'keep'), {}
    for r in range(a.rounds):
        for w in ways:
            out = subprocess.run([sys.executable, __file__, '--child', w, '--steps', str(a.steps), '--threads', str(a.threads)],
                                 capture_output=True, text=True)
            assert out.returncode == 0, out.stderr[-3000:]
            res.setdefault(w, []).append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f'round {r + 1}/{a.rounds} {w:>5}: ' + ', '.join(f'{k} {v:.3f}' for k, v in res[w][-1].items()), flush=True)
    med = lambda w, k: sorted(x[k] for x in res[w])[len(res[w])//2]
    print(f"\nthe default demo's work units, {a.threads} torch threads, median of {a.rounds} alternating rounds of fresh processes")
    print(f"{'':22}{'plain':>10}{'keep':>10}{'keep/plain':>12}")
    for k, name in (('step', 'step (s)'), ('generate', 'generate 64 (s)'), ('faults', 'page faults / step'),
                    ('sys', 'system time / step (s)'), ('maxrss_mb', 'peak memory (MB)')):
        m = [med(w, k) for w in ways]
        print(f"{name:22}{m[0]:>10.3f}{m[1]:>10.3f}{m[1]/m[0] if m[0] else float('nan'):>12.2f}")


if __name__ == '__main__': main()
