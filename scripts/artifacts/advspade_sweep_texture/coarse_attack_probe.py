"""Try: AdvSPADE's attack through a low-passed image. During the fine-tuning toynet sees the generated image after
BLURS passes of the 5×5 binomial blur (`metrics.binomial_blur`), so the attack's gradient asks for coarse changes
(colours, shapes) rather than repainted grain; the fine levels stay anchored to the SPADE's own image (`fine`). Scored
exactly as `scripts/advspade_sweep.py` scores (SEEDS['tune'], the *unblurred* images, the real toynet).

    python scripts/artifacts/advspade_sweep_texture/coarse_attack_probe.py OUT BLURS "atk=8 rec=100 fine=10" --spade CKPT
"""
import json, sys, torch
from pathlib import Path
sys.path.insert(0, 'scripts')
import advspade_sweep as S
import advspade.demo   # noqa: F401 (imported first: its scoring keeps the real toynet)
import advspade.targets as T
from advspade.metrics import binomial_blur

out, blurs, setting = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
spade = Path(sys.argv[sys.argv.index('--spade') + 1])
torch.set_num_threads(1)
orig = T.toy_target
def blurred_target(*a, **k):   # only the fine-tuning's target: run_setting imports it from advspade.targets when called
    t = orig(*a, **k); f0 = t.forward
    def fwd(x):
        for _ in range(blurs): x = binomial_blur(x)
        return f0(x)
    t.forward = fwd
    return t
T.toy_target = blurred_target
cfg = S.parse_setting(setting)
name = f"{S.name_of(cfg)} blurs={blurs}"
r = S.run_setting(cfg, spade, out/'runs'/name.replace(' ', '_'))
r['setting'] = name; r['blurs'] = blurs
out.mkdir(parents=True, exist_ok=True)
(out/f"{name.replace(' ', '_')}.json").write_text(json.dumps(r, indent=1, ensure_ascii=False) + '\n')
print(name, r['ratios'], f"{r['seconds']:.0f} s", flush=True)
