"""The story's realism numbers for SPADE snapshots, as the shipped SPADE's are measured (`demo.story_sets` /
`story_scores`: toynet and the judge on the 32 fixed validation scenes, SceneNet FID/KID on 512, the 5×5-blur bar).

    [FOURIER=1 ...] python scripts/artifacts/window_stage/story.py OUT.json NAME=SNAPSHOT ...
"""
import os, sys, json, torch, warnings; warnings.filterwarnings('ignore')
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/window_stage'); torch.set_num_threads(2)
if os.environ.get('FOURIER'): import fourier
import build_toy_models as B
from advspade.demo import toy_gan_model, story_sets, story_scores

if __name__ == '__main__':
    models = {k: B.load_snapshot(toy_gan_model(), p).eval() for k, p in (a.split('=', 1) for a in sys.argv[2:])}
    sets, raw = story_sets(models)
    df = story_scores(sets, raw)
    print(df.to_string())
    open(sys.argv[1], 'w').write(df.to_json(orient='index', indent=1) + '\n')
