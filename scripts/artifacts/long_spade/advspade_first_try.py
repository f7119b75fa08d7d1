"Quick AdvSPADE fine-tune from the long SPADE build (tune seeds), then toynet / judge / KID against the SPADE"
import sys, json, time, numpy as np, torch
torch.set_num_threads(1)
sys.path.insert(0, 'scripts')
from build_toy_models import LONG_SPADE
from advspade.data import toy_scene, TOYSCENES, SEEDS, seg_dls
from advspade.networks import SPADEModel
from advspade.losses import Losses
from advspade.training import spade_learner
from advspade.targets import toy_target
from advspade.robust import seg_judge
from advspade.metrics import scene_judge, fidelity, param_scenes
from advspade.targets import seg_scores
ck, epochs, atk, lr = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
t0 = time.time()
lo = SEEDS['tune'][0]
trn = [toy_scene(lo + i, (64, 128)) for i in range(512)]; val = [toy_scene(lo + 9000 + i, (64, 128)) for i in range(8)]
def model(): return SPADEModel(TOYSCENES, crop_size=128, aspect_ratio=2, **LONG_SPADE['arch'])
spade = model(); st = torch.load(ck, weights_only=False)
for k in ('netG', 'netE', 'netD'): getattr(spade, k).load_state_dict(st[k])
torch.manual_seed(0)
adv = model()
learn = spade_learner(seg_dls(trn, val, TOYSCENES, size=(64, 128), bs=8, seed=0), adv, target=toy_target('toynet'),
                      losses=Losses(fm=10., vgg=0., kld=0.05, atk=atk), lr=lr, ttur=True, pretrained=ck)
with learn.no_bar(), learn.no_logging(): learn.fit(epochs)
adv.target = None; adv.eval(); spade.eval()
N, v = 512, SEEDS['valid']
sc = [toy_scene(v + i, (64, 128)) for i in range(N)]
raw = torch.as_tensor(np.stack([s[1] for s in sc])).long(); inst = torch.as_tensor(np.stack([s[2] for s in sc])).long()
def gen(m):
    with torch.no_grad():
        return torch.cat([m.generate(raw[i:i+64], inst[i:i+64], z=torch.randn(len(raw[i:i+64]), m.z_dim, generator=torch.Generator().manual_seed(1234 + i))) for i in range(0, N, 64)])
xs, xa = gen(spade), gen(adv)
a, _ = param_scenes(range(v, v + N))
J = scene_judge(); tn, sj = toy_target('toynet'), seg_judge(); lbl = TOYSCENES.to_target(raw[:32])
r = dict(spade=dict(toynet=seg_scores(tn, xs[:32], lbl)['mIoU'], judge=seg_scores(sj, xs[:32], lbl)['mIoU'], **fidelity(a, xs, J)),
         adv=dict(toynet=seg_scores(tn, xa[:32], lbl)['mIoU'], judge=seg_scores(sj, xa[:32], lbl)['mIoU'], **fidelity(a, xa, J)))
r['ratios'] = dict(toynet=r['adv']['toynet']/r['spade']['toynet'], judge=r['adv']['judge']/r['spade']['judge'], fid=r['adv']['fid']/r['spade']['fid'], kid=r['adv']['kid']/r['spade']['kid'])
r['seconds'] = time.time() - t0; r['setting'] = dict(epochs=epochs, atk=atk, lr=lr, ttur=True, steps=epochs*64)
print(json.dumps(r, indent=1))
torch.save({'xs': xs[:8], 'xa': xa[:8], 'raw': raw[:8]}, f'/tmp/t/adv_{epochs}_{atk}_{lr}.pt')
