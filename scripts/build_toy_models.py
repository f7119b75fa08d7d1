"""Rebuild the small seeded ToyScenes models shipped in `advspade/weights/`.

    python scripts/build_toy_models.py            # every model
    python scripts/build_toy_models.py toynet     # just some

One function per model; each trains from a fixed seed and writes its weights (state dict,
half precision) next to the package, plus its report in a JSON file. Run with 2 torch threads
(the project's reference machine has 2 cores); the reports record the threads and seconds.
"""
from __future__ import annotations
import argparse, json, sys
from pathlib import Path
import torch

WEIGHTS = Path(__file__).resolve().parents[1]/'advspade'/'weights'

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
# SPADE / AdvSPADE builders (06_training) go here, one function per model.

BUILDERS = {'toynet': build_toynet, 'toyunet': build_toyunet, 'toydrn': build_toydrn}

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('models', nargs='*', help=f"subset of {', '.join(BUILDERS)} (default: all)")
    p.add_argument('--threads', type=int, default=2)
    args = p.parse_args(argv)
    unknown = [m for m in args.models if m not in BUILDERS]
    if unknown: p.error(f"unknown models {unknown}; known: {', '.join(BUILDERS)}")
    torch.set_num_threads(args.threads)
    WEIGHTS.mkdir(parents=True, exist_ok=True)
    for m in args.models or BUILDERS: BUILDERS[m]()

if __name__ == '__main__': main()
