"""The shipped ToyScenes SPADE and AdvSPADE against the story's bars, measured again here by the package's own
functions (`demo.story_sets` / `story_scores`: 32 fixed validation scenes for mIoU, 512 for the SceneNet FID/KID),
and equal to what `advspade/weights/toy_gans.json` records (written by `scripts/build_toy_models.py`)."""
import json
from pathlib import Path
import pytest, torch

ROOT = Path(__file__).resolve().parents[1]

@pytest.fixture(scope='module')
def story():
    from advspade.demo import toy_gan, story_sets, story_scores, story_ratios
    torch.set_num_threads(2)
    sets, raw = story_sets({'SPADE': toy_gan('spade'), 'AdvSPADE': toy_gan('advspade')})
    df = story_scores(sets, raw)
    return df, story_ratios(df)

def test_spade_realism_bar(story):
    "SPADE's KID (SceneNet) is at most that of real scenes under a 5x5 binomial blur (colour-right blobs do not pass)"
    df, _ = story
    assert df.loc['SPADE', 'KID (SceneNet)'] <= df.loc['real, other scenes, 5×5 blur (bar)', 'KID (SceneNet)'], df['KID (SceneNet)']

def test_spade_keeps_toynet(story):
    "Toynet keeps >= 0.8 of its real-image mIoU on SPADE images (the paper's DRN: 0.82)"
    assert story[1]['SPADE/real (target)'] >= 0.8, story[1]

def test_advspade_fools_toynet_realistically(story):
    "AdvSPADE: toynet <= 0.25x its SPADE mIoU; SceneNet FID <= 1.5x SPADE's, float and uint8"
    r = story[1]
    assert r['AdvSPADE/SPADE (target)'] <= 0.25, r
    assert r['AdvSPADE/SPADE (FID)'] <= 1.5 and r['AdvSPADE/SPADE (FID, uint8)'] <= 1.5, r

def test_advspade_keeps_the_judge(story):
    "The semantic judge keeps >= 0.8 of its SPADE mIoU on AdvSPADE images"
    assert story[1]['AdvSPADE/SPADE (judge)'] >= 0.8, story[1]

def test_recorded_numbers_are_measured(story):
    "toy_gans.json holds what the shipped files measure (same functions, same scenes, same z)"
    df, _ = story
    rec = json.loads((ROOT/'advspade'/'weights'/'toy_gans.json').read_text())
    for kind, row in (('spade', 'SPADE'), ('advspade', 'AdvSPADE')):
        assert rec[kind]['miou_toynet'] == pytest.approx(df.loc[row, 'mIoU toynet'], abs=2e-3), kind
        assert rec[kind]['miou_judge'] == pytest.approx(df.loc[row, 'mIoU judge'], abs=2e-3), kind
        assert rec[kind]['fid_scenenet'] == pytest.approx(df.loc[row, 'FID (SceneNet)'], rel=0.02), kind

def test_weights_budget():
    "Shipped weights stay small: <= 40 MB in all, judges included"
    total = sum(f.stat().st_size for f in (ROOT/'advspade'/'weights').glob('*.pth'))
    assert total <= 40e6, total
