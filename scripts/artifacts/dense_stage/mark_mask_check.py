"""How well the real image alone finds the renderer's markings: on 64 scenes of `SEEDS['tune']` (not the validation
scenes), per class region of the label map, the pixels brighter than the region's median luminance by more than t robust σ (1.4826 × MAD), against the renderer's dash
pixels (road, texture ≥ 1.7) and window pixels (façade, |texture − 1| > 0.1): precision, recall, share of the region.

    python scripts/artifacts/dense_stage/mark_mask_check.py > scripts/artifacts/dense_stage/mark_mask_check.txt
"""
import sys, torch, numpy as np
sys.path.insert(0,'scripts'); sys.path.insert(0,'scripts/artifacts/dense_stage'); torch.set_num_threads(1)
import marks as M
import dense_probe as P
from advspade.data import SEEDS
sc = [P.toy_scene(s, (64, 128)) + (np.clip(P._last['c'].tex, 0, 2),) for s in range(SEEDS['tune'][0], SEEDS['tune'][0] + 64)]
img = torch.stack([torch.as_tensor(a).permute(2, 0, 1) for a, *_ in sc]).float()/127.5 - 1
raw, tex = torch.stack([torch.as_tensor(t[1]) for t in sc]).long(), torch.stack([torch.as_tensor(t[3]) for t in sc])
from mark_probe import mark_masks   # the probe's mask (its own region: `road=` the class)
for cls, name, truth in ((2, 'road', lambda t: t >= 1.7), (1, 'facade', lambda t: (t - 1).abs() > 0.1)):
    m = (raw == cls) & torch.stack([(raw[i] == cls).sum() >= 20 for i in range(len(raw))])[:, None, None]
    for t in (2., 2.5, 3., 4.):
        sel, tr = mark_masks(img, raw, t, road=cls)[0], m & truth(tex)
        tp, fp, fn = (sel & tr).sum().item(), (sel & ~tr).sum().item(), (~sel & tr).sum().item()
        print(name, t, 'precision %.2f recall %.2f frac %.4f' % (tp/max(tp + fp, 1), tp/max(tp + fn, 1), (tp + fp)/m.sum().item()))
