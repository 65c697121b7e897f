"""The skew of a scanned page: from its table rules, or, without any, from the text lines OCR boxes."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from parsers.ocr.engine import TextLine, line_angle, turned
from parsers.ocr.image import rotation, rule_angle


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
    return cv2.warpAffine(img, rotation(img.shape, angle), (1000, 1400), flags=cv2.INTER_LINEAR, borderValue=255)


@pytest.mark.parametrize("angle", [1.5, -0.8, 0.3, 3.0])
def test_skew_found_from_rules(angle):
    # warpAffine turns counter-clockwise for a positive angle: the lines fall to the right in image rows
    assert rule_angle(page(angle, True)) == pytest.approx(-angle, abs=0.05)


def test_text_is_no_rule_and_a_blank_page_has_none():
    assert rule_angle(page(1.0, False)) is None
    assert rule_angle(np.full((1400, 1000), 255, np.uint8)) is None


def test_a_filled_chart_is_no_rule():
    img = page(0.7, True)
    cv2.circle(img, (500, 700), 250, 0, -1)  # a pie chart: wide, but no line
    assert rule_angle(img) == pytest.approx(-0.7, abs=0.05)


def quad(x0, y0, width, height, angle):
    """The corners of a line box `width` × `height` px whose top edge rises at `angle`° (image rows down)."""
    a = np.radians(angle)
    d, n = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
    p = np.array([x0, y0], float)
    return np.array([p, p + width * d, p + width * d + height * n, p + height * n], np.float32)


def test_the_angle_of_prose_from_its_long_lines():
    lines = [TextLine(quad(100, 200 + 40 * i, 1200, 30, 0.6), "一行文字", 0.99, ()) for i in range(9)]
    lines += [TextLine(quad(100, 700, 120, 30, -8.0), "12.5", 0.99, ())]  # too short to measure
    assert line_angle(lines) == pytest.approx(0.6, abs=0.01)
    assert line_angle(lines[-1:]) is None


def test_lines_are_turned_with_the_page():
    img_shape = (1400, 1000)
    line = TextLine(quad(100, 300, 800, 30, 1.0), "一行文字", 0.99, ())
    straight = turned([line], rotation(img_shape, 1.0))[0]
    assert line_angle([straight]) == pytest.approx(0.0, abs=0.01)
    assert straight.text == "一行文字" and straight.score == 0.99
