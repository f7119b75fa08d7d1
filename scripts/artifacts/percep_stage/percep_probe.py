"""Try (issue 13's picture bar): a perceptual anchor through a small feature network trained on ToyScenes for a task other
than segmentation (the issue's second honest anchor; never a target, never the FID judge). Untried until now: every
stage so far anchored in pixel space (`pyramid_l1`), and pixels cannot ask for a texture whose phase is free (a window
grid shifted by a pixel costs as much as no windows at all). Features a few layers deep are what VGG's term uses for that.

The feature network (`TexNet`): a fully convolutional net (3×3 convs, BatchNorm, ReLU; strides 1, 2, 1, 2, 1, 2) trained
on random 32×32 *patches* of real training scenes to predict their scene's 28 rendering parameters (window spacing,
tree, car and people counts, colours, light, ...). It is not SceneNet (the FID judge): another architecture, patches not
scenes, its own seeds (SEEDS['spade'] + 40000 on, where the judge trains on SEEDS['judge']), and its pooled output is
never a judge. The anchor compares its feature maps at 1/1, 1/2, 1/4 and 1/8 resolution between G's image and the
paired real scene (G paints that scene's style codes), L1, weights 1/8, 1/4, 1/2, 1 (VGG's pattern), as λ1's slot
(`SPADETrainer(vgg=...)`).

    python scripts/artifacts/percep_stage/percep_probe.py featnet OUT.pth [EPOCHS] [THREADS]
    [START=SNAPSHOT] python scripts/artifacts/percep_stage/percep_probe.py train WORKDIR FEATNET.pth [EPOCHS] [THREADS] [LAMBDA] [--resume]
    python scripts/artifacts/percep_stage/percep_eval.py OUT_PREFIX NAME=SNAPSHOT ...

The stage: `build_toy_models._long_spade` with STYLE_SPADE's recipe (refine's: lr 1e-4 TTUR, FM 10, KLD 0.05, pixel
anchor λ_rec 1 to the paired real image), started from the shipped style SPADE's last snapshot, plus this term at λ.
"""
import os, sys, json, torch
from pathlib import Path
sys.path.insert(0, 'scripts')

# The feature network, its anchor and its training moved into the library (2026-12-06): `advspade.metrics.TexNet`,
# `TexPerceptual`, `fit_tex_net` (bit-identical weights to this script's earlier copy; lesson 09).
from advspade.metrics import TexNet, TexPerceptual as Perceptual, fit_tex_net

def featnet(out, epochs=6, n=4096):
    net, report = fit_tex_net(n_train=n, epochs=epochs, progress=True)
    torch.save(net.state_dict(), out)
    Path(out).with_suffix('.json').write_text(json.dumps(report, indent=1))

def train(workdir, featnet_path, epochs=6, lam=10., resume=False):
    import build_toy_models as B, advspade.training as T
    net = TexNet(); net.load_state_dict(torch.load(featnet_path, weights_only=True))
    orig = T.spade_learner
    def learner(*a, losses=None, **kw):   # λ1's slot: this anchor instead of VGG19
        losses.vgg = lam; return orig(*a, losses=losses, vgg=Perceptual(net), **kw)
    T.spade_learner = learner
    last = os.environ.get('START') or sorted(Path('build/toyscenes_spade_style_lib/snapshots').glob('spade_epoch*.pth'))[-1]
    cfg = {**B.STYLE_SPADE, 'start': str(last), 'epochs': epochs, 'decay_epoch': epochs//2, 'seed': 13, 'workdir': Path(workdir).name, 'percep': lam}
    return B._long_spade(resume, workdir=Path(workdir), cfg=cfg)

if __name__ == '__main__':
    a = [s for s in sys.argv[1:] if not s.startswith('--')]
    if a[0] == 'featnet':
        torch.set_num_threads(int(a[3]) if len(a) > 3 else 1); featnet(a[1], int(a[2]) if len(a) > 2 else 6)
    elif a[0] == 'train':
        torch.set_num_threads(int(a[4]) if len(a) > 4 else 1)
        train(a[1], a[2], int(a[3]) if len(a) > 3 else 6, float(a[5]) if len(a) > 5 else 10., '--resume' in sys.argv)
