"""A phase-free term for the façades' windows (issue 13's picture bar): the magnitude of the 2-D Fourier spectrum of
the façade's high-passed luminance, generated against the paired real image. The windows' lattice may fall anywhere
(a shift of the lattice changes only the spectrum's phase); what is asked for is its spacing and contrast.

On each image: façade pixels = the label map's building (raw id 1) eroded by one pixel (the sky/façade edge is not a
window); luminance minus its local mean over the façade (5×5, normalised by the façade's share of the window), zero off
the façade; |rfft2| of that, divided by √(façade pixels); L1 between the generated and the real spectra, averaged.
"""
import torch, torch.nn.functional as F

def facade_hp(img, raw, ids=(1,), k=5):
    "High-passed luminance on the eroded façade, zero elsewhere; and the façade mask"
    m = torch.zeros_like(raw, dtype=torch.bool)
    for j in ids: m |= raw == j
    m = -F.max_pool2d(-m[:, None].float(), 3, 1, 1)[:, 0] > 0.5   # erode by one pixel
    lum, mf = img.float().mean(1), m.float()
    num = F.avg_pool2d((lum*mf)[:, None], k, 1, k//2, count_include_pad=False)[:, 0]
    den = F.avg_pool2d(mf[:, None], k, 1, k//2, count_include_pad=False)[:, 0].clamp_min(1e-3)
    return (lum - num/den)*mf, m

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
    magnitude: the lattice's shape and spacing at whatever phase (and light or dark windows) fits each k×k neighbourhood.
    Scale-free in the generated texture (its gradient does not vanish where the texture is faint); in phase up to r px."""
    def local(a):   # the k×k mean (of the pixels inside the image), as two 1-D means
        a = F.avg_pool2d(a[:, None], (k, 1), 1, (k//2, 0), count_include_pad=False)
        return F.avg_pool2d(a, (1, k), 1, (0, k//2), count_include_pad=False)[:, 0]
    (hf, n), (hr, _) = facade_hp_n(fake, raw, ids), facade_hp_n(real, raw, ids)
    m = (hf != 0) | (hr != 0); m = m & (n >= min_px)[:, None, None]
    if not m.any(): return fake.sum()*0.
    ef, best = local(hf**2), None
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            hs = torch.roll(hr, (dy, dx), (1, 2))
            c = (local(hf*hs)/(ef*local(hs**2)).clamp_min(1e-8).sqrt()).abs()
            best = c if best is None else torch.maximum(best, c)
    return 1 - best[m].mean()

def facade_sorted_l1(fake, real, raw, ids=(1,), min_px=64):
    """Phase-free: L1 between the sorted high-passed façade luminances (the value distribution: windows a third of the
    façade, wall the rest), generated vs real, per façade pixel, ×100. On a plaid (a sum of x and y stripes: crossings
    darkest, single lines middling) it asks for two levels, which turns the sum into a lattice of rectangles."""
    (hf, n), (hr, _) = facade_hp_n(fake, raw, ids), facade_hp_n(real, raw, ids)
    m = facade_hp(fake, raw, ids)[1]
    ls = [(hf[i][m[i]].sort()[0] - hr[i][m[i]].sort()[0]).abs().mean() for i in range(len(fake)) if n[i] >= min_px]
    return torch.stack(ls).mean()*100 if ls else fake.sum()*0.
