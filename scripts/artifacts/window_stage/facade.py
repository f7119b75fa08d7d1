"""A phase-free term for the façades' windows (issue 13's picture bar): the magnitude of the 2-D Fourier spectrum of
the façade's high-passed luminance, generated against the paired real image. The windows' lattice may fall anywhere
(a shift of the lattice changes only the spectrum's phase); what is asked for is its spacing and contrast.

On each image: façade pixels = the label map's building (raw id 1) eroded by one pixel (the sky/façade edge is not a
window); luminance minus its local mean over the façade (5×5, normalised by the façade's share of the window), zero off
the façade; |rfft2| of that, divided by √(façade pixels); L1 between the generated and the real spectra, averaged.
"""
import torch, torch.nn.functional as F
from advspade.losses import facade_highpass, window_corr, window_sorted_l1

def facade_hp(img, raw, ids=(1,), k=5):
    "High-passed luminance on the eroded façade, zero elsewhere; and the façade mask (the package's `losses.facade_highpass`)"
    return facade_highpass(img, raw, list(ids), k)

def facade_hp_n(img, raw, ids=(1,)):
    "The high-passed façade and its pixel count per image"
    h, m = facade_hp(img, raw, ids)
    return h, m.flatten(1).sum(1).float()

def facade_autocorr(img, raw, ids=(1,), r=7):
    "Autocorrelation of the façade's high-passed luminance at lags up to ±r (zero-padded: no wrap-around), per pixel of façade; and the façade's pixel counts"
    h, m = facade_hp(img, raw, ids); H, W = h.shape[-2:]
    f = torch.fft.rfft2(h, s=(2*H, 2*W))
    ac = torch.fft.irfft2(f.real**2 + f.imag**2, s=(2*H, 2*W))
    ac = torch.roll(ac, (r, r), (1, 2))[:, :2*r + 1, :2*r + 1]   # lags -r..r in both directions, lag 0 at the centre
    n = m.flatten(1).sum(1).float()
    return ac/n.clamp_min(1)[:, None, None], n

def _facade_term(fake, real, stat, cmp, min_px=64):
    "`cmp(stat(fake), stat(real), pixel counts)` over the images with at least `min_px` façade pixels; 0 when none has"
    sf, n = stat(fake); sr, _ = stat(real)
    ok = n >= min_px
    if not ok.any(): return fake.sum()*0.
    return cmp(sf[ok], sr[ok], n[ok])

def facade_spectrum_l1(fake, real, raw, ids=(1,), min_px=64):
    "L1 between the façades' spectrum magnitudes (phase-free), generated vs real; 0 when no image has `min_px` façade pixels"
    spec = lambda x: (lambda h, n: (torch.fft.rfft2(h).abs(), n))(*facade_hp_n(x, raw, ids))
    return _facade_term(fake, real, spec, lambda a, b, n: ((a - b).abs().mean((1, 2))/n.sqrt()).mean()*100, min_px)

def facade_autocorr_l1(fake, real, raw, ids=(1,), r=7, min_px=64):
    "L1 between the façades' autocorrelations at lags up to ±r (phase-free: the windows' spacing and contrast), generated vs real, ×100"
    return _facade_term(fake, real, lambda x: facade_autocorr(x, raw, ids, r), lambda a, b, n: (a - b).abs().mean()*100, min_px)

def facade_hp_l1(fake, real, raw, ids=(1,), min_px=64):
    "In phase: L1 between the generated and the real image's high-passed façade luminance, per façade pixel, ×100 (the lattice where the real scene has it)"
    return _facade_term(fake, real, lambda x: facade_hp_n(x, raw, ids), lambda a, b, n: ((a - b).abs().flatten(1).sum(1)/n).mean()*100, min_px)

def facade_autocorr_norm_l1(fake, real, raw, ids=(1,), r=7, min_px=64):
    "L1 between the façades' autocorrelations divided by their lag-0 value (the lattice's shape, whatever its contrast: the gradient does not vanish with the texture's amplitude)"
    c = lambda a: a/a[:, r:r + 1, r:r + 1].clamp_min(1e-6)
    return _facade_term(fake, real, lambda x: facade_autocorr(x, raw, ids, r), lambda a, b, n: (c(a) - c(b)).abs().mean(), min_px)

def facade_shift_corr(fake, real, raw, ids=(1,), r=3, k=15, min_px=64):
    """1 − the façade's local correlation with the paired real façade, at the best shift of up to ±r px each way, in
    magnitude (the package's `losses.window_corr` since 2026-12-07: the same values and gradients)"""
    return window_corr(fake, real, raw, list(ids), r, k, min_px)

def facade_sorted_l1(fake, real, raw, ids=(1,), min_px=64):
    """Phase-free: L1 between the sorted high-passed façade luminances, generated vs real, per façade pixel, ×100
    (the package's `losses.window_sorted_l1` since 2026-12-07: the same values and gradients)"""
    return window_sorted_l1(fake, real, raw, list(ids), min_px)
