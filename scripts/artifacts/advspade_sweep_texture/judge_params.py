"""What SceneNet reads differently in AdvSPADE's images: its standardised rendering-parameter predictions (the 28 of
`data.params_vector`), mean over 512 scenes of SEEDS['tune'] (55 000…), for the real scenes, a SPADE's and AdvSPADEs'
images (same maps, z and noise), and the shift of each from SPADE's, largest first. One thread, about a minute.

    python scripts/artifacts/advspade_sweep_texture/judge_params.py SPADE.pth ADVSPADE.pth [ADVSPADE.pth ...]
"""
import sys, torch
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent)); from adv_diff import load   # noqa: E402 (the same loader)
from advspade.demo import toy_batches, generate_images
from advspade.metrics import scene_judge

NAMES = (['horizon'] + [f'sky kind {i}' for i in range(3)] + [f'sky {c}' for c in 'rgb'] + ['buildings'] + [f'building {c}' for c in 'rgb']
         + ['window x', 'window y', 'road x'] + [f'verge {c}' for c in 'rgb'] + [f'sidewalk {c}' for c in 'rgb'] + ['road', 'trees', 'cars', 'people', 'light']
         + [f'cast {c}' for c in 'rgb'])
torch.set_num_threads(1)
b = toy_batches(512, (64, 128), 64, 55_000)
net = scene_judge().net
with torch.no_grad():
    pred = {'real': net(torch.cat([x[0] for x in b]))}
    for f in sys.argv[1:]: pred[Path(f).parent.parent.name if Path(f).parent.name == 'work' else Path(f).stem] = net(generate_images(load(f), b, 1234, progress=False))
keys = list(pred); sp = keys[1]
print(f"{'parameter':12s}" + ''.join(f'{k[:22]:>24s}' for k in keys))
m = {k: v.mean(0) for k, v in pred.items()}
for i in sorted(range(len(NAMES)), key=lambda i: -max(abs(m[k][i] - m[sp][i]) for k in keys[2:]))[:12]:
    print(f'{NAMES[i]:12s}' + ''.join(f'{m[k][i]:24.3f}' for k in keys))
