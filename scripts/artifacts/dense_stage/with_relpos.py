"""Run an eval script (percep_eval.py, marks.py) with relpos_probe's generator: every `toy_gan_model()` is a RelModel
(a snapshot without the relative channels loads with their weights zero: the same images).

    python scripts/artifacts/dense_stage/with_relpos.py SCRIPT.py ARGS...
"""
import sys, runpy, types
sys.path.insert(0, 'scripts'); sys.path.insert(0, 'scripts/artifacts/dense_stage')
import relpos_probe as R, advspade.demo as D
from advspade.data import TOYSCENES
_orig = D.toy_gan_model
def toy_gan_model(*a, **k):
    m = _orig(*a, **k)
    if not isinstance(m, R.RelModel):   # (a `targets` imported after relpos_probe already builds RelModels)
        R.add_rel(m.netG); m.load_state_dict = types.MethodType(R.RelModel.load_state_dict, m)
    return m
D.toy_gan_model = toy_gan_model
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
