"""The skew of a scanned page, from its table rules or, without any, from its text lines."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from parsers.ocr.image import skew_angle


def page(angle: float, rules: bool) -> np.ndarray:
    """A white page with horizontal rules (or rows of text-like strokes), turned by `angle`°."""
    img = np.full((1400, 1000), 255, np.uint8)
    for y in range(200, 1200, 100):
        if rules:
            cv2.line(img, (100, y), (900, y), 0, 3)
        else:  # "characters": 24-px glyph-like strokes 6 px apart on a baseline
            for x in range(100, 900, 30):
                cv2.line(img, (x, y), (x + 24, y), 0, 2)
                cv2.line(img, (x + 12, y - 22), (x + 12, y), 0, 2)
    m = cv2.getRotationMatrix2D((500, 700), angle, 1.0)
    return cv2.warpAffine(img, m, (1000, 1400), flags=cv2.INTER_LINEAR, borderValue=255)


@pytest.mark.parametrize("angle", [1.5, -0.8])
@pytest.mark.parametrize("rules", [True, False])
def test_skew_found_from_rules_and_from_text(angle, rules):
    # warpAffine turns counter-clockwise for a positive angle: the lines fall to the right in image rows
    assert skew_angle(page(angle, rules)) == pytest.approx(-angle, abs=0.15)


def test_a_blank_page_has_no_skew():
    assert skew_angle(np.full((1400, 1000), 255, np.uint8)) == 0.0
