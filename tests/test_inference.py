"""`prepare_for_inference(..., compile=True)`: the inductor-compiled generator (weights frozen
into the graph) gives the eager generator's images. Needs a C++ compiler (inductor's CPU
backend); about 30 s on 2 cores, most of it compiling."""
import copy, shutil
import pytest, torch, torch.nn.functional as F
from advspade.networks import SPADEGenerator, init_weights, prepare_for_inference, CompiledForInference

@pytest.mark.skipif(shutil.which('g++') is None and shutil.which('c++') is None, reason='inductor needs a C++ compiler')
def test_compiled_generator_matches_eager():
    torch.manual_seed(0)
    g = init_weights(SPADEGenerator(5, ngf=4, crop_size=64, aspect_ratio=2, num_upsampling_layers='less',
                                    use_vae=False, nhidden=8), gain=0.5).eval()
    seg = F.one_hot(torch.randint(0, 5, (2, 32, 64)), 5).permute(0, 3, 1, 2).float()
    with torch.no_grad(): ref = g(seg)
    assert ref.std() > 0.01 and ref.abs().max() < 0.99   # neither constant nor saturated: the comparison means something
    gc = prepare_for_inference(copy.deepcopy(g), channels_last=False, compile=True)
    assert isinstance(gc, CompiledForInference) and not gc.net.training
    out = gc(seg)
    assert not out.requires_grad                          # always under no_grad
    torch.testing.assert_close(out, ref, atol=1e-5, rtol=1e-4)
    torch.testing.assert_close(gc(seg[:1]), ref[:1], atol=1e-5, rtol=1e-4)   # a new batch size recompiles, same images
    # and the compiled copy does not share the spectral-norm hooks of the original
    assert any(k.endswith('weight_orig') for k in g.state_dict())
