import sys, torch, warnings; warnings.filterwarnings('ignore')
torch.set_num_threads(1)
sys.path.insert(0, 'scripts')
from build_toy_models import LONG_SPADE, load_snapshot
from advspade.networks import SPADEModel
from advspade.data import TOYSCENES, toy_batch
from advspade.demo import class_colour_error
from advspade.targets import toy_target, seg_scores
from advspade.robust import seg_judge
img, raw, inst = toy_batch(32); lbl = TOYSCENES.to_target(raw)
tn, sj = toy_target('toynet'), seg_judge()
real = seg_scores(tn, img, lbl)['mIoU']
def load(p):
    m = SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **LONG_SPADE['arch']); return load_snapshot(m, p).eval()
for p in sys.argv[1:]:
    m = load(p)
    with torch.no_grad():
        enc = m.generate(raw, inst, img=img, sample=False)
        rnd = m.generate(raw, inst, z=torch.randn(32, m.z_dim, generator=torch.Generator().manual_seed(1234)))
    a, b = class_colour_error(enc, img, raw), class_colour_error(rnd, img, raw)
    print(p.split('build/')[-1], f"colour enc {a:.2f} rnd {b:.2f} ratio {a/b:.3f} | toynet rnd/real {seg_scores(tn, rnd, lbl)['mIoU']/real:.3f} enc/real {seg_scores(tn, enc, lbl)['mIoU']/real:.3f} | judge rnd {seg_scores(sj, rnd, lbl)['mIoU']:.3f}", flush=True)
