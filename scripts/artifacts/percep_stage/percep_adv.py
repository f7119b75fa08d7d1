"""AdvSPADE from a perceptual-stage SPADE with the perceptual term in the fine-tuning too: `demo.stage_advspade` with
DEMO's recipe (λ3 28, the pixel anchor λ_rec 300 to the starting SPADE's own image at 1/4-1/16) plus TexNet's feature
L1 to the paired real scene at λ1 = LAMBDA (`SPADETrainer(vgg=Perceptual(TexNet))`), then the story's table and the
multi-modal check on the validation scenes, as `style_stage/style_lib.py` does.

    python scripts/artifacts/percep_stage/percep_adv.py SPADE_CKPT TEXNET OUT LAMBDA [THREADS] [atk=.. adv_rec=..]
"""
import json, sys, time, torch, warnings; warnings.filterwarnings('ignore')
from pathlib import Path
sys.path.insert(0, 'scripts/artifacts/percep_stage')
from percep_probe import TexNet, Perceptual
from advspade.demo import demo_config, stage_advspade, toy_scenes, toy_gan_model, multimodal_check, story_sets, story_scores, story_ratios
from advspade.targets import toy_target
from advspade.training import load_pretrained
ck, tex, out, lam = sys.argv[1], sys.argv[2], Path(sys.argv[3]), float(sys.argv[4]); out.mkdir(parents=True, exist_ok=True)
torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
over = {k: float(v) for k, v in (a.split('=') for a in sys.argv[6:])}
cfg = demo_config(**over); t0 = time.time()
net = TexNet(); net.load_state_dict(torch.load(tex, weights_only=True))
spade = load_pretrained(toy_gan_model(), ck).eval()
adv = stage_advspade(cfg, toy_scenes(cfg['n_train'], cfg['n_val'], cfg['size'], cfg['seed'], progress=False), out, toy_target('toynet'), spade, ck,
                     lam_vgg=lam, vgg=Perceptual(net), bs=cfg['bs'], size=cfg['size'], progress=False)
mm = multimodal_check(spade, adv); mm['colour_ratio'] = mm['colour_error_encoder']/mm['colour_error_random']
df = story_scores(*story_sets({'SPADE': spade, 'AdvSPADE': adv}))
r = dict(spade=ck, percep_lambda=lam, overrides=over, seconds=round(time.time() - t0), multimodal=mm,
         ratios={k: round(float(v), 4) for k, v in story_ratios(df).items()}, table=json.loads(df.round(4).to_json(orient='index')))
print(df.round(4).to_string()); print(json.dumps({k: r[k] for k in ('multimodal', 'ratios', 'seconds')}, indent=1))
(out/'result.json').write_text(json.dumps(r, indent=1, ensure_ascii=False) + '\n')
