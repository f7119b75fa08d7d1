"""Two image statistics no network computes, for the textures the picture bar names, on the 32 fixed validation scenes:

- dash contrast: mean luminance on the road's dashes minus that on the road pixels within 3 px of them (same rows), from the
  renderer's texture field (dash = road pixel with texture ≥ 1.7); in [-1, 1] units of the image; real scenes: positive.
- dash-gap contrast: mean luminance on the dashes minus that on the road between them (road pixels within 3 rows above
  or below a dash, neither dash nor beside one): a solid line scores about 0, dashes where the scene has them score high.
- band spread: per scene, the standard deviation of luminance over the dashes and the road between them, averaged; blind
  to where along the line the dashes fall: dashes at any phase score high, a solid line, a blur or a bare road low.
- window correlation: per scene, Pearson correlation between the image's luminance and the renderer's texture field over
  façade pixels (building label, whose window texture is not flat), averaged; it needs windows *where the scene has
  them* (phase and spacing), so it is a lower bound on windows a person sees.

    python scripts/artifacts/dense_stage/marks.py OUT.json NAME=SNAPSHOT ...   (z seed 1234, style seed 1235; and 'NAME, real codes':
    the real scene's own codes and z, as `can_draw.py` scores)
"""
import sys, json, torch, numpy as np, torch.nn.functional as F, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage'); torch.set_num_threads(1)
import dense_probe as P, build_toy_models as B
from advspade.demo import toy_gan_model
from advspade.data import toy_batch

def fields(n=32, size=(64, 128)):
    img, raw, inst = toy_batch(n, size); ts = []
    for i in range(n): P.toy_scene(100_000 + i, size); ts.append(np.clip(P._last['c'].tex, 0, 2))
    return img, raw, inst, torch.as_tensor(np.stack(ts))

def scores(x, raw, tex):
    lum = x.mean(1)
    dash = (raw == 2) & (tex >= 1.7)   # raw id 2: road (data._ground)
    near = (F.max_pool2d(dash[:, None].float(), (1, 7), 1, (0, 3))[:, 0] > 0) & (raw == 2) & ~dash
    dc = (lum[dash].mean() - lum[near].mean()).item()
    gap = (F.max_pool2d(dash[:, None].float(), (7, 1), 1, (3, 0))[:, 0] > 0) & (raw == 2) & ~dash & ~near
    dg = (lum[dash].mean() - lum[gap].mean()).item()
    bs = float(np.mean([l[b].std().item() for l, b in zip(lum, dash | gap) if b.sum() >= 4]))
    cs = []
    for l, r, t in zip(lum, raw, tex):
        m = (r == 1) & ((t - 1).abs() > 0.1)   # façades with windows
        if m.sum() < 20: continue
        a, b = l[m] - l[m].mean(), t[m] - t[m].mean()
        cs.append((a*b).sum().item()/((a.norm()*b.norm()).item() + 1e-8))
    return dict(dash_contrast=round(dc, 4), dash_gap=round(dg, 4), band_spread=round(bs, 4), window_corr=round(float(np.mean(cs)), 4))

if __name__ == '__main__':
    img, raw, inst, tex = fields()
    res = {'real': scores(img, raw, tex)}
    for k, p in (a.split('=', 1) for a in sys.argv[2:]):
        m = B.load_snapshot(toy_gan_model(), p).eval()
        with torch.no_grad(): x = m.generate(raw, inst, z=torch.randn(len(raw), 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
        res[k] = scores(x, raw, tex)
        with torch.no_grad(): x = m.generate(raw, inst, img=img, sample=False)   # the real image's own codes and z
        res[k + ', real codes'] = scores(x, raw, tex)
    print(json.dumps(res, indent=1)); open(sys.argv[1], 'w').write(json.dumps(res, indent=1) + '\n')
