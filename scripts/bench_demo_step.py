"""Time the default `advspade_demo`'s work units: one AdvSPADE fine-tuning step and the generation of 64 images.

The step is `SPADETrainer.spade_step` as the demo's fine-tuning runs it (`demo.advspade_recipe` from the shipped SPADE's
checkpoint: batch 8 at 64×128, the frozen SPADE anchor, the TexNet term, toynet's attack term); the generation is
`networks.inference_copy` of the shipped SPADE on 64 validation maps (the evaluation makes 2 × 512 of them).
Three ways are timed side by side, alternating round by round:

- `once`: the step with the label convs trained; the generator resizes its 45-channel input once per size (`networks.nearest_resize`, a strided
  slice), as it does now;
- `per-SPADE`: every SPADE layer resizes it with `F.interpolate` (the code before 2026-12-07), emulated here by handing
  every block the full-size map;
- `fixed labels`: the recipe with `adv_fix_labels=True` (`demo.fix_label_convs`: every SPADE layer's shared conv held at
  the SPADE's; `DEMO`'s since 2026-12-07), where the anchor generator takes G's label features
  (`spade.follow_label_features`) instead of computing them again. (A different recipe, not the same numbers:
  `scripts/artifacts/advspade_sweep_budget/`.) `once` and `per-SPADE` train the label convs (`adv_fix_labels=False`,
  `DEMO`'s before).

`once` and `per-SPADE` give bit-identical images (checked below before timing; training images and every gradient were checked when the change was made:
`torch.equal`, the shipped SPADE, train and eval mode).

    python scripts/bench_demo_step.py [--rounds 5] [--threads 2]
"""
import argparse, tempfile, time, warnings
from contextlib import nullcontext
from unittest.mock import patch
warnings.filterwarnings('ignore')
import torch


def build(tmp):
    "The demo's AdvSPADE trainer (its recipe and starting checkpoint, ready to step), a batch, and an inference copy of the shipped SPADE with 64 maps"
    from advspade.demo import demo_config, toy_scenes, scene_dls, advspade_recipe
    from advspade.targets import TOY_SIZE, toy_gan, toy_target
    from advspade.training import spade_learner, model_state, atomic_save
    from advspade.data import plain, toy_batch
    from advspade.networks import inference_copy
    cfg, spade = demo_config(adv_fix_labels=False), toy_gan('spade')   # label convs trained: `fixed labels` below holds them
    atomic_save(model_state(spade), f'{tmp}/spade.pth')   # as `run_demo` hands the shipped SPADE to the fine-tuning
    model, kw = advspade_recipe(cfg, spade)
    kw.pop('seed')   # `stage_gan` seeds before training; timing needs no seed
    learn = spade_learner(scene_dls(toy_scenes(16, 8, progress=False), TOY_SIZE, cfg['bs'], 0, None), model,
                          target=toy_target(cfg['target']), pretrained=f'{tmp}/spade.pth', **kw)
    cb = learn.spade_trainer; cb.setup()
    img, raw, inst = toy_batch(64, TOY_SIZE)
    z = torch.randn(64, spade.z_dim, generator=torch.Generator().manual_seed(0))
    codes = spade.netG.sample_codes(64, torch.Generator().manual_seed(1))
    gen = inference_copy(spade)
    return cb, plain(*next(iter(learn.dls.train))), lambda: gen.generate(raw, inst, z=z, codes=codes)


def per_spade():
    "The old path: every block gets the full-size map, every SPADE layer resizes it with `F.interpolate`"
    import advspade.networks as N
    return patch.object(N, 'nearest_resize', lambda x, size: x)


class fixed_labels:
    "The `adv_fix_labels` recipe on `cb`'s trainer: G's shared convs back at the anchor's (the SPADE's) weights and not trained"
    def __init__(self, cb): self.cb, self.ps = cb, [(p, q) for (n, p), (_, q) in zip(cb.net.netG.named_parameters(), cb.anchor.named_parameters()) if '.mlp_shared.' in n]
    def __enter__(self):
        self.trained = [p.detach().clone() for p, _ in self.ps]
        with torch.no_grad():
            for p, q in self.ps: p.copy_(q); p.requires_grad_(False)
    def __exit__(self, *exc):   # G's own shared convs back, so the other ways' anchors compute theirs as in `DEMO`'s run
        with torch.no_grad():
            for (p, _), w in zip(self.ps, self.trained): p.copy_(w); p.requires_grad_(True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    cb, batch, generate = build(tempfile.mkdtemp())
    with torch.no_grad():
        x = generate()
        with per_spade(): assert torch.equal(x, generate()), 'the two paths must give the same images'
    ways = {'once': nullcontext(), 'per-SPADE': per_spade(), 'fixed labels': fixed_labels(cb)}
    for w in ways.values():   # warm-up, untimed
        with w: cb.spade_step(*batch)
    t = {k: {'step': [], 'generate 64': []} for k in ways}
    for r in range(a.rounds):
        for k, w in ways.items():
            with w:
                s = time.perf_counter(); cb.spade_step(*batch); t[k]['step'].append(time.perf_counter() - s)
                with torch.no_grad(): s = time.perf_counter(); generate(); t[k]['generate 64'].append(time.perf_counter() - s)
        print(f'round {r + 1}/{a.rounds}', flush=True)
    med = lambda v: sorted(v)[len(v)//2]
    print(f"\nthe default demo's work units, {a.threads} torch threads, median of {a.rounds} alternating rounds (s)")
    print(f"{'':14}" + ''.join(f'{k:>14}' for k in ways) + f"{'once/per-SPADE':>16}{'fixed/once':>12}")
    for unit in ('step', 'generate 64'):
        m = {k: med(t[k][unit]) for k in ways}
        print(f"{unit:14}" + ''.join(f'{v:>14.3f}' for v in m.values()) + f"{m['once']/m['per-SPADE']:>16.2f}{m['fixed labels']/m['once']:>12.2f}")


if __name__ == '__main__': main()
