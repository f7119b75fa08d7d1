"""Does an anchor ask for the dashes and windows? On the 32 fixed validation scenes: the anchor's value between a SPADE
snapshot's images (z seed 1234, style seed 1235) and the real scenes, then with the real scene's pixels pasted into the
generated image on the road's dashes, on the façades' windows, and (a control) on as many random road pixels as the
dashes have. A loss that asks for a texture falls when the texture is pasted in.

    python scripts/artifacts/dense_stage/asks.py SNAPSHOT TEXNET_D.pth OUT.json
"""
import sys, json, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage'); torch.set_num_threads(2)
import dense_probe as P, build_toy_models as B, marks as M
from advspade.metrics import TexPerceptual, tex_anchor
from advspade.demo import toy_gan_model
snap, featnet, out = sys.argv[1:4]
img, raw, inst, tex = M.fields()
m = B.load_snapshot(toy_gan_model(), snap).eval()
with torch.no_grad():
    x = m.generate(raw, inst, z=torch.randn(32, 64, generator=torch.Generator().manual_seed(1234)), style_seed=1235)
    dash = ((raw == 2) & (tex >= 1.7))[:, None].expand_as(x); win = ((raw == 1) & ((tex - 1).abs() > 0.1))[:, None].expand_as(x)
    road = (raw == 2)[:, None].expand_as(x)
    rnd = road & (torch.rand(32, 1, *x.shape[2:], generator=torch.Generator().manual_seed(0)).expand_as(x) < dash.float().sum()/road.float().sum())
    res = dict(pixels=dict(dashes=round(dash.float().mean().item(), 5), windows=round(win.float().mean().item(), 5)))
    for name, a in [('TexNet (shipped)', tex_anchor()), ('TexNet-D', TexPerceptual(P.load(featnet))), ('TexNet-D + field k10', P.FieldAnchor(P.load(featnet), 10.))]:
        base = a(x, img).item()
        res[name] = {k: round(v, 5) for k, v in dict(value=base, paste_dashes=a(torch.where(dash, img, x), img).item() - base,
                     paste_windows=a(torch.where(win, img, x), img).item() - base, paste_random_road=a(torch.where(rnd, img, x), img).item() - base).items()}
print(json.dumps(res, indent=1)); open(out, 'w').write(json.dumps(res, indent=1) + '\n')
