"""style_lib.png: the library-built style pair on 4 validation maps: label | real (the style image) | SPADE and AdvSPADE
with the style's codes and z = μ | AdvSPADE with prior codes and z from seeds 1 and 2 | toynet on that AdvSPADE image.
`python scripts/artifacts/style_stage/style_lib_fig.py SPADE_CKPT ADVSPADE_DIR OUT.png`"""
import sys, torch, warnings; warnings.filterwarnings('ignore'); torch.set_num_threads(1)
import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
from advspade.data import TOYSCENES, toy_batch
from advspade.demo import toy_gan_model
from advspade.targets import toy_target
from advspade.training import load_pretrained
spade = load_pretrained(toy_gan_model(style=True), sys.argv[1]).eval()
import glob
adv = load_pretrained(toy_gan_model(style=True), sorted(glob.glob(f'{sys.argv[2]}/ckpt/advspade/epoch_*.pth'))[-1]).eval()   # its last epoch
img, raw, inst = toy_batch(4); tn = toy_target('toynet')
cols = {'label map': None, 'real (style image)': img}
with torch.no_grad():
    cols["SPADE, style's codes"] = spade.generate(raw, inst, img=img, sample=False)
    cols["AdvSPADE, style's codes"] = adv.generate(raw, inst, img=img, sample=False)
    for s in (1, 2):
        g = lambda: torch.Generator().manual_seed(s)
        cols[f'AdvSPADE, prior codes + z ({s})'] = adv.generate(raw, inst, z=torch.randn(4, adv.z_dim, generator=g()), codes=adv.netG.sample_codes(4, g()))
    pred = tn(cols["AdvSPADE, style's codes"]).argmax(1)
fig, ax = plt.subplots(4, len(cols) + 1, figsize=(2.6*(len(cols) + 1), 1.5*4))
for j, (k, x) in enumerate(list(cols.items()) + [('toynet on AdvSPADE (style)', 'pred')]):
    for i in range(4):
        im = TOYSCENES.colorize(TOYSCENES.to_target(raw[i])) if x is None else TOYSCENES.colorize(pred[i]) if isinstance(x, str) else ((x[i].permute(1, 2, 0) + 1)/2).clamp(0, 1)
        ax[i, j].imshow(im, interpolation='nearest'); ax[i, j].axis('off')
    ax[0, j].set_title(k, fontsize=7)
fig.tight_layout(); fig.savefig(sys.argv[3], dpi=110)
