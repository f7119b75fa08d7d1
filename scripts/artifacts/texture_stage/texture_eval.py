"""Score SPADE snapshots for the picture bar on the 32 validation scenes (z seed 1234): toynet SPADE/real mIoU, the
fine-detail energy (mean |Laplacian|, 3×3) of the images over that of the real scenes, the SceneNet KID on 512
scenes against the 5×5-blur bar, and a figure (label, real, each snapshot) for a person to look at.
`python scripts/artifacts/texture_stage/texture_eval.py OUT.png NAME=SNAPSHOT ...`"""
import sys, torch, torch.nn.functional as F, warnings; warnings.filterwarnings('ignore')
torch.set_num_threads(2)
sys.path.insert(0, 'scripts')
import build_toy_models as B
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.data import TOYSCENES, toy_batch
from advspade.networks import SPADEModel
from advspade.targets import toy_target, seg_scores
from advspade.demo import story_sets, story_scores
def load(p):
    noise = any('noise_' in k for k in torch.load(p, weights_only=True))   # a snapshot with noise inputs
    return B.load_snapshot(SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **{**B.LONG_SPADE['arch'], 'noise': noise}), p).eval()
def lap(x):
    k = torch.tensor([[0., 1, 0], [1, -4, 1], [0, 1, 0]]).expand(3, 1, 3, 3)
    return F.conv2d(x, k, groups=3).abs().mean().item()
out, specs = sys.argv[1], [a.split('=', 1) for a in sys.argv[2:]]
img, raw, inst = toy_batch(32); lbl = TOYSCENES.to_target(raw); tn = toy_target('toynet')
real = seg_scores(tn, img, lbl)['mIoU']
models = {k: load(p) for k, p in specs}
ims = {}
with torch.no_grad():
    z = torch.randn(32, 64, generator=torch.Generator().manual_seed(1234))
    for k, m in models.items():
        torch.manual_seed(0)   # the noise inputs, where a generator has them
        x = m.generate(raw, inst, z=z); ims[k] = x
        print(f"{k}: toynet {seg_scores(tn, x, lbl)['mIoU']/real:.3f} of real | detail {lap(x)/lap(img):.3f} of real", flush=True)
sets, r = story_sets(models, n=512)
df = story_scores(sets, r, tn)
print(df.round(3).to_string(), flush=True)
rows = [0, 1, 2, 3]
fig, axs = plt.subplots(len(rows), 2 + len(ims), figsize=(3.2*(2 + len(ims)), 1.8*len(rows)))
for i, j in enumerate(rows):
    panels = [(TOYSCENES.colorize(lbl[j]), 'label map'), (img[j], 'real')] + [(ims[k][j], k) for k in ims]
    for ax, (p, t) in zip(axs[i], panels):
        ax.imshow(p if not torch.is_tensor(p) or p.ndim == 2 else ((p.permute(1, 2, 0) + 1)/2).clamp(0, 1).numpy()); ax.set_title(t, fontsize=8); ax.axis('off')
plt.tight_layout(); fig.savefig(out, dpi=110)
