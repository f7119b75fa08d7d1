"""Rebuild the small seeded ToyScenes models shipped in `advspade/weights/`.

    python scripts/build_toy_models.py            # every model
    python scripts/build_toy_models.py toynet     # just some
    python scripts/build_toy_models.py toyscenes_advspade --weights /tmp/try   # into a scratch folder first
    nohup python scripts/build_toy_models.py --long-spade --threads 1 > build/toyscenes_spade/log.txt &   # hours
    python scripts/build_toy_models.py --long-spade --resume --threads 1     # continue it from its last intact epoch
    nohup python scripts/build_toy_models.py --polish --threads 1 > build/polish.log &   # stage 2 (pixel anchor), ~25 min
    nohup python scripts/build_toy_models.py --stage refine --threads 1 > build/refine.log &    # stage 3 (λ_rec 1), ~11 min
    nohup python scripts/build_toy_models.py --stage refine2 --threads 1 > build/refine2.log &  # stage 4 (λ_rec 0.3), ~9 min
    nohup python scripts/build_toy_models.py --stage style --threads 1 > build/style_lib.log &  # stage 5 (per-region style codes), ~20 min
    python scripts/build_toy_models.py toytexnet --threads 1                                  # the perceptual anchor's TexNet, ~8 min
    nohup python scripts/build_toy_models.py --stage percep --threads 1 > build/percep.log &  # stage 6 (TexNet anchor, λ 10), ~11 min
    nohup python scripts/build_toy_models.py --stage percep30 --threads 1 > build/percep30.log &  # stage 7 (λ 30), ~13 min
    nohup python scripts/build_toy_models.py --stage mark --threads 2 > build/mark.log &  # stage 8 (region-relative inputs, marking term), ~21 min
    nohup python scripts/build_toy_models.py --stage mark2 --threads 2 > build/mark2.log &  # stage 9 (the marking term phase-free), ~20-58 min
    python scripts/build_toy_models.py toyscenes_spade toyscenes_advspade   # ship the end of SHIPPED_STAGES, fine-tune AdvSPADE

The long SPADE build (`LONG_SPADE`: ngf 16, nhidden 64, encoder + KLD, SPADE's TTUR with linear decay from half
way, 64 steps an epoch on 512 *fresh* scenes from `SEEDS['spade']`) writes epoch checkpoints to
build/toyscenes_spade/ckpt/, generator+encoder snapshots every 5 epochs to build/toyscenes_spade/snapshots/
and one log line an epoch. The later stages (`STAGES`: polish, refine, refine2) each start from the previous
stage's last generator + encoder snapshot with a fresh discriminator and fresh scenes, and lower the weight of the
offline pixel anchor (λ_rec 3 → 1 → 0.3): the anchor removes the first stage's checkerboard, and weakening it again
lets the discriminator's feature matching bring back texture. The shipped SPADE is the end of `SHIPPED_STAGES`
(long, polish, refine, refine2, style, percep, percep30, mark, mark2, windowm: see the comment at `BUILD_MINUTES`); the style stage gives the
generator a per-region style code (each class region's mean colour, SEAN-like) beside the label map; the percep stages
add a perceptual anchor in λ1's slot through TexNet (`toytexnet`: a ToyScenes feature network trained to predict
rendering parameters from patches; the offline stand-in for VGG19, not a judge); the mark stages add region-relative inputs and the
marking term (`Losses.mark`: L1, then phase-free, to the paired real image on its road markings). The colour and texture stages are
recorded tries.

One function per model; each trains from a fixed seed and writes its weights (state dict,
half precision) next to the package, plus its report in a JSON file. Run with 2 torch threads
(the project's reference machine has 2 cores); the reports record the threads and seconds.
"""
from __future__ import annotations
import argparse, json, sys
from pathlib import Path
import torch

SHIPPED = Path(__file__).resolve().parents[1]/'advspade'/'weights'
WEIGHTS = SHIPPED   # where builds go: `--weights` changes it

def save_state(net:torch.nn.Module, name:str, parts:tuple|None=None):
    "State dict in float16 (floating tensors only): the shipped files stay small; `parts`: only those submodules' keys"
    sd = {k: (v.half() if v.is_floating_point() else v) for k, v in net.state_dict().items() if parts is None or k.split('.')[0] in parts}
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
def _gan_report(models:dict, kind:str, seconds:float, cpu:float, load:float, cfg:dict) -> dict:
    "What a shipped generator measures on the fixed validation scenes (`demo.story_scores`: 32 for mIoU, 512 for FID/KID)"
    import os
    from advspade.demo import TOY_GAN, TRANSFER, story_sets, story_scores, story_ratios
    from advspade.targets import seg_scores
    from advspade.data import TOYSCENES
    from advspade.targets import toy_target
    sets, raw = story_sets(models)
    df = story_scores(sets, raw)
    name = 'SPADE' if kind == 'spade' else 'AdvSPADE'
    r, real, bar, lbl = df.loc[name], df.loc['real'], df.loc['real, other scenes, 5×5 blur (bar)'], TOYSCENES.to_target(raw[:32])
    s = seg_scores(toy_target('toynet'), sets[name][:32], lbl); miou, asr = s['mIoU'], s['ASR']
    rep = dict(kind=kind, arch=TOY_GAN, miou_toynet=round(miou, 4), miou_real_toynet=round(float(real['mIoU toynet']), 4), asr=round(asr, 4),
               miou_judge=round(float(r['mIoU judge']), 4), miou_real_judge=round(float(real['mIoU judge']), 4),
               fid_scenenet=round(float(r['FID (SceneNet)']), 3), fid_scenenet_uint8=round(float(df.loc[f'{name} (uint8)', 'FID (SceneNet)']), 3),
               kid_scenenet=round(float(r['KID (SceneNet)']), 4), kid_std=round(float(r['KID std']), 4),
               blur_bar_fid=round(float(bar['FID (SceneNet)']), 3), blur_bar_kid=round(float(bar['KID (SceneNet)']), 4),
               **{f'miou_{a}': round(seg_scores(toy_target(a), sets[name][:32], lbl)['mIoU'], 4) for a in TRANSFER},
               seconds=round(seconds, 1), cpu_seconds=round(cpu, 1), load_avg=[round(load, 1), round(os.getloadavg()[0], 1)],
               threads=torch.get_num_threads(), params_G=sum(p.numel() for p in models[name].netG.parameters()), config=cfg,
               measured_by='demo.story_scores(*demo.story_sets(...)): 32 fixed validation scenes (mIoU), 512 (FID/KID, SceneNet)')
    if kind == 'advspade': rep['ratios'] = {k: round(float(v), 4) for k, v in story_ratios(df).items()}
    return rep

def _save_gan(m, kind:str, report:dict):
    from advspade.targets import GAN_FILES, GAN_PARTS
    f = save_state(m, GAN_FILES[kind][:-4], GAN_PARTS[kind])
    report['file_kb'] = round(f.stat().st_size/1024)
    update_report(WEIGHTS/'toy_gans.json', kind, report)
    print(f"{kind}: toynet mIoU {report['miou_toynet']:.3f} (real {report['miou_real_toynet']:.3f}), judge {report['miou_judge']:.3f}, "
          f"SceneNet FID {report['fid_scenenet']:.2f} KID {report['kid_scenenet']:.3f} (blurred-real bar {report['blur_bar_kid']:.3f}), "
          f"{report['seconds']:.0f} s ({report['threads']} threads), {report['file_kb']} KB")

def build_toyscenes_spade():
    "The shipped SPADE: the last checkpoint of the build's last stage (G, E and D, so fine-tuning starts from a trained D)"
    import os, time
    from advspade.demo import toy_gan_model
    from advspade.training import load_pretrained, checkpoints
    last = STAGES[SHIPPED_STAGES[-1]]
    ck = checkpoints(SHIPPED.parents[1]/'build'/last['workdir']/'ckpt')
    if not ck or not ck[-1].name.endswith(f"{last['epochs'] - 1:03d}.pth"):
        sys.exit(f"the shipped SPADE is the end of the SPADE build: run --stage for {', '.join(SHIPPED_STAGES)}, in order, to the end first")
    t0, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    m = load_pretrained(toy_gan_model(), ck[-1]).eval()
    def stage_cfg(k):   # what the stage recorded when it ran (its config.json), else its settings here
        f = SHIPPED.parents[1]/'build'/STAGES[k]['workdir']/'config.json'
        return json.loads(f.read_text()) if f.is_file() else dict(STAGES[k])
    stages = {k: stage_cfg(k) for k in SHIPPED_STAGES}
    report = _gan_report({'SPADE': m}, 'spade', time.perf_counter() - t0, time.process_time() - cpu, load,
                         dict(stages=stages, checkpoint=f"{last['workdir']}/ckpt/{ck[-1].name}", build_minutes=BUILD_MINUTES))
    _save_gan(m, 'spade', report)
    return m, report

# The shipped AdvSPADE's recipe: `DEMO`'s before 2026-12-07's evening, when the demo began to hold the SPADE layers' label
# convs fixed with the TexNet anchor at 150 (`scripts/artifacts/advspade_sweep_budget/`); the shipped file keeps this one.
SHIPPED_ADVSPADE = dict(adv_fix_labels=False, tex=60.)

def build_toyscenes_advspade():
    "AdvSPADE as `advspade_demo` fine-tuned it (DEMO's recipe with `SHIPPED_ADVSPADE`, seed 0) from the shipped SPADE against the shipped toynet"
    import os, tempfile, time
    from advspade.demo import DEMO, toy_gan_model, toy_scenes, stage_advspade, GAN_FILES
    from advspade.targets import toy_target
    from advspade.training import model_state, atomic_save
    spade_file = next((f for f in (WEIGHTS/GAN_FILES['spade'], SHIPPED/GAN_FILES['spade']) if f.is_file()), None)
    if spade_file is None: sys.exit("build toyscenes_spade first: AdvSPADE is fine-tuned from it")
    t0, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        spade = _load_half(toy_gan_model(), spade_file)
        atomic_save(model_state(spade), Path(d)/'spade.pth')
        c = {**DEMO, **SHIPPED_ADVSPADE}
        scenes = toy_scenes(c['n_train'], c['n_val'], c['size'], c['seed'], progress=False)
        adv = stage_advspade(c, scenes, d, toy_target(c['target']), spade, Path(d)/'spade.pth', bs=c['bs'], size=c['size'], progress=False)
    secs, cpu = time.perf_counter() - t0, time.process_time() - cpu
    report = _gan_report({'SPADE': spade.eval(), 'AdvSPADE': adv.eval()}, 'advspade', secs, cpu, load,
                         {k: c[k] for k in ('n_train', 'bs', 'seed', 'adv_epochs', 'adv_lr', 'adv_ttur', 'atk', 'adv_fm', 'adv_rec', 'adv_anchor', 'adv_levels', 'adv_fix_labels', 'tex', 'kld', 'z_seed')})
    _save_gan(adv, 'advspade', report)
    return adv, report

def _load_half(m, path:Path):
    "Load a shipped float16 `SPADEModel` state dict (G, E, D) into m, in float32"
    sd = torch.load(path, map_location='cpu', weights_only=True)
    m.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()})
    return m

# ---- The long SPADE build (hours of CPU, resumable) ------------------------------------------
# Seed ranges of ToyScenes: validation scenes are seeds >= 100_000 (the 32 fixed ones are 100_000..100_031);
# nothing that trains or tunes ever draws from there.
from advspade.data import SEEDS
SPADE_SEEDS = SEEDS['spade']       # the long SPADE build draws fresh training scenes from here
LONG_SPADE = dict(arch=dict(ngf=16, nhidden=64, ndf=16, num_D=1, use_vae=True, z_dim=64, num_upsampling_layers='less'),
                  size=(64, 128), epochs=90, steps_per_epoch=64, bs=8, lr=4e-4, ttur=True, decay_epoch=45,
                  fm=10., kld=0.05, seed=0, snapshot_every=5, n_check=8)
# Stage 2 of the shipped SPADE: from the long build's epoch-80 generator + encoder, a fresh discriminator and the
# offline pixel anchor (`losses.pyramid_l1`, λ_rec; not in the paper), which removes the checkerboard the first stage
# leaves; fresh scenes again (this D never sees one twice).
POLISH_SPADE = {**LONG_SPADE, 'start': 'scripts/artifacts/long_spade/spade_epoch080.pth', 'epochs': 14, 'lr': 2e-4,
                'decay_epoch': 7, 'rec': 3., 'seed': 1, 'workdir': 'toyscenes_spade_polish'}
LONG_SPADE['workdir'] = 'toyscenes_spade'
# Stage 3 (a try, 2026-12-05): from the polish's last generator + encoder, a weaker anchor (λ_rec 1) and a lower learning
# rate, so the discriminator's feature matching can bring back the grain the anchor averaged away.
REFINE_SPADE = {**POLISH_SPADE, 'start': 'build/toyscenes_spade_polish/snapshots/spade_epoch014.pth', 'epochs': 8, 'lr': 1e-4,
                'decay_epoch': 4, 'rec': 1., 'seed': 2, 'snapshot_every': 2, 'workdir': 'toyscenes_spade_refine'}
# Stage 4 (a try): the same direction once more, λ_rec 0.3, from stage 3's end.
REFINE2_SPADE = {**REFINE_SPADE, 'start': 'build/toyscenes_spade_refine/snapshots/spade_epoch008.pth', 'epochs': 6,
                 'decay_epoch': 3, 'rec': 0.3, 'seed': 3, 'workdir': 'toyscenes_spade_refine2'}
# Stage 5 (a try, 2026-12-05, for the multi-modal colour bar): the encoder's z carried little of a scene's colours
# (colour error with z = E(style) 0.73× that of random z at refine2); a 5× weaker KLD lets z carry more.
COLOUR_SPADE = {**REFINE2_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth', 'kld': 0.01,
                'seed': 4, 'workdir': 'toyscenes_spade_colour'}
# Stage 6 (2026-12-05, fourth session; for the picture bar; not shipped yet): texture. Inside a region of one label SPADE
# has nothing to paint grain from, and a fresh discriminator learns grain too slowly to ask for it (the tries in
# scripts/artifacts/texture_stage/README.md). So: noise inputs in every block (zero at first: refine2 unchanged), the
# first 3 epochs train D alone (at lr_D 4e-4), feature matching down to λ0 1, and the pixel anchor only at 1/4–1/16 and
# to refine2's *own* image (anchor 'start': the starting generator, same map and z), so layout and colours stay while
# the fine levels are the GAN's; 18 epochs, decay from 10. Seed 9: of seeds 8 and 9 (SceneNet KID at the end 0.088 and
# 0.031; refine2 0.130), the one the realism judge and the picture prefer (texture_stage/README.md, section 5).
# Not shipped: AdvSPADE fine-tuned from it repaints its grain as leaf-like speckle and misses the FID bar (best 2.4x SPADE's
# of the tried recipes; scripts/artifacts/advspade_sweep_texture/README.md).
TEXTURE_SPADE = {**REFINE2_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth',
                 'arch': {**LONG_SPADE['arch'], 'noise': True}, 'epochs': 18, 'decay_epoch': 10, 'lr_D': 4e-4,
                 'd_only_epochs': 3, 'fm': 1., 'rec': 10., 'rec_levels': (0., 0., 1., 1., 1.), 'anchor': 'start',
                 'seed': 9, 'snapshot_every': 1, 'workdir': 'toyscenes_spade_texture'}
# Stage 7 (2026-12-05, sixth session; for issue 17's multi-modal colour bar; shipped): per-region style codes
# (`SPADEModel(style=True)`, SEAN-like: each class region's mean colour in a style map beside the label map). From
# refine2's last snapshot (the style weights start at zero: the same images), refine's recipe for 8 epochs, seed 11,
# the codes' prior fitted first on 2048 training scenes (`STYLE_PRIOR_SEEDS`). The probe of the same
# (scripts/artifacts/style_stage/README.md) gave a colour error with the style's codes 0.40x that of random codes (bar 0.5).
# Shipped since 2026-12-05 (seventh session): this stage's run through the library (scripts/artifacts/style_stage/
# style_lib.py, 19.6 min on one thread) is the end of SHIPPED_STAGES; its AdvSPADE is DEMO's recipe (λ3 28, λ_rec 300).
STYLE_SPADE = {**REFINE_SPADE, 'start': 'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth',
               'arch': {**LONG_SPADE['arch'], 'style': True}, 'epochs': 8, 'decay_epoch': 4, 'seed': 11, 'workdir': 'toyscenes_spade_style_lib'}
STYLE_PRIOR_SEEDS = (30_000, 2048)   # the prior's scenes: SPADE_SEEDS[0] + 30000 on, far from the stages' fresh scenes
# Stages 8 and 9 (2026-12-05, seventh session; for the picture bar; shipped since 2026-12-06): the perceptual anchor. Pixels
# cannot ask for a texture whose phase is free; features can. TexNet (`metrics.fit_tex_net`, `toytexnet.pth`: rendering
# parameters from 32×32 patches; not a judge) in λ1's slot (`tex`: L1 between its feature maps of G's image and of the
# paired real scene), on top of the style stage's recipe: λ 10 for 6 epochs from the style SPADE, then λ 30 for 6 more.
# Measured (scripts/artifacts/percep_stage/README.md): toynet SPADE/real 0.833 → 0.891 → 0.917, SceneNet KID 0.142 → 0.054
# → 0.028; sharper edges, leafy trees, grass verges, window-like grids on some façades; still no road markings.
# The recorded runs were made by percep_probe.py, this recipe with the anchor patched into the learner (same code path).
PERCEP_SPADE = {**STYLE_SPADE, 'start': 'build/toyscenes_spade_style_lib/snapshots/spade_epoch008.pth', 'epochs': 6, 'decay_epoch': 3,
                'seed': 13, 'tex': 10., 'workdir': 'toyscenes_spade_percep'}
PERCEP30_SPADE = {**PERCEP_SPADE, 'start': 'build/toyscenes_spade_percep/snapshots/spade_epoch006.pth', 'tex': 30., 'workdir': 'toyscenes_spade_percep30'}
# The road's markings (2026-12-06): a TexNet-anchored SPADE draws no road markings (dash contrast −0.01; real 0.63).
# `Losses.mark` (`losses.marking_l1`: L1 to the paired real image on its painted markings, found as road pixels 4 robust σ
# brighter than the road's median, plus on the road beside them), weight 300 (= the probe's 10 inside the λ 30 anchor),
# with region-relative generator inputs (`networks.region_relative`, `SPADEModel(relpos=True)`; zero-started), 12 epochs
# from the shipped SPADE, then 12 more. Measured with the probe that preceded it (scripts/artifacts/dense_stage/README.md,
# markrel10 and markaad2): a white centre line on three of four validation maps, dash contrast 0.26 after 12 epochs and
# 0.36 after 24, toynet SPADE/real 0.91-0.86, SceneNet KID 0.06-0.07; dashes (the gaps) are not drawn.
# (Stage mark here: 12 epochs, the L1 form.)
MARK_SPADE = {**PERCEP30_SPADE, 'arch': {**PERCEP30_SPADE['arch'], 'relpos': True}, 'start': 'build/toyscenes_spade_percep30/snapshots/spade_epoch006.pth',
              'epochs': 12, 'decay_epoch': 6, 'seed': 17, 'mark': 300., 'workdir': 'toyscenes_spade_mark'}
# Then 12 epochs with the phase-free variant (`marking_l1(phase_free=True)`: the markings and the gaps between them as
# sorted values): the pixel-by-pixel L1 asks for a solid line (the average of dash and gap where the generator cannot
# place the dashes); the probe (marksort, 12 epochs of it after markaad2) broke the line into segments (band spread 0.26,
# real 0.31, markaad2 0.11) with toynet 0.925 and KID 0.047 (markaad2: 0.858, 0.056).
# Built 2026-12-06 (mark: 20.7 min on two threads; mark2: 57.7 min on two threads beside other jobs): mark2 toynet
# SPADE/real 0.931, SceneNet KID 0.054, band spread 0.258 (real 0.313): a broken centre line (dense_stage/README.md).
MARK2_SPADE = {**MARK_SPADE, 'start': 'build/toyscenes_spade_mark/snapshots/spade_epoch012.pth', 'marking': {'phase_free': True},
               'workdir': 'toyscenes_spade_mark2'}
# The façades' windows (2026-12-06/07; scripts/artifacts/window_stage/README.md): the shipped SPADE smears them. Fourier
# inputs of the distance from the regions' edges (`networks.fourier_features`, `SPADEModel(fourier=True)`; zero-started)
# and the best-shift correlation term (`Losses.window`, `losses.window_corr`) at 50, 12 epochs from mark2 (probe foursc:
# a plaid of light cells between dark lines on every façade, toynet SPADE/real 0.913, KID 0.065), then 12 more with the
# sorted-value term too (`Losses.window_sorted` 6; probe scsort: a window grid, 0.876, KID 0.052). The probes patched the
# same computations into the library (the same images and values, checked); their runs are the records until these
# stages are built.
WINDOW_SPADE = {**MARK2_SPADE, 'arch': {**MARK2_SPADE['arch'], 'fourier': True}, 'start': 'build/toyscenes_spade_mark2/snapshots/spade_epoch012.pth',
                'seed': 19, 'window': 50., 'workdir': 'toyscenes_spade_window'}
WINDOW2_SPADE = {**WINDOW_SPADE, 'start': 'build/toyscenes_spade_window/snapshots/spade_epoch012.pth', 'window_sorted': 6., 'workdir': 'toyscenes_spade_window2'}
# A try (2026-12-07): the Fourier inputs on the façades' pixels only (`SPADEModel(fourier_on=('building',))`; in foursc's
# and scsort's images the plaid also covers roads and verges, and AdvSPADE from scsort turns it up), both façade terms
# from the start, one 12-epoch stage from mark2.
WINDOWM_SPADE = {**WINDOW_SPADE, 'arch': {**WINDOW_SPADE['arch'], 'fourier_on': ('building',)}, 'window_sorted': 6., 'workdir': 'toyscenes_spade_windowm'}
STAGES = {'long': LONG_SPADE, 'polish': POLISH_SPADE, 'refine': REFINE_SPADE, 'refine2': REFINE2_SPADE, 'colour': COLOUR_SPADE,
          'texture': TEXTURE_SPADE, 'style': STYLE_SPADE, 'percep': PERCEP_SPADE, 'percep30': PERCEP30_SPADE,
          'mark': MARK_SPADE, 'mark2': MARK2_SPADE, 'window': WINDOW_SPADE, 'window2': WINDOW2_SPADE, 'windowm': WINDOWM_SPADE}
SHIPPED_STAGES = ['long', 'polish', 'refine', 'refine2', 'style', 'percep', 'percep30', 'mark', 'mark2', 'windowm']   # the shipped SPADE is the end of these, in order (colour, texture, window, window2: tries); windowm shipped 2026-12-07
BUILD_MINUTES = dict(long=115.5, polish=21.0, refine=10.9, refine2=8.7, colour=8.2, texture=19.9, style=19.6, percep=10.5, percep30=13.1, mark=20.7, mark2=57.7, windowm=39.4)   # wall minutes on one thread (their first logs; texture, mark, mark2, windowm: two threads; mark2 beside other jobs)
# Shipped since 2026-12-05 (second session): refine and refine2 were rebuilt from the shipped polish SPADE's G + E
# (the polish snapshot = the shipped file without D) on one thread beside other jobs: 19.4 and 10.3 minutes.
# The refine stages (2026-12-05), measured with scripts/artifacts/long_spade/eval_snapshot.py at each stage's end
# (toynet SPADE/real on the 32 validation scenes; SceneNet KID on 512): polish 0.784 / 0.158, refine 0.799 / 0.145,
# refine2 0.812 / 0.135. AdvSPADE fine-tuned from refine2 with the anchor to the real image (scripts/artifacts/
# advspade_sweep_refine2) could not meet toynet ≤ 0.25 and judge ≥ 0.8 together; with the anchor to the SPADE's own
# image at the coarse levels (`demo.stage_advspade`, scripts/artifacts/advspade_sweep_lowpass) it can: refine2 shipped.
# The colour stage (KLD 0.01) left the encoder's colour transfer where it was (class colour error with z = E(style) 0.67×
# that of random z; refine2 0.65×; bar 0.5×): see scripts/artifacts/advspade_sweep_anchor/README.md.

def fresh_dls(epoch:int, n:int, size:tuple, bs:int, check:list):
    "DataLoaders whose training set is `n` new ToyScenes for `epoch` (seeds SPADE_SEEDS[0] + epoch*n + i): D never sees a scene twice"
    from advspade.data import TOYSCENES, seg_dls, toy_scene
    s0 = SPADE_SEEDS[0] + epoch*n
    if s0 + n > SPADE_SEEDS[1] - len(check): raise RuntimeError(f"epoch {epoch} would use seeds up to {s0 + n}: outside {SPADE_SEEDS}")
    return seg_dls([toy_scene(s0 + i, size) for i in range(n)], check, TOYSCENES, size=size, bs=bs, seed=epoch)

def load_snapshot(m, path:Path):
    "Load a float16 generator + encoder snapshot (no discriminator) into the `SPADEModel` m (a snapshot without noise inputs into one with: zero scales; without style or region-relative inputs into one with: zero weights)"
    from advspade.networks import add_style_inputs, add_rel_inputs
    sd = torch.load(path, map_location='cpu', weights_only=True)
    for add, on in ((add_style_inputs, getattr(m.netG, 'style_classes', 0) and 'netG.style_mean' not in sd), (add_rel_inputs, getattr(m.netG, 'relpos_classes', 0) or getattr(m.netG, 'fourier_classes', 0))):
        if not on: continue
        g = add({k[5:]: v for k, v in sd.items() if k.startswith('netG.')}, m.netG)
        sd = {**{k: v for k, v in sd.items() if not k.startswith('netG.')}, **{f'netG.{k}': v for k, v in g.items()}}
    missing, unexpected = m.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in sd.items()}, strict=False)
    if unexpected or any(not (k.startswith('netD.') or k.endswith(('.noise_0', '.noise_1'))) for k in missing):
        raise RuntimeError(f"{path}: not a G+E snapshot of this architecture")
    return m

def _tex_anchor():
    "The TexNet anchor from the build's weights folder (`--weights`), else the shipped one"
    from advspade.metrics import TexNet, TexPerceptual, TEX_FILE
    f = next((f for f in (WEIGHTS/TEX_FILE, SHIPPED/TEX_FILE) if f.is_file()), None)
    if f is None: sys.exit(f"{TEX_FILE} is missing: build toytexnet first")
    return TexPerceptual(_load_half(TexNet(), f))

def fit_style_prior(g, n:int=STYLE_PRIOR_SEEDS[1], lo:int=STYLE_PRIOR_SEEDS[0], size=(64, 128)):
    "Fit a style generator's code prior to the region colours of `n` training scenes (seeds SPADE_SEEDS[0] + lo on)"
    from advspade.data import TOYSCENES, toy_batches
    from advspade.networks import region_colours
    codes, present = [], []
    for img, raw, inst in toy_batches(n, size, 256, SPADE_SEEDS[0] + lo):
        seg = TOYSCENES.gen_input(raw, inst); codes.append(region_colours(img, seg, g.style_classes)); present.append(seg[:, :g.style_classes].sum((2, 3)) > 0)
    return g.fit_style_prior(torch.cat(codes), torch.cat(present))

def _long_spade(resume:bool=False, workdir:Path|None=None, epochs:int|None=None, cfg:dict=LONG_SPADE):
    "Train the shipped ToyScenes SPADE for hours on fresh scenes (resumable with `--resume`), snapshots every few epochs"
    import time
    from fastai.callback.core import Callback
    from advspade.data import TOYSCENES, toy_scene
    from advspade.networks import SPADEModel
    from fastai.torch_core import set_seed
    from advspade.training import spade_learner, checkpoints, atomic_save
    from advspade.losses import Losses
    cfg = dict(cfg); cfg['epochs'] = epochs or cfg['epochs']
    wd = Path(workdir or SHIPPED.parents[1]/'build'/cfg['workdir']); (wd/'snapshots').mkdir(parents=True, exist_ok=True)
    h, w = cfg['size']
    set_seed(cfg['seed'])
    m = SPADEModel(TOYSCENES, crop_size=w, aspect_ratio=w/h, **cfg['arch'])
    if cfg.get('start'): load_snapshot(m, SHIPPED.parents[1]/cfg['start'])
    if cfg['arch'].get('style'): fit_style_prior(m.netG, size=cfg['size'])   # kept in G's buffers: in every checkpoint and snapshot
    extra = dict(lr_D=cfg.get('lr_D'), d_only_epochs=cfg.get('d_only_epochs', 0), rec_levels=tuple(cfg.get('rec_levels', (1., 3., 3., 3.))), marking=cfg.get('marking'))
    if cfg.get('anchor') == 'start':   # the pixel anchor's reference: the starting generator's image (same map and z), not the real one
        g0 = SPADEModel(TOYSCENES, crop_size=w, aspect_ratio=w/h, **{**cfg['arch'], 'noise': False})
        extra['anchor'] = load_snapshot(g0, SHIPPED.parents[1]/cfg['start']).netG
    if cfg.get('tex'): extra['vgg'] = _tex_anchor()   # λ1's slot: the TexNet anchor (VGG19's weights are not here)
    n = cfg['steps_per_epoch']*cfg['bs']
    check = [toy_scene(SPADE_SEEDS[1] - 1 - i, cfg['size']) for i in range(cfg['n_check'])]  # tiny validation, outside the training seeds used
    t_start = time.time()
    class Log(Callback):
        order = 90
        def before_epoch(self): self.learn.dls = fresh_dls(self.epoch, n, cfg['size'], cfg['bs'], check); self.t0 = time.time()
        def after_cancel_epoch(self): self.t0 = None   # an epoch skipped by `resume`
        def after_epoch(self):
            if getattr(self, 't0', None) is None: return
            tr = self.learn.spade_trainer; e = self.epoch
            terms = {k: sum(v[-cfg['steps_per_epoch']:])/cfg['steps_per_epoch'] for k, v in tr.history.items()}
            msg = ' '.join(f'{k} {v:.3f}' for k, v in terms.items())
            print(f"epoch {e+1}/{cfg['epochs']} {time.time()-self.t0:.0f} s (total {(time.time()-t_start)/60:.1f} min): {msg}", flush=True)
            if (e + 1) % cfg['snapshot_every'] == 0 or e + 1 == cfg['epochs']:
                sd = {k: v.half() if v.is_floating_point() else v for k, v in m.state_dict().items() if not k.startswith('netD.')}
                atomic_save(sd, wd/'snapshots'/f'spade_epoch{e+1:03d}.pth')
    learn = spade_learner(fresh_dls(0, n, cfg['size'], cfg['bs'], check), m, losses=Losses(fm=cfg['fm'], vgg=cfg.get('tex', 0.), kld=cfg['kld'], atk=0., rec=cfg.get('rec', 0.), mark=cfg.get('mark', 0.),
                                                                                       window=cfg.get('window', 0.), window_sorted=cfg.get('window_sorted', 0.)), lr=cfg['lr'], ttur=cfg['ttur'],
                          decay_epoch=cfg['decay_epoch'], ckpt_dir=wd/'ckpt', keep_last=2, cbs=[Log()], **extra)
    (wd/'config.json').write_text(json.dumps({**cfg, 'threads': torch.get_num_threads(), 'seeds': SPADE_SEEDS}, indent=1))
    with learn.no_bar(), learn.no_logging():
        if resume and checkpoints(wd/'ckpt'): learn.resume(cfg['epochs'])
        else: learn.fit(cfg['epochs'])
    return m

def build_toyjudge_scenenet():
    "The realism judges' feature network (SceneNet: rendering parameters from the image; no label map, never attacked)"
    import os, time
    from advspade.metrics import fit_scene_net, JUDGE_FILE
    t0, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    net, report = fit_scene_net(progress=True)
    f = save_state(net, JUDGE_FILE[:-4])
    report.update(seconds=round(time.perf_counter() - t0, 1), cpu_seconds=round(time.process_time() - cpu, 1),
                  load_avg=[round(load, 1), round(os.getloadavg()[0], 1)], file_kb=round(f.stat().st_size/1024))
    update_report(WEIGHTS/'toy_judges.json', 'scenenet', report)
    print(f"toyjudge_scenenet: held-out MSE {report['val_mse'][-1]:.3f} in {report['seconds']:.0f} s, {report['file_kb']} KB")
    return net, report

def build_toyjudge_seg():
    "The semantic-consistency judge (ToyJudge, PGD-trained at ε = 8; never attacked), with its bars measured"
    import os, time
    from advspade.robust import fit_seg_judge, SEG_JUDGE_FILE
    from advspade.data import toy_batch
    from advspade.targets import seg_scores
    from advspade.attacks import pgd
    from advspade.data import TOYSCENES
    from advspade.targets import toy_target
    t0, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    judge = fit_seg_judge()
    secs, cpu = time.perf_counter() - t0, time.process_time() - cpu
    f = save_state(judge.net, SEG_JUDGE_FILE[:-4])
    img, raw, inst = toy_batch(32); lbl = TOYSCENES.to_target(raw)
    def scores(net): return {k: round(v, 4) for k, v in dict(real=seg_scores(net, img, lbl)['mIoU'], pgd8=seg_scores(net, pgd(net, img, lbl, 8.), lbl)['mIoU'],
                                                             mismatched=seg_scores(net, img, lbl.roll(1, 0))['mIoU']).items()}
    report = dict(judge=scores(judge), toynet=scores(toy_target('toynet')), seconds=round(secs, 1), cpu_seconds=round(cpu, 1),
                  load_avg=[round(load, 1), round(os.getloadavg()[0], 1)], threads=torch.get_num_threads(), file_kb=round(f.stat().st_size/1024),
                  recipe=dict(n_train=1024, epochs=8, frac=0.5, n_iter=5, step=2., eps=8., lr=1e-2, seeds='SEEDS[judge]'))
    update_report(WEIGHTS/'toy_judges.json', 'seg', report)
    print(f"toyjudge_seg: {report['judge']} (toynet {report['toynet']}) in {secs:.0f} s, {report['file_kb']} KB")
    return judge, report

def build_toytexnet():
    "The SPADE build's perceptual anchor (TexNet: rendering parameters from 32×32 patches; not a judge, never attacked)"
    import os, time
    from advspade.metrics import fit_tex_net, TEX_FILE
    t0, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
    net, report = fit_tex_net(progress=True)
    f = save_state(net, TEX_FILE[:-4])
    report.update(role="the perceptual anchor of the SPADE stages percep and percep30 and of AdvSPADE's fine-tuning (λ1's slot); not a judge",
                  seconds=round(time.perf_counter() - t0, 1), cpu_seconds=round(time.process_time() - cpu, 1),
                  load_avg=[round(load, 1), round(os.getloadavg()[0], 1)], file_kb=round(f.stat().st_size/1024))
    update_report(WEIGHTS/'toy_texnet.json', 'texnet', report)
    print(f"toytexnet: held-out MSE {report['val_mse'][-1]} in {report['seconds']:.0f} s, {report['file_kb']} KB")
    return net, report

BUILDERS = {'toynet': build_toynet, 'toyunet': build_toyunet, 'toydrn': build_toydrn, 'toytexnet': build_toytexnet,
            'toyscenes_spade': build_toyscenes_spade, 'toyscenes_advspade': build_toyscenes_advspade,
            'toyjudge_scenenet': build_toyjudge_scenenet, 'toyjudge_seg': build_toyjudge_seg}

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('models', nargs='*', help=f"subset of {', '.join(BUILDERS)} (default: all)")
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--long-spade', action='store_true', help='the hours-long SPADE build (fresh scenes every epoch) into build/toyscenes_spade/')
    p.add_argument('--polish', action='store_true', help="the long SPADE build's second stage (POLISH_SPADE: pixel anchor, fresh D) into build/toyscenes_spade_polish/")
    p.add_argument('--stage', choices=list(STAGES), default=None, help='one stage of the SPADE build by name (--long-spade, --polish and --refine are stages long, polish and refine)')
    p.add_argument('--refine', action='store_true', help="a third stage after --polish (REFINE_SPADE: weaker anchor) into build/toyscenes_spade_refine/")
    p.add_argument('--resume', action='store_true', help='continue the long SPADE build (or its --polish/--refine stage) from its last intact checkpoint')
    p.add_argument('--epochs', type=int, default=None, help='epochs of the long SPADE build (default: LONG_SPADE)')
    p.add_argument('--weights', default=None, help='folder to write to (default: the shipped advspade/weights/); '
                   'AdvSPADE starts from the SPADE there, else the shipped one')
    args = p.parse_args(argv)
    global WEIGHTS
    if args.weights: WEIGHTS = Path(args.weights)
    unknown = [m for m in args.models if m not in BUILDERS]
    if unknown: p.error(f"unknown models {unknown}; known: {', '.join(BUILDERS)}")
    torch.set_num_threads(args.threads)
    WEIGHTS.mkdir(parents=True, exist_ok=True)
    if args.stage: return _long_spade(args.resume, epochs=args.epochs, cfg=STAGES[args.stage])
    if args.refine: return _long_spade(args.resume, epochs=args.epochs, cfg=REFINE_SPADE)
    if args.polish: return _long_spade(args.resume, epochs=args.epochs, cfg=POLISH_SPADE)
    if args.long_spade: return _long_spade(args.resume, epochs=args.epochs)
    for m in args.models or BUILDERS: BUILDERS[m]()

if __name__ == '__main__': main()
