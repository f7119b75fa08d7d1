"""Targeted AdvSPADE on ToyScenes: every car read as road (issue 17's check).

Fine-tunes AdvSPADE from the shipped SPADE (G, E, D) against the shipped toynet with `target_map={car: road}`
(`losses.retarget`), with the demo's own stage and recipe (`DEMO`: epochs, lr, TTUR, λ_rec) and λ3 from the command
line, then measures on the 32 fixed validation scenes: the fraction of car pixels toynet reads as road (`demo.flip_rate`)
for SPADE, the shipped (untargeted) AdvSPADE and the targeted one, and the semantic judge's mIoU of each.

    python scripts/targeted_toy.py OUT_DIR [--atk 900] [--threads 1]   # λ3 900 = 3 × DEMO's λ_rec: see scripts/artifacts/targeted
"""
import argparse, json, tempfile, time
from pathlib import Path
import torch

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out'); p.add_argument('--atk', type=float, default=900.); p.add_argument('--threads', type=int, default=1)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    from advspade.demo import DEMO, toy_gan, toy_scenes, stage_advspade, flip_rate, generate_images
    from advspade.targets import seg_scores
    from advspade.data import toy_batches
    from advspade.training import model_state, atomic_save
    from advspade.targets import toy_target
    from advspade.robust import seg_judge
    from advspade.data import TOYSCENES
    out, c, t0 = Path(a.out), DEMO, time.time(); out.mkdir(parents=True, exist_ok=True)
    car, road = TOYSCENES.target_names.index('car'), TOYSCENES.target_names.index('road')
    spade = toy_gan('spade'); atomic_save(model_state(spade), out/'spade.pth')
    scenes = toy_scenes(c['n_train'], c['n_val'], c['size'], c['seed'], progress=False)
    tgt = stage_advspade({**c, 'atk': a.atk}, scenes, out, toy_target('toynet'), spade, out/'spade.pth', name='targeted',
                         bs=c['bs'], size=c['size'], progress=False, target_map={car: road})
    b = toy_batches(32, c['size'], 32); lbl = TOYSCENES.to_target(b[0][1])
    tn, sj, rows = toy_target('toynet'), seg_judge(), {}
    for name, m in (('SPADE', spade), ('AdvSPADE (untargeted, shipped)', toy_gan('advspade')), ('AdvSPADE (targeted car→road)', tgt)):
        x = generate_images(m, b, c['z_seed'], progress=False)
        rows[name] = dict(car_as_road=flip_rate(tn, x, lbl, car, road), car_as_car=flip_rate(tn, x, lbl, car, car),
                          miou_toynet=seg_scores(tn, x, lbl)['mIoU'], miou_judge=seg_scores(sj, x, lbl)['mIoU'])
    res = dict(rows=rows, judge_ratio=rows['AdvSPADE (targeted car→road)']['miou_judge']/rows['SPADE']['miou_judge'],
               atk=a.atk, recipe={k: c[k] for k in ('adv_epochs', 'adv_lr', 'adv_ttur', 'adv_rec', 'adv_anchor', 'adv_levels', 'adv_fm', 'tex', 'n_train', 'seed')},
               seconds=round(time.time() - t0), threads=a.threads)
    (out/'targeted.json').write_text(json.dumps(res, indent=1, ensure_ascii=False) + '\n')
    print(json.dumps(res, indent=1, ensure_ascii=False))

if __name__ == '__main__': main()
