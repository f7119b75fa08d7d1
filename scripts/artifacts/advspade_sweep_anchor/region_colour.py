"""The encoder probes' training loss: per image, the sum over present classes of the L1 distance between the class
region's mean colour in `x` and in `y` (the [-1, 1] units of `demo.class_colour_error`, summed rather than averaged)."""
from advspade.data import TOYSCENES
import torch

def region_l1(x, y, raw):
    "Mean over images of Σ_classes |region mean colour of x − that of y| (channels averaged); absent classes count 0"
    lbl = TOYSCENES.to_target(raw); errs = []
    for c in range(TOYSCENES.n_classes):
        m = (lbl == c)[:, None].float(); n = m.sum((2, 3)).clamp(min=1)
        errs.append(((x*m).sum((2, 3))/n - (y*m).sum((2, 3))/n).abs().mean(1)*(m.sum((1, 2, 3)) > 0))
    return torch.stack(errs).sum(0).mean()
