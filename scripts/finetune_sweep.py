"""Compare AdvSPADE fine-tuning (and SPADE) recipes on one finished `advspade_demo` run.

Each setting re-runs the demo with `--resume` in a copy of the run's folder that keeps only its
target and its SPADE (`target.pth`, `spade.pth`), so the AdvSPADE stage is trained again with
the run's own settings (its results.json) plus the setting's overrides, and evaluated exactly as the demo evaluates
(same validation scenes, z seed, FID stand-in). A setting that changes the SPADE stage too
(`SPADE_KEYS`: epochs, lr, ttur, fm, vgg, kld) keeps only the target, so SPADE is trained again
as well; settings that would change the target or the scenes are refused (run `advspade_demo`).
One Markdown row per setting: the toynet mIoU and FID (stand-in) of the SPADE and AdvSPADE images,
their ratios, and the seconds of the stages that ran.

    advspade_demo --out demo_out
    python scripts/finetune_sweep.py demo_out "atk=10 adv_lr=1e-3 adv_epochs=2" "atk=10 adv_lr=1e-4 adv_epochs=6"

Settings are space-separated key=value pairs (keys of `DEMO`: atk, adv_lr, adv_epochs,
adv_ttur=0/1, adv_fm, ...). Each setting's run goes to DEMO_OUT/sweep/<setting>/ with its row in
row.json, so several invocations can share the cores.
"""
import argparse, json, shutil, sys, warnings
from pathlib import Path

SPADE_KEYS = ('epochs', 'lr', 'ttur', 'fm', 'vgg', 'kld')   # settings of the SPADE stage (vgg, kld: of both stages)
FIXED_KEYS = ('size', 'n_train', 'n_val', 'bs', 'seed', 'target', 'target_epochs', 'target_lr')  # the target and the scenes

def parse_setting(s:str) -> dict:
    from advspade.demo import DEMO
    kv = {}
    for item in s.split():
        k, _, v = item.partition('=')
        if k not in DEMO: sys.exit(f"unknown setting {k!r}; known: {', '.join(DEMO)}")
        if k in FIXED_KEYS: sys.exit(f"setting {k!r} changes the target or the scenes: run advspade_demo with it instead")
        d = DEMO[k]
        kv[k] = bool(int(v)) if isinstance(d, bool) else int(v) if isinstance(d, int) else float(v) if isinstance(d, float) else v
    return kv

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('run', help='a finished advspade_demo output folder (with target.pth and spade.pth)')
    p.add_argument('settings', nargs='+', help='"key=value key=value" overrides of DEMO, one string per setting')
    p.add_argument('--threads', type=int, default=None)
    a = p.parse_args(argv)
    import torch
    from advspade.demo import run_demo, md_table
    warnings.filterwarnings('ignore')
    if a.threads: torch.set_num_threads(a.threads)
    run = Path(a.run)
    for f in ('target.pth', 'spade.pth', 'results.json'):
        if not (run/f).is_file(): sys.exit(f"{run/f} not found: run `advspade_demo --out {run}` first")
    base = json.loads((run/'results.json').read_text())['config']
    base['size'] = tuple(base['size'])
    rows = []
    for s in a.settings:
        kv = parse_setting(s)
        out = run/'sweep'/'_'.join(s.split()); shutil.rmtree(out, ignore_errors=True); out.mkdir(parents=True)
        for f in ('target.pth',) if set(kv) & set(SPADE_KEYS) else ('target.pth', 'spade.pth'): shutil.copy(run/f, out/f)
        res = run_demo(out, resume=True, quiet=True, log=lambda *_: None, **{**base, **kv})
        r, crit, mk = {x['images']: x for x in res['table']}, res['criteria'], f"mIoU ({base['target']})"
        fk = next(k for k in r['SPADE'] if k.startswith('FID'))
        rows.append({'setting': s, 'SPADE mIoU': r['SPADE'][mk], 'AdvSPADE mIoU': r['AdvSPADE'][mk],
                     'mIoU / SPADE': crit['AdvSPADE mIoU / SPADE mIoU'],
                     f'SPADE {fk}': r['SPADE'][fk], f'AdvSPADE {fk}': r['AdvSPADE'][fk], 'FID / SPADE': crit[f'AdvSPADE {fk} / SPADE'],
                     'ASR θ=0.95': r['AdvSPADE']['ASR θ=0.95'],
                     'seconds': sum(res['stage_seconds'][k] for k in ('spade', 'advspade'))})
        (out/'row.json').write_text(json.dumps(rows[-1], indent=1, ensure_ascii=False) + '\n')
        print(md_table(rows[-1:]).splitlines()[-1], flush=True)
    print(); print(md_table(rows))

if __name__ == '__main__': main()
