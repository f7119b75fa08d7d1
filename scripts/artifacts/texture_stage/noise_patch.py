"""Per-pixel noise inputs for the SPADE generator's residual blocks (StyleGAN's noise injection): after each block's
two convs, add a learned per-channel scale (zero at the start, so a trained generator is unchanged) times one
N(0, 1) noise image. Patched in for the probe; not in the library."""
import torch, torch.nn as nn
from advspade.spade import SPADEResnetBlock
import torch.nn.functional as F
GAIN = 40.   # the scales are stored /GAIN: Adam's step on them is GAIN× the generator's learning rate (as StyleGAN's equalized rate)

def _forward(self, x, seg):
    dx = self.conv_0(F.leaky_relu(self.norm_0(x, seg), 0.2))
    if hasattr(self, 'noise_0'): dx = dx + GAIN*self.noise_0[:, None, None]*torch.randn_like(dx[:, :1])
    dx = self.conv_1(F.leaky_relu(self.norm_1(dx, seg), 0.2))
    if hasattr(self, 'noise_1'): dx = dx + GAIN*self.noise_1[:, None, None]*torch.randn_like(dx[:, :1])
    return self.shortcut(x, seg) + dx
SPADEResnetBlock.forward = _forward

def add_noise(g):
    "Give every `SPADEResnetBlock` of generator `g` zero-initialized noise scales"
    for b in g.modules():
        if isinstance(b, SPADEResnetBlock):
            b.noise_0 = nn.Parameter(torch.zeros(b.conv_0.out_channels)); b.noise_1 = nn.Parameter(torch.zeros(b.conv_1.out_channels))
    return g
