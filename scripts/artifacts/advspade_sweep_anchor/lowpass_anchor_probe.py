"""Probe: AdvSPADE whose pixel anchor pulls only the *low-pass* image (the 1/4, 1/8 and 1/16 levels of the average-pooling
pyramid) towards the frozen SPADE's image for the same map and z. What a person (and the robust judge) reads as the
scene, the regions' colours and layout, is held; the fine texture is left to the attack. Weights via ANCHOR_LEVELS
(default '0,0,1,1,1'). Otherwise as spade_anchor_probe.py / scripts/advspade_sweep.py."""
import os, sys, torch
sys.path.insert(0, 'scripts')
import advspade_sweep as S
from advspade.losses import pyramid_l1
from advspade.training import SPADETrainer, load_pretrained
from build_toy_models import LONG_SPADE
from advspade.targets import toy_gan_model
LEVELS = tuple(float(w) for w in os.environ.get('ANCHOR_LEVELS', '0,0,1,1,1').split(','))
FROZEN = {}
def _generate(self, seg, img):
    m = self.net
    if m.netE is not None:
        mu, logvar = m.netE(img); z = m.netE.reparameterize(mu, logvar); self._z = z
        return m.netG(seg, z), mu, logvar
    self._z = None
    return m.netG(seg), None, None
orig_terms = SPADETrainer._g_terms
def _g_terms(self, seg, fake, mu, logvar, img, raw):
    lam = self.losses; rec = lam.rec; lam.rec = 0.
    try: t = orig_terms(self, seg, fake, mu, logvar, img, raw)
    finally: lam.rec = rec
    if rec:
        with torch.no_grad(): ref = FROZEN['G'](seg, self._z.detach() if self._z is not None else None)
        t['rec'] = pyramid_l1(fake.float(), ref.float(), LEVELS)
    return t
SPADETrainer._generate = _generate; SPADETrainer._g_terms = _g_terms
ck = sys.argv[sys.argv.index('--spade') + 1]
FROZEN['G'] = load_pretrained(toy_gan_model(**LONG_SPADE['arch']), ck).netG.eval().requires_grad_(False)
S.main(sys.argv[1:])
