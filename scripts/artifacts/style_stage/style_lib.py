"""The style SPADE through the library (no patches): `build_toy_models.py --stage style` → AdvSPADE by
`demo.stage_advspade` with DEMO's recipe and overrides → `demo.multimodal_check` and the story's table on the
validation scenes (`story_sets` / `story_scores`: codes from the prior at seed z_seed + 1, the same for SPADE and AdvSPADE).

    python scripts/artifacts/style_stage/style_lib.py SPADE_CKPT OUT [THREADS] [atk=20 adv_rec=300 ...]
"""
import json, sys, time, torch, warnings; warnings.filterwarnings('ignore')
from pathlib import Path
from advspade.demo import demo_config, stage_advspade, toy_scenes, toy_gan_model, multimodal_check, story_sets, story_scores, story_ratios
from advspade.targets import toy_target
from advspade.training import load_pretrained
ck, out = sys.argv[1], Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
over = {k: float(v) for k, v in (a.split('=') for a in sys.argv[4:])}
cfg = demo_config(**over); t0 = time.time()
spade = load_pretrained(toy_gan_model(style=True), ck).eval()
adv = stage_advspade(cfg, toy_scenes(cfg['n_train'], cfg['n_val'], cfg['size'], cfg['seed'], progress=False), out, toy_target('toynet'), spade, ck,
                     bs=cfg['bs'], size=cfg['size'], progress=False)
mm = multimodal_check(spade, adv); mm['colour_ratio'] = mm['colour_error_encoder']/mm['colour_error_random']
mm_spade = multimodal_check(spade, spade, z_seeds=range(1)); 
df = story_scores(*story_sets({'SPADE': spade, 'AdvSPADE': adv}))
r = dict(overrides=over, seconds=round(time.time() - t0), multimodal=mm, spade_colour_ratio=mm_spade['colour_error_encoder']/mm_spade['colour_error_random'],
         ratios={k: round(float(v), 4) for k, v in story_ratios(df).items()}, table=json.loads(df.round(4).to_json(orient='index')))
print(df.round(4).to_string()); print(json.dumps({k: r[k] for k in ('multimodal', 'spade_colour_ratio', 'ratios')}, indent=1))
(out/'result.json').write_text(json.dumps(r, indent=1, ensure_ascii=False) + '\n')
