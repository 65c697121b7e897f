"""A page as a clean grayscale image: rendered, despeckled, and the angle it is turned by.

The skew comes from the page's table rules where it has any (cheap, and the rules are what the grid
is found from); a page of prose has none, and its angle is read off the text lines the detector
boxes anyway (parsers.ocr.engine.line_angle), so no second search of the text pixels is made."""
from __future__ import annotations

import cv2
import numpy as np

DPI = 200  # enough for 10.5pt CJK text; the time detection takes grows with the pixel count
MAX_SKEW = 5.0  # degrees: a page turned further is not a scan fed askew, and is left alone
MIN_SKEW = 0.05  # below this a turn moves a line end by under a pixel: not worth resampling the page


def render(page, dpi: int = DPI) -> np.ndarray:
    """A pypdfium2 page rendered to an 8-bit grayscale array."""
    return page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()


def despeckle(img: np.ndarray) -> np.ndarray:
    # scanner speckles are a pixel or two; a 3×3 median keeps strokes and removes them
    return cv2.medianBlur(img, 3)


def rule_angle(img: np.ndarray) -> float | None:
    """The median angle (degrees, image rows growing downwards) of the page's long horizontal
    rules, or None where it has none.

    An opening with a 40-pixel horizontal bar leaves only long horizontal runs (a character is about
    30 px wide at 200 dpi; a rule turned by up to 4° still has runs that long). Each piece left that
    spans a quarter of the page and is thin (a filled chart or a shaded block is not) is a rule, and
    a straight line fitted through its pixels gives its angle: linear in the pixel count, a few tens of
    milliseconds a page, where a Hough search over the same pixels took seconds."""
    binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (40, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    angles, weights = [], []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if w < img.shape[1] // 4 or area / w > 8:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == i)
        vx, vy = cv2.fitLine(np.column_stack([xs, ys]).astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01)[:2, 0]
        angle = float(np.degrees(np.arctan2(vy, vx)))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        if abs(angle) < MAX_SKEW:
            angles.append(angle)
            weights.append(w)
    return weighted_median(angles, weights) if angles else None


def weighted_median(values: list[float], weights: list[float]) -> float:
    order = np.argsort(values)
    cum = np.cumsum(np.asarray(weights, float)[order])
    return float(np.asarray(values)[order][np.searchsorted(cum, cum[-1] / 2)])


def rotation(shape: tuple[int, int], angle: float) -> np.ndarray:
    """The 2×3 affine matrix that turns a page image of this shape straight (about its centre)."""
    h, w = shape
    return cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)


def straighten(img: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < MIN_SKEW:
        return img
    h, w = img.shape
    return cv2.warpAffine(img, rotation(img.shape, angle), (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
