"""White-box PGD against each shipped ToyScenes target: how far small L-inf perturbations move its mIoU.

    python scripts/pgd_targets.py              # 16 validation scenes, eps 2 and 8, two torch threads
    python scripts/pgd_targets.py --n 32 --eps 1 8 32

Validation scenes are `toy_scene` seeds 100 000 on at the demo's size (as in `toy_dls` and the demo).
"""
import argparse, warnings

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=16, help='validation scenes')
    p.add_argument('--eps', type=float, nargs='+', default=[2., 8.], help='L-inf bounds on the 0-255 scale')
    p.add_argument('--targets', nargs='+', default=['toynet', 'toyunet', 'toydrn'])
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args(argv)
    warnings.filterwarnings('ignore')
    import torch
    from advspade.data import TOYSCENES
    from advspade.targets import toy_target
    from advspade.attacks import pgd
    from advspade.data import toy_batch
    from advspade.targets import TOY_SIZE, seg_scores
    torch.set_num_threads(a.threads)
    x, raw, _ = toy_batch(a.n, TOY_SIZE)
    y = TOYSCENES.to_target(raw)
    print(f"| target | clean | " + ' | '.join(f'PGD ε={e:g}' for e in a.eps) + ' |')
    print('|:--|' + '--:|' * (1 + len(a.eps)))
    for name in a.targets:
        t = toy_target(name)
        mious = [seg_scores(t, z, y)['mIoU'] for z in [x] + [pgd(t, x, y, e) for e in a.eps]]
        print(f"| {name} | " + ' | '.join(f'{m:.3f}' for m in mious) + ' |', flush=True)

if __name__ == '__main__': main()
