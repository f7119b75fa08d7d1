"""The window probes' Fourier inputs, now the package's: `networks.fourier_features` (cos, sin 2π·d/p of the pixel
distance d from the start of each pixel's row run and column run of one label, p = 3, 4, 5, 6 px, and the 2-D waves
cos, sin 2π(dx/px ± dy/py) for (px, py) = (3, 3), (4.5, 4), (6, 5); gain 16), `SPADEGenerator(fourier_classes)`,
`SPADEModel(fourier=True)`. Importing this module makes the ToyScenes GANs the probes build (`targets.TOY_GAN`) take
them; a snapshot without them loads with zero weights for them (`networks.add_rel_inputs`).

Until 2026-12-07 this module patched `advspade.networks` with the same computation (FOURIER_PERIODS, FOURIER_2D and
FOURIER_GAIN environment variables; git a4b5780); on scsort's last checkpoint the two give the same images (max
difference 0). Probe `four` (the 1-D waves alone) used that version: the package has no switch for it.
"""
from advspade.networks import FOURIER_PERIODS as PERIODS, FOURIER_PAIRS as PAIRS
from advspade.targets import TOY_GAN
GAIN = 16.
TOY_GAN['fourier'] = True
