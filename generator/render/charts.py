"""The four charts of the 情况说明: bar comparisons (图1, 图4) and structure pies (图2, 图3).

Inputs are plain frozen dataclasses (``BarComparison``, ``PieShare``) so that this module knows
nothing about the workbook. Output is PNG bytes, byte-identical for identical input: fixed figure
size and dpi, no timestamps and no ``Software`` entry in the PNG metadata. The PNG is encoded here
(``encode_png``) from the Agg pixels, not by Pillow: same pixels, written about four times faster.

Only the object-oriented matplotlib API is used (``Figure`` + ``FigureCanvasAgg``), never pyplot,
so rendering leaves no global figure state behind. Style settings are applied through
``matplotlib.rc_context`` and restored afterwards.

Chinese text needs a CJK font on a fresh machine: the Noto Sans CJK SC file shipped inside the
``mplfonts`` package is registered with matplotlib's font manager (once), without running
mplfonts' installer, which would write into matplotlib's own folders.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import secrets
import struct
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from generator.rounding import largest_remainder_percentages

__all__ = [
    "DPI",
    "FIGSIZE",
    "BarComparison",
    "ChartFontError",
    "PieShare",
    "build_bar_figure",
    "build_pie_figure",
    "chart_font_family",
    "chart_font_path",
    "encode_png",
    "largest_remainder_percentages",
    "render_bar",
    "render_pie",
    "write_png",
]

DPI = 150
FIGSIZE = (6.4, 3.6)  # inches: 960 x 540 pixels at DPI 150

# Font files looked for inside the mplfonts package, best first.
_FONT_CANDIDATES = ("NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Regular.ttf", "NotoSansCJKsc-Regular.ttc")
_FONT_GLOBS = ("NotoSansCJK*.otf", "NotoSansCJK*.ttf", "NotoSansCJK*.ttc")

# Quiet palette close to the usual 部门决算 charts; colour i is used for part i (and bar i).
_PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")
_BAR_COLORS = ("#A5A5A5", "#4472C4")  # 上年 grey, 本年 blue
_TEXT_COLOR = "#262626"
_MUTED_COLOR = "#7F7F7F"

_TITLE_SIZE = 12
_LABEL_SIZE = 9
_SMALL_SIZE = 8

_CENT = Decimal("0.01")


class ChartFontError(RuntimeError):
    """The CJK font needed for the charts' Chinese text cannot be found."""


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class BarComparison:
    """图1 收、支决算总计变动 / 图4 财政拨款收、支决算总计变动: 上年 against 本年.

    ``prior`` is ``None`` when the previous year's figure is unknown: only the current bar is drawn.
    """

    title: str
    prior_label: str
    current_label: str
    prior: Decimal | None
    current: Decimal
    unit: str = "万元"


@dataclass(frozen=True)
class PieShare:
    """图2 收入决算结构 / 图3 支出决算结构: ``parts`` are ``(名称, 金额)`` pairs in display order.

    ``shares``: the percentage printed beside each part, one per part; the document passes the shares
    its text prints (``figures``), so the pie never says 98.6% where the text says 98.61%. Without them
    the shares are computed here by largest remainder with ``decimals`` places.
    Zero parts are left out of the pie; when every part is zero a neutral "无数据" chart is drawn.
    """

    title: str
    parts: tuple[tuple[str, Decimal], ...]
    unit: str = "万元"
    shares: tuple[Decimal, ...] = ()
    decimals: int = 1

    def __post_init__(self) -> None:
        if self.shares and len(self.shares) != len(self.parts):
            raise ValueError(f"{self.title}：结构图的占比个数（{len(self.shares)}）与部分个数（{len(self.parts)}）不同")

    def printed_shares(self) -> tuple[tuple[str, Decimal, Decimal], ...]:
        """The non-zero parts with the share printed beside each: ``(名称, 金额, 占比)``."""
        shares = self.shares or tuple(largest_remainder_percentages(
            [max(Decimal(a), Decimal(0)) for _, a in self.parts], self.decimals))
        return tuple((name, Decimal(amount), share)
                     for (name, amount), share in zip(self.parts, shares, strict=True) if Decimal(amount) != 0)


# ---------------------------------------------------------------------------------------------
# Pure helpers


def _money(value: Decimal) -> str:
    """Two decimals, half up: ``Decimal("1958.4")`` → ``"1958.40"``."""
    return format(Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP), "f")


# ---------------------------------------------------------------------------------------------
# Font


@functools.lru_cache(maxsize=1)
def chart_font_path() -> Path:
    """The Noto Sans CJK SC file shipped inside the ``mplfonts`` package.

    Raises ``ChartFontError`` when mplfonts is missing or ships no such file.
    """
    try:
        fonts_dir = resources.files("mplfonts") / "fonts"
    except ModuleNotFoundError as exc:
        raise ChartFontError(_font_message("未安装 mplfonts 包")) from exc
    with contextlib.suppress(OSError, TypeError):
        for name in _FONT_CANDIDATES:
            candidate = fonts_dir / name
            if candidate.is_file():
                return Path(str(candidate))
        folder = Path(str(fonts_dir))
        for pattern in _FONT_GLOBS:
            found = sorted(folder.glob(pattern))
            if found:
                return found[0]
    raise ChartFontError(_font_message(f"在 {fonts_dir} 中没有 Noto Sans CJK SC 字体文件"))


def _font_message(detail: str) -> str:
    return f"未找到中文字体（{detail}），图表中的中文无法显示。请重新安装依赖 mplfonts：pip install mplfonts"


@functools.lru_cache(maxsize=1)
def chart_font_family() -> str:
    """Register the CJK font with matplotlib (once) and return its family name."""
    path = chart_font_path()
    try:
        font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
    except (OSError, RuntimeError, ValueError) as exc:
        raise ChartFontError(_font_message(f"字体文件 {path} 无法读取：{exc}")) from exc
    return family


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """matplotlib settings for the charts, restored on exit."""
    family = chart_font_family()
    settings = {
        "font.family": [family],
        "font.size": _LABEL_SIZE,
        "axes.unicode_minus": False,
        "text.color": _TEXT_COLOR,
        "axes.labelcolor": _TEXT_COLOR,
        "xtick.color": _TEXT_COLOR,
        "ytick.color": _TEXT_COLOR,
    }
    with matplotlib.rc_context(settings):
        yield


def _new_figure() -> Figure:
    fig = Figure(figsize=FIGSIZE, dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _to_png(fig: Figure) -> bytes:
    """Draw ``fig`` with Agg (as ``savefig`` does) and encode its pixels as PNG."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba()), fig.dpi)


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_COMPRESSION = 1  # zlib level: flat chart colours compress well without PNG row filters


def encode_png(rgba: np.ndarray, dpi: float) -> bytes:
    """A PNG of the ``(height, width, 4)`` uint8 RGBA pixels with the resolution ``dpi`` (``pHYs``).

    8-bit RGBA, rows unfiltered, one ``IDAT`` chunk, no text chunks: deterministic, and several
    times faster than Pillow's encoder, which tries every row filter (useless on charts).
    """
    height, width, channels = rgba.shape
    if channels != 4 or rgba.dtype != np.uint8:
        raise ValueError("encode_png: expected (height, width, 4) uint8 RGBA pixels")
    rows = np.empty((height, width * 4 + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type None
    rows[:, 1:] = rgba.reshape(height, width * 4)
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join((
        _PNG_SIGNATURE,
        _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
        _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        _png_chunk(b"IDAT", zlib.compress(memoryview(rows), _PNG_COMPRESSION)),
        _png_chunk(b"IEND", b""),
    ))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# ---------------------------------------------------------------------------------------------
# Bar comparison (图1, 图4)


def build_bar_figure(chart: BarComparison) -> Figure:
    """The ``Figure`` of a bar comparison: one bar container with one or two bars."""
    with _style():
        fig = _new_figure()
        ax = fig.add_axes((0.12, 0.12, 0.82, 0.72))
        fig.suptitle(chart.title, fontsize=_TITLE_SIZE, y=0.955)

        if chart.prior is None:
            labels = [chart.current_label]
            values = [Decimal(chart.current)]
            colors = [_BAR_COLORS[1]]
        else:
            labels = [chart.prior_label, chart.current_label]
            values = [Decimal(chart.prior), Decimal(chart.current)]
            colors = list(_BAR_COLORS)

        positions = list(range(len(values)))
        bars = ax.bar(positions, [float(v) for v in values], width=0.45, color=colors, zorder=2)
        ax.bar_label(bars, labels=[_money(v) for v in values], padding=3, fontsize=_LABEL_SIZE)

        ax.set_xticks(positions, labels)
        centre = (len(values) - 1) / 2  # same bar width whether one or two bars are drawn
        ax.set_xlim(centre - 1.25, centre + 1.25)
        ax.tick_params(axis="x", length=0, labelsize=_LABEL_SIZE + 1)
        ax.tick_params(axis="y", labelsize=_SMALL_SIZE, colors=_MUTED_COLOR)

        top = max([float(v) for v in values] + [0.0])
        bottom = min([float(v) for v in values] + [0.0])
        span = (top - bottom) or 1.0
        ax.set_ylim(bottom - (0.12 * span if bottom < 0 else 0.0), top + 0.15 * span if top > 0 else 1.0)

        ax.set_ylabel(f"单位：{chart.unit}", fontsize=_SMALL_SIZE, color=_MUTED_COLOR)
        ax.grid(axis="y", color="#D9D9D9", linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color("#BFBFBF")
    return fig


def render_bar(chart: BarComparison) -> bytes:
    """PNG bytes of a bar comparison."""
    with _style():
        return _to_png(build_bar_figure(chart))


# ---------------------------------------------------------------------------------------------
# Structure pie (图2, 图3)

_PIE_TOP = 0.86  # top of the pie's axes (figure fraction); the title sits above
_LEGEND_COLUMNS = 3
_LEGEND_ROW = 0.065  # height of one legend row (figure fraction)
_PIE_LIMIT = 1.3  # the axes show ±this many pie radii vertically
_LABEL_RADIUS = 1.12  # elbow of the leader line
_LABEL_X = 1.32  # where the label text starts (right side) or ends (left side)
_LABEL_GAP = 0.17  # minimal vertical distance between two labels on the same side (pie radii)
_LABEL_LIMIT = 1.22  # labels stay within ±this height


def build_pie_figure(chart: PieShare) -> Figure:
    """The ``Figure`` of a structure pie (or the neutral "无数据" chart).

    The pie is centred with its labels ("名称 xx.x%") outside on leader lines; the legend
    ("名称  金额万元") runs along the bottom. The largest part is centred on the left (9 o'clock),
    so the small parts gather on the right where their labels can be spread vertically.
    """
    amounts = [Decimal(amount) for _, amount in chart.parts]
    if any(a < 0 for a in amounts):
        raise ValueError(f"{chart.title}：结构图中的金额不能为负数")
    printed = chart.printed_shares()
    shown = [(name, amount) for name, amount, _ in printed]

    with _style():
        fig = _new_figure()
        fig.suptitle(chart.title, fontsize=_TITLE_SIZE, y=0.955)
        if not shown:
            _draw_no_data(fig)
            return fig

        values = [amount for _, amount in shown]
        shares = [share for _, _, share in printed]
        colors = [_PALETTE[i % len(_PALETTE)] for i in range(len(shown))]
        columns = min(len(shown), _LEGEND_COLUMNS)
        rows = math.ceil(len(shown) / columns)
        bottom = 0.05 + rows * _LEGEND_ROW
        box = (0.01, bottom, 0.98, _PIE_TOP - bottom)
        ax = fig.add_axes(box)
        wedges, _ = ax.pie(
            [float(v) for v in values],
            colors=colors,
            startangle=_start_angle(values),
            counterclock=False,
            radius=1.0,
            wedgeprops={"edgecolor": "white", "linewidth": 1.0},
        )
        labels = [f"{name} {format(share, 'f')}%" for (name, _), share in zip(shown, shares, strict=True)]
        if len(shown) == 1:
            ax.text(0, 0, labels[0], ha="center", va="center", color="white", fontsize=_LABEL_SIZE + 1)
        else:
            _draw_outside_labels(ax, wedges, labels)
        # x limits matching the axes' shape: the pie is round and centred without adjusting the box
        half_width = _PIE_LIMIT * (box[2] * FIGSIZE[0]) / (box[3] * FIGSIZE[1])
        ax.set_xlim(-half_width, half_width)
        ax.set_ylim(-_PIE_LIMIT, _PIE_LIMIT)
        ax.set_aspect("equal")
        ax.axis("off")

        entries = [f"{name}  {_money(amount)}{chart.unit}" for name, amount in shown]
        order = _row_major(len(shown), columns)
        fig.legend(
            [wedges[i] for i in order],
            [entries[i] for i in order],
            loc="lower center",
            bbox_to_anchor=(0.5, 0.03),
            ncols=columns,
            frameon=False,
            fontsize=_SMALL_SIZE,
            handlelength=1.2,
            handleheight=1.0,
            columnspacing=2.0,
        )
    return fig


def _start_angle(values: Sequence[Decimal]) -> float:
    """Start angle (clockwise drawing) that centres the largest part at 9 o'clock."""
    total = sum(values, Decimal(0))
    largest = max(range(len(values)), key=lambda i: (values[i], -i))
    before = sum(values[:largest], Decimal(0))
    centre = float((before + values[largest] / 2) / total)
    return (180.0 + 360.0 * centre) % 360.0


def _row_major(count: int, columns: int) -> list[int]:
    """Order handing items to ``Figure.legend`` (which fills column by column) so they read row by row."""
    rows = math.ceil(count / columns)
    return [r * columns + c for c in range(columns) for r in range(rows) if r * columns + c < count]


def render_pie(chart: PieShare) -> bytes:
    """PNG bytes of a structure pie."""
    with _style():
        return _to_png(build_pie_figure(chart))


def _draw_no_data(fig: Figure) -> None:
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.7))
    ax.axis("off")
    ax.text(0.5, 0.5, "无数据", ha="center", va="center", fontsize=_TITLE_SIZE + 2, color=_MUTED_COLOR)


def _draw_outside_labels(ax, wedges, labels: list[str]) -> None:
    """Labels outside the pie with leader lines, spread vertically so that small slices stay legible."""
    anchors: list[tuple[int, float, float, float]] = []  # (index, cos, sin, wanted y)
    for index, wedge in enumerate(wedges):
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        cos, sin = math.cos(angle), math.sin(angle)
        anchors.append((index, cos, sin, _LABEL_RADIUS * sin))

    for right in (True, False):
        side = [a for a in anchors if (a[1] >= 0) == right]
        side.sort(key=lambda a: -a[3])  # top to bottom
        ys = _spread([a[3] for a in side], _LABEL_GAP, _LABEL_LIMIT)
        sign = 1.0 if right else -1.0
        for (index, cos, sin, _), y in zip(side, ys, strict=True):
            # the elbow lies outside the pie at the label's height, so no line crosses the pie
            elbow_x = sign * max(_LABEL_RADIUS * abs(cos), math.sqrt(max(0.0, 1.06**2 - y * y)))
            ax.plot(
                [cos, elbow_x, sign * (_LABEL_X - 0.04)],
                [sin, y, y],
                color=_MUTED_COLOR,
                linewidth=0.6,
                solid_capstyle="butt",
            )
            ax.text(
                sign * _LABEL_X,
                y,
                labels[index],
                ha="left" if right else "right",
                va="center",
                fontsize=_SMALL_SIZE,
            )


def _spread(wanted: list[float], gap: float, limit: float) -> list[float]:
    """Positions close to ``wanted`` (sorted top to bottom) at least ``gap`` apart, within ±limit."""
    if not wanted:
        return []
    gap = min(gap, 2 * limit / max(len(wanted) - 1, 1))
    ys = [min(wanted[0], limit)]
    for y in wanted[1:]:
        ys.append(min(y, ys[-1] - gap))
    if ys[-1] < -limit:  # pushed below the floor: push back up from the bottom
        ys[-1] = -limit
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = max(ys[i], ys[i + 1] + gap)
    return ys


# ---------------------------------------------------------------------------------------------
# Files


def write_png(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
