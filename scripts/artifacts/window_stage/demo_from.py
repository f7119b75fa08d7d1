"""`advspade_demo`'s default run (seed 0, AdvSPADE fine-tuned from the given SPADE, every bar checked) from a probe's
SPADE: its last full checkpoint (G, E and D, as the shipped `toyscenes_spade.pth` holds them) stands in for the shipped
SPADE. What a rebuild of the shipped pair from that SPADE would give.

    FOURIER=1 ... python scripts/artifacts/window_stage/demo_from.py CKPT.pth OUT [THREADS]
"""
import os, sys, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/window_stage')
if os.environ.get('FOURIER'): import fourier
import advspade.demo as D
from advspade.targets import toy_gan_model
from advspade.training import load_pretrained

_toy_gan = D.toy_gan
def toy_gan(kind='spade', pretrained=True, device=None):
    if kind != 'spade': return _toy_gan(kind, pretrained, device)
    return load_pretrained(toy_gan_model(seed=0), sys.argv[1]).to(device or 'cpu').eval()
D.toy_gan = toy_gan

if __name__ == '__main__':
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
    res = D.run_demo(sys.argv[2], progress=False)
    print({k: v for k, v in res['criteria'].items()})
