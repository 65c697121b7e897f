"""A page as a clean grayscale image: rendered, despeckled, deskewed."""
from __future__ import annotations

import cv2
import numpy as np

DPI = 200  # enough for 10.5pt CJK text; the time OCR takes grows with the pixel count


def render(page, dpi: int = DPI) -> np.ndarray:
    """A pypdfium2 page rendered to an 8-bit grayscale array."""
    return page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()


def despeckle(img: np.ndarray) -> np.ndarray:
    # scanner speckles are a pixel or two; a 3×3 median keeps strokes and removes them
    return cv2.medianBlur(img, 3)


def skew_angle(img: np.ndarray) -> float:
    """The page's rotation in degrees, from its long near-horizontal lines (table rules, text baselines)."""
    binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    width = img.shape[1]
    lines = cv2.HoughLinesP(binary, 1, np.pi / 1800, threshold=200, minLineLength=width // 4, maxLineGap=10)
    if lines is None:
        return 0.0
    angles = []
    for x1, y1, x2, y2 in lines.reshape(-1, 4):
        if x2 != x1:
            a = np.degrees(np.arctan2(y2 - y1, x2 - x1))
            if abs(a) < 5:
                angles.append(a)
    return float(np.median(angles)) if angles else 0.0


def deskew(img: np.ndarray) -> tuple[np.ndarray, float]:
    angle = skew_angle(img)
    if abs(angle) < 0.05:
        return img, 0.0
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def prepare(page, dpi: int = DPI) -> np.ndarray:
    return deskew(despeckle(render(page, dpi)))[0]
