"Probe: AdvSPADE with the pixel anchor to the frozen SPADE's image for the same map and z (instead of the real image)"
import sys, copy, json, torch
sys.path.insert(0, 'scripts')
import advspade_sweep as S
import advspade.training as T
from advspade.losses import pyramid_l1
from advspade.training import SPADETrainer
from fastcore.basics import patch
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
        t['rec'] = pyramid_l1(fake.float(), ref.float())
    return t
SPADETrainer._generate = _generate; SPADETrainer._g_terms = _g_terms
from build_toy_models import LONG_SPADE
from advspade.demo import toy_gan_model
from advspade.training import load_pretrained
ck = sys.argv[sys.argv.index('--spade') + 1]
FROZEN['G'] = load_pretrained(toy_gan_model(**LONG_SPADE['arch']), ck).netG.eval().requires_grad_(False)
S.main(sys.argv[1:])
