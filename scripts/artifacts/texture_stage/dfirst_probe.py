"""Try (issue 13's picture bar): noise inputs (the library's `SPADEModel(noise=True)`) with a discriminator that has learned the real scenes'
grain *before* the generator moves: epochs 1–D_EPOCHS train D alone (G's learning rate ~0) against refine2, then both
train, with the coarse self-anchor of `texture_stage_probe.py` (λ_rec REC at 1/4–1/16, to refine2's own image) and FM λ0.
`python scripts/artifacts/texture_stage/dfirst_probe.py WORKDIR [REC] [FM] [D_EPOCHS] [EPOCHS] [NDF] [LR_D] [DECAY]` (two threads;
DECAY: both learning rates fall linearly from that epoch to 0 at the end)."""
import sys, time, torch
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/texture_stage')
import build_toy_models as B
from fastai.callback.core import Callback
from fastai.torch_core import set_seed
from advspade.data import TOYSCENES, toy_scene
from advspade.networks import SPADEModel
from advspade.losses import Losses
from advspade.training import spade_learner, atomic_save
START = B.SHIPPED.parents[1]/'build/toyscenes_spade_refine2/snapshots/spade_epoch006.pth'
a = sys.argv[1:]; wd = B.SHIPPED.parents[1]/a[0]; (wd/'snapshots').mkdir(parents=True, exist_ok=True)
rec, fm, d_epochs, epochs = float(a[1]) if len(a) > 1 else 10., float(a[2]) if len(a) > 2 else 1., int(a[3]) if len(a) > 3 else 2, int(a[4]) if len(a) > 4 else 6
torch.set_num_threads(2); set_seed(8)
ndf, lr_d, decay = int(a[5]) if len(a) > 5 else 16, float(a[6]) if len(a) > 6 else None, int(a[7]) if len(a) > 7 else None
cfg = {**B.REFINE2_SPADE, 'arch': {**B.REFINE2_SPADE['arch'], 'ndf': ndf}}; h, w = cfg['size']; n = cfg['steps_per_epoch']*cfg['bs']
def model(noise=False):   # refine2 has no noise scales: they load as zero (the same generator)
    m = SPADEModel(TOYSCENES, crop_size=w, aspect_ratio=w/h, **cfg['arch'], noise=noise); B.load_snapshot(m, START); return m
g0, m = model(), model(noise=True)
check = [toy_scene(B.SPADE_SEEDS[1] - 1 - i, cfg['size']) for i in range(cfg['n_check'])]
t0 = time.time()
class Phase(Callback):
    order = 90
    def before_epoch(self):
        self.learn.dls = B.fresh_dls(self.epoch, n, cfg['size'], cfg['bs'], check)
        self.learn.spade_trainer.lr_G = 1e-12 if self.epoch < d_epochs else 5e-5   # D alone first (TTUR: G's lr is lr/2)
    def after_epoch(self):
        tr = self.learn.spade_trainer; k = cfg['steps_per_epoch']
        msg = ' '.join(f'{key} {sum(v[-k:])/k:.3f}' for key, v in tr.history.items())
        print(f"epoch {self.epoch+1}/{epochs} ({'D only' if self.epoch < d_epochs else 'G and D'}) total {(time.time()-t0)/60:.1f} min: {msg}", flush=True)
        sd = {key: v.half() if v.is_floating_point() else v for key, v in m.state_dict().items() if not key.startswith('netD.')}
        atomic_save(sd, wd/'snapshots'/f'spade_epoch{self.epoch+1:03d}.pth')
learn = spade_learner(B.fresh_dls(0, n, cfg['size'], cfg['bs'], check), m, losses=Losses(fm=fm, vgg=0., kld=cfg['kld'], atk=0., rec=rec),
                      lr=cfg['lr'], ttur=True, lr_D=lr_d, decay_epoch=decay, anchor=g0.netG, rec_levels=(0., 0., 1., 1., 1.), cbs=[Phase()])
with learn.no_bar(), learn.no_logging(): learn.fit(epochs)
