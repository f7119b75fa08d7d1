"""Multi-process data-parallel training on CPU: two gloo processes under fastai's `distrib_ctx`.

Each rank trains one batch on its own shard (fastai's `DistributedDL`, with our CPU broadcast
override) through `SPADETrainer`, which steps its own optimizers and so must all-reduce the
gradients itself. After the step both ranks must hold identical weights, equal to a
single-process computation in which every shard's gradients are computed separately and
averaged before each optimizer step. The networks use instance norm only (no batch statistics),
so the per-shard reference is exact; without the all-reduce the two ranks diverge and the test
fails.
"""
import copy, os, socket, sys, tempfile
from pathlib import Path
import pytest, torch
import torch.multiprocessing as mp

SEED, STEP_SEED, N = 0, 1234, 4   # N training scenes: 2 ranks × 1 batch of 2


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def _make(ckpt_dir=None):
    "The same tiny AdvSPADE learner on every rank (instance norm everywhere, a small conv target)."
    from advspade.data import toy_dls
    from advspade.networks import SPADEModel, SPADEGenerator, init_weights
    from advspade.losses import Losses
    from advspade.training import spade_learner
    torch.manual_seed(SEED)
    dls = toy_dls(n_train=N, n_val=2, size=(64, 64), bs=2, seed=SEED, flip=False)
    m = SPADEModel(dls.label_set, ngf=2, crop_size=64, num_upsampling_layers='less', ndf=4, z_dim=8, num_D=2)
    m.netG = init_weights(SPADEGenerator(dls.label_set.gen_nc, ngf=2, z_dim=8, crop_size=64,
                                         num_upsampling_layers='less', norm='instance'))
    target = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.InstanceNorm2d(4), torch.nn.ReLU(),
                                 torch.nn.Conv2d(4, dls.label_set.n_classes, 1))
    return spade_learner(dls, m, target=target, losses=Losses(vgg=0), ckpt_dir=ckpt_dir)


def _worker(rank, world, port, out):
    os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(world), LOCAL_WORLD_SIZE=str(world),
                      MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port), ACCELERATE_USE_CPU='1')
    torch.set_num_threads(1)
    if os.environ.get('ADVSPADE_TEST_SKIP_ALLREDUCE'):   # mutation check: this test must then fail
        import advspade.training; advspade.training.all_reduce_grads = lambda params: None
    from fastai.callback.core import Callback
    from advspade.training import model_state
    import fastai.distributed  # noqa: F401  (distrib_ctx)

    class Spy(Callback):
        "Fix the noise of the step (same seed on every rank, as the reference uses) and keep the batch."
        order = 10
        def before_batch(self):
            if self.training:
                torch.manual_seed(STEP_SEED)
                self.batches.append([o.as_subclass(torch.Tensor).clone() for o in (*self.xb, *self.yb)])
    learn = _make()
    init = model_state(learn.model)
    spy = Spy(); spy.batches = []
    with learn.distrib_ctx(sync_bn=False, cpu=True, in_notebook=False):
        learn.fit(1, cbs=spy)
    torch.save(dict(init=init if rank == 0 else None, final=model_state(learn.model), batches=spy.batches,
                    backend=torch.distributed.get_backend() if torch.distributed.is_initialized() else None),
               Path(out)/f'rank{rank}.pt')
    if torch.distributed.is_initialized(): torch.distributed.destroy_process_group()


def _reference(init, batches):
    "One D step and one G step, each with the mean of the per-shard gradients, in one process."
    from advspade.losses import Losses, hinge_d_loss, hinge_g_loss, feat_match_loss, kld_loss, attack_loss
    learn = _make(); m0 = learn.model
    for k in ('netG', 'netE', 'netD'): getattr(m0, k).load_state_dict(init[k])
    lam, ls = Losses(vgg=0), m0.label_set
    ms = [copy.deepcopy(m0) for _ in batches]            # one copy per shard (own spectral-norm buffers)
    opts = [(torch.optim.Adam([*m.netG.parameters(), *m.netE.parameters()], lr=2e-4, betas=(0.5, 0.999)),
             torch.optim.Adam(m.netD.parameters(), lr=2e-4, betas=(0.5, 0.999))) for m in ms]
    def d(m, seg, fake, real):
        out = m.netD(torch.cat([torch.cat([seg, fake], 1), torch.cat([seg, real], 1)]))
        return [[f[:len(fake)] for f in fs] for fs in out], [[f[len(fake):] for f in fs] for fs in out]
    grads = {}   # id of shard 0's parameter → the mean gradient applied
    def mean_grads(params_per_shard):
        for ps in zip(*params_per_shard):
            if ps[0].grad is None: continue
            g = torch.stack([p.grad for p in ps]).mean(0)
            grads[id(ps[0])] = g.clone()
            for p in ps: p.grad = g.clone()
    state = []
    for m, (img, raw, inst) in zip(ms, batches):      # D step on each shard
        m.train(); m.target.eval()
        torch.manual_seed(STEP_SEED)
        seg = ls.gen_input(raw, inst)
        mu, logvar = m.netE(img); fake = m.netG(seg, m.netE.reparameterize(mu, logvar))
        fp, rp = d(m, seg, fake.detach(), img)
        m.netD.zero_grad(); hinge_d_loss(rp, fp).backward()
        state.append((seg, img, raw, mu, logvar, fake))
    mean_grads([list(m.netD.parameters()) for m in ms])
    for _, oD in opts: oD.step()
    for m, (seg, img, raw, mu, logvar, fake) in zip(ms, state):   # G step on each shard
        m.netD.requires_grad_(False)
        fp, rp = d(m, seg, fake, img)
        loss = (lam.gan*hinge_g_loss(fp) + lam.fm*feat_match_loss(rp, fp) + lam.kld*kld_loss(mu, logvar)
                + lam.atk*attack_loss(m.target(fake), ls.to_target(raw)))
        m.netG.zero_grad(); m.netE.zero_grad(); loss.backward()
    mean_grads([[*m.netG.parameters(), *m.netE.parameters()] for m in ms])
    for oG, _ in opts: oG.step()
    g = {f'{k}.{n}': grads[id(p)] for k in ('netG', 'netE', 'netD') for n, p in getattr(ms[0], k).named_parameters() if id(p) in grads}
    return ms, g


def test_two_process_step_matches_mean_gradient_step():
    with tempfile.TemporaryDirectory() as out:
        mp.spawn(_worker, args=(2, _free_port(), out), nprocs=2, join=True)
        r0, r1 = (torch.load(Path(out)/f'rank{r}.pt', weights_only=False) for r in (0, 1))
    assert r0['backend'] == 'gloo'
    # the ranks drew disjoint shards of one shared order (the CPU broadcast override works)
    (b0,), (b1,) = r0['batches'], r1['batches']
    assert not torch.equal(b0[0], b1[0])
    # both ranks end with identical weights …
    for k in ('netG', 'netE', 'netD'):
        for n, v in r0['final'][k].items(): assert torch.equal(v, r1['final'][k][n]), f'ranks differ at {k}.{n}'
    # … which differ from the initial weights and equal the mean-gradient reference
    # Adam's first step is ≈ lr·sign(g) per element, so an element whose true gradient is ~0 (float noise:
    # e.g. a conv bias that the following normalization cancels) moves ±lr at random in either run. Compare
    # the elements whose mean gradient is clearly above that noise, and require that they are most of them.
    ref, grads = _reference(r0['init'], [b0, b1])
    compared = total = 0
    for m in ref:
        for k in ('netG', 'netE', 'netD'):
            sd = getattr(m, k).state_dict()
            scale = max(g.abs().max() for name, g in grads.items() if name.startswith(k + '.'))
            for n, _ in getattr(m, k).named_parameters():   # learned weights (not the power-iteration buffers)
                g = grads.get(f'{k}.{n}')
                if g is None: continue
                keep = g.abs() > 1e-6*scale   # clearly above float noise for this network's gradient scale
                compared, total = compared + int(keep.sum()), total + keep.numel()
                torch.testing.assert_close(r0['final'][k][n][keep], sd[n][keep], rtol=1e-4, atol=1e-5,
                                           msg=f'{k}.{n} differs from the reference')
    assert compared > 0.3*total, (compared, total)   # measured: about half of all elements
    moved = [n for n, v in r0['final']['netG'].items() if not torch.equal(v, r0['init']['netG'][n])]
    assert moved, 'the generator did not change'
