"""Calibrate the façade terms (facade.py; the normalised autocorrelation last) on 16 validation scenes: the real image against itself, rolled, blurred, flat,
and the shipped SPADE with the real scene's codes and with random ones.

    python scripts/artifacts/window_stage/calibrate.py
"""
import sys, torch, torch.nn.functional as F; sys.path.insert(0,'scripts'); sys.path.insert(0,'scripts/artifacts/window_stage'); torch.set_num_threads(1)
import build_toy_models as B
from facade import facade_spectrum_l1, facade_autocorr_l1, facade_autocorr
from advspade.demo import toy_gan_model, toy_gan
from advspade.data import toy_batch
img, raw, inst = toy_batch(16)
g = toy_gan('spade').eval()
with torch.no_grad(): x = g.generate(raw, inst, img=img, sample=False); xr = g.generate(raw, inst, z=torch.randn(16,64,generator=torch.Generator().manual_seed(1)), style_seed=2)
k = torch.tensor([1.,4,6,4,1]); k = (k[:,None]*k[None])/256
blur = F.conv2d(F.pad(img,(2,2,2,2),mode='replicate'), k.expand(3,1,5,5), groups=3)
sh = torch.roll(img, 2, 3); sh2 = torch.roll(img, (1,3), (2,3))
for name, f in [('real', img), ('real rolled 2px', sh), ('real rolled (1,3)', sh2), ('blurred real', blur), ('SPADE real codes', x), ('SPADE random codes', xr), ('real+noise .05', img+0.05*torch.randn_like(img)), ('flat', img*0)]:
    print(f'{name:22s} spec {facade_spectrum_l1(f, img, raw).item():.3f}  ac {facade_autocorr_l1(f, img, raw).item():.3f}')
from facade import facade_hp_l1
for name, f in [('real', img), ('real rolled 2px', sh), ('blurred real', blur), ('SPADE real codes', x), ('flat', img*0)]:
    print(f'{name:22s} hp_l1 {facade_hp_l1(f, img, raw).item():.3f}')
from facade import facade_autocorr_norm_l1
for name, f in [('real', img), ('real rolled 2px', sh), ('real rolled (1,3)', sh2), ('blurred real', blur), ('SPADE real codes', x), ('SPADE random codes', xr), ('flat+noise .01', img*0 + 0.01*torch.randn_like(img))]:
    print(f'{name:22s} acn {facade_autocorr_norm_l1(f, img, raw).item():.3f}')
