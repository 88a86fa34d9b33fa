"""The pictures of the documentation, made by the browser (opt-in: ``HL_SCREENSHOTS=1``).

    HL_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_screenshots.py

writes ``docs/screenshots/<lab>-en.png`` and ``<lab>-fr.png`` (a 1280×720 laptop),
``<lab>-projector.png`` (1920×1080, projector view) for every lab the app lists, and
``docs/screenshots/lab.gif``: a lifecycle lab played chapter by chapter, frame by frame as the
browser drew it (the README shows it). Without the variable every test here is skipped.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.e2e.labpages import LABS, open_lab, settle

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.skipif(os.environ.get("HL_SCREENSHOTS") != "1",
                                reason="opt-in: HL_SCREENSHOTS=1 writes docs/screenshots")

MOVIE_LAB = "lifecycle"
MOVIE_PRESSES = 9  # the chapter's button when it has one, else ▶|
FRAMES_PER_PRESS = 7
FRAME_MS = 120  # between two captures; the movie plays them at this pace too
MOVIE_WIDTH = 960


def save_png(page: Page, name: str) -> Path:
    path = OUT / name
    OUT.mkdir(parents=True, exist_ok=True)
    image = Image.open(io.BytesIO(page.screenshot()))
    image.convert("RGB").save(path, optimize=True)
    return path


@pytest.mark.parametrize("view", ["en", "fr", "projector"])
@pytest.mark.parametrize("lab", sorted(LABS))
def test_a_screenshot_of_every_lab(page: Page, lab: str, view: str) -> None:
    open_lab(page, lab, lang="fr" if view == "fr" else "en", projector=view == "projector",
             steps=2)
    with Image.open(save_png(page, f"{lab}-{view}.png")) as saved:
        assert saved.size == ((1920, 1080) if view == "projector" else (1280, 720))


def frame(page: Page) -> Image.Image:
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    height = round(shot.height * MOVIE_WIDTH / shot.width)
    return shot.resize((MOVIE_WIDTH, height), Image.Resampling.LANCZOS)


def press(page: Page) -> None:
    """What a learner does next: the chapter's button if it shows one, else ▶|."""
    action = page.locator("#guide-action")
    if action.is_visible() and action.is_enabled():
        action.click()
    else:
        page.locator("[data-control='next']").click()


def test_a_moving_picture_of_a_lab_for_the_readme(page: Page) -> None:
    open_lab(page, MOVIE_LAB, steps=0)
    frames = [frame(page)]
    for _ in range(MOVIE_PRESSES):
        press(page)
        for _ in range(FRAMES_PER_PRESS):
            page.wait_for_timeout(FRAME_MS)  # a camera, not an assertion: capture as it moves
            frames.append(frame(page))
        settle(page)
    frames.append(frame(page))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "lab.gif"
    palette = [f.quantize(colors=128, method=Image.Quantize.MEDIANCUT) for f in frames]
    palette[0].save(path, save_all=True, append_images=palette[1:], duration=FRAME_MS,
                    loop=0, optimize=True, disposal=1)
    with Image.open(path) as movie:
        assert getattr(movie, "n_frames", 1) > MOVIE_PRESSES and path.stat().st_size < 6_000_000
