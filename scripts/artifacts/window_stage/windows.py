"""Window statistics no network computes, on the 32 fixed validation scenes (the renderer's texture field from
`dense_stage/marks.py`; z seed 1234, style seed 1235, and the real scene's own codes and z):

- window corr.: Pearson correlation of luminance with the renderer's texture field on façades with windows (marks.py's:
  the windows where the scene has them; a lower bound).
- shifted window corr.: the same, maximised per scene over shifts of the field by up to 3 px each way: windows with
  the scene's spacing at any phase score high (the real image scores its own zero-shift value).
- façade spectrum L1 and autocorrelation L1: `facade.facade_spectrum_l1` and `facade_autocorr_l1` against the real
  images (the probes' own terms: not independent judges).
- dash contrast and band spread: marks.py's (the markings must stay).

    python scripts/artifacts/window_stage/windows.py OUT.json NAME=SNAPSHOT ...
    FOURIER=1 python ...: generators with the package's Fourier inputs (`fourier.py`) (snapshots without them load with zero weights for them)
"""
import sys, json, torch, numpy as np, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage'); sys.path.insert(0, 'scripts/artifacts/window_stage')
import os
if os.environ.get('FOURIER'): import fourier
torch.set_num_threads(1)
import marks as M, build_toy_models as B
from facade import facade_spectrum_l1, facade_autocorr_l1
from advspade.demo import toy_gan_model

def corr(a, b):
    a, b = a - a.mean(), b - b.mean(); return (a*b).sum().item()/((a.norm()*b.norm()).item() + 1e-8)

def shifted(x, raw, tex, r=3):
    cs = []
    for l, q, t in zip(x.mean(1), raw, tex):
        m = (q == 1) & ((t - 1).abs() > 0.1)
        if m.sum() < 20: continue
        best = -1.
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                ts, ms = torch.roll(t, (dy, dx), (0, 1)), torch.roll(m, (dy, dx), (0, 1)) & m
                if ms.sum() >= 20: best = max(best, corr(l[ms], ts[ms]))
        cs.append(best)
    return round(float(np.mean(cs)), 4)

def all_scores(x, img, raw, tex):
    s = M.scores(x, raw, tex)
    return dict(window_corr=s['window_corr'], shifted_window_corr=shifted(x, raw, tex), facade_spectrum_l1=round(facade_spectrum_l1(x, img, raw).item(), 3),
                facade_autocorr_l1=round(facade_autocorr_l1(x, img, raw).item(), 4),
                dash_contrast=s['dash_contrast'], band_spread=s['band_spread'])

if __name__ == '__main__':
    img, raw, inst, tex = M.fields()
    res = {'real': all_scores(img, img, raw, tex)}
    for k, p in (a.split('=', 1) for a in sys.argv[2:]):
        m = B.load_snapshot(toy_gan_model(), p).eval()
        with torch.no_grad(): x = m.generate(raw, inst, z=torch.randn(len(raw), 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
        res[k] = all_scores(x, img, raw, tex)
        with torch.no_grad(): x = m.generate(raw, inst, img=img, sample=False)
        res[k + ', real codes'] = all_scores(x, img, raw, tex)
    print(json.dumps(res, indent=1)); open(sys.argv[1], 'w').write(json.dumps(res, indent=1) + '\n')
