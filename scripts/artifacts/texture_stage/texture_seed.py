"""The texture stage (`build_toy_models.py --stage texture`) with another seed, into its own work folder: how much of a
stage's result is the seed's. `python scripts/artifacts/texture_stage/texture_seed.py SEED [THREADS]`"""
import sys, torch
sys.path.insert(0, 'scripts')
import build_toy_models as B
seed = int(sys.argv[1]); torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
B._long_spade(cfg={**B.TEXTURE_SPADE, 'seed': seed, 'workdir': f"toyscenes_spade_texture_s{seed}"})
