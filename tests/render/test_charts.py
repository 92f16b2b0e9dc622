"""Charts of the 情况说明: font, percentages, determinism, layout facts and atomic writes."""

from __future__ import annotations

import os
import warnings
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from generator.render import charts
from generator.render.charts import (
    BarComparison,
    ChartFontError,
    PieShare,
    build_bar_figure,
    build_pie_figure,
    chart_font_family,
    chart_font_path,
    largest_remainder_percentages,
    render_bar,
    render_pie,
    write_png,
)

D = Decimal

TOTALS = BarComparison("收、支决算总计变动情况", "2020年度", "2021年度", D("2270.24"), D("546.99"))
GRANTS = BarComparison("财政拨款收、支决算总计变动情况", "2020年度", "2021年度", D("1958.40"), D("546.99"))
INCOME = PieShare(
    "收入决算结构",
    (
        ("财政拨款收入", D("546.99")),
        ("上级补助收入", D("0")),
        ("事业收入", D("0")),
        ("经营收入", D("0")),
        ("其他收入", D("0")),
    ),
)
SPENDING = PieShare(
    "支出决算结构",
    (("基本支出", D("238.75")), ("项目支出", D("308.24")), ("上缴上级支出", D("0")), ("经营支出", D("0"))),
)
CROWDED = PieShare(
    "支出决算结构",
    (
        ("基本支出", D("5000")),
        ("项目支出", D("12")),
        ("上缴上级支出", D("3")),
        ("经营支出", D("1.5")),
        ("对附属单位补助支出", D("0.8")),
        ("其他支出", D("7")),
    ),
)
EMPTY = PieShare("收入决算结构", (("财政拨款收入", D("0")), ("其他收入", D("0.00"))))


def _decode(png: bytes):
    return matplotlib.image.imread(BytesIO(png), format="png")


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


# --- largest remainder --------------------------------------------------------------------------


def test_three_equal_parts_give_33_4_33_3_33_3():
    shares = largest_remainder_percentages([D(1), D(1), D(1)])
    assert shares == [D("33.4"), D("33.3"), D("33.3")]
    assert sum(shares) == D("100.0")


@pytest.mark.parametrize(
    "values",
    [
        [D("238.75"), D("308.24")],
        [D("1"), D("1"), D("1"), D("1"), D("1"), D("1"), D("1")],
        [D("2"), D("1"), D("1"), D("1"), D("1"), D("1")],
        [D("5000"), D("12"), D("3"), D("1.5"), D("0.8"), D("7")],
        [D("0.01"), D("0.01"), D("0.01")],
        [D("10.95"), D("534.04")],
        [D("0.0001"), D("99999999.99")],
        [D("546.99"), D("0"), D("0")],
    ],
)
def test_shares_always_add_up_to_exactly_100(values):
    shares = largest_remainder_percentages(values)
    assert len(shares) == len(values)
    assert sum(shares) == D("100.0")
    assert all(s.as_tuple().exponent == -1 for s in shares)
    for value, share in zip(values, shares, strict=True):  # never further than one unit from the exact share
        exact = value * 100 / sum(values)
        assert abs(share - exact) < D("0.1")


def test_shares_of_the_seed_match_the_published_text():
    assert largest_remainder_percentages([D("238.75"), D("308.24")]) == [D("43.6"), D("56.4")]
    assert largest_remainder_percentages([D("10.95"), D("534.04")]) == [D("2.0"), D("98.0")]


def test_shares_with_other_precision():
    shares = largest_remainder_percentages([D(1), D(1), D(1)], decimals=2)
    assert shares == [D("33.34"), D("33.33"), D("33.33")]
    assert largest_remainder_percentages([D(1), D(2)], decimals=0) == [D("33"), D("67")]


def test_all_zero_and_empty_give_zeros():
    assert largest_remainder_percentages([D("0"), D("0.00"), D("0")]) == [D("0.0")] * 3
    assert largest_remainder_percentages([]) == []


def test_negative_amounts_are_rejected():
    with pytest.raises(ValueError):
        largest_remainder_percentages([D("5"), D("-1")])


# --- font -----------------------------------------------------------------------------------------


def test_registered_font_is_a_cjk_font_from_mplfonts():
    family = chart_font_family()
    assert "CJK" in family or "Noto" in family
    path = chart_font_path()
    assert path.is_file()
    assert "mplfonts" in path.parts
    assert family in {entry.name for entry in font_manager.fontManager.ttflist}


def test_missing_font_raises_a_clear_chinese_error(monkeypatch, tmp_path):
    class EmptyPackage:
        def __truediv__(self, other):
            return tmp_path / other

    monkeypatch.setattr(charts.resources, "files", lambda package: EmptyPackage())
    chart_font_path.cache_clear()
    try:
        with pytest.raises(ChartFontError, match=r"未找到中文字体.*mplfonts"):
            chart_font_path()
        assert issubclass(ChartFontError, RuntimeError)
    finally:
        monkeypatch.undo()
        chart_font_path.cache_clear()
    assert chart_font_path().is_file()


@pytest.mark.parametrize("chart", [TOTALS, GRANTS, INCOME, SPENDING, CROWDED, EMPTY], ids=lambda c: c.title)
def test_no_missing_glyph_warnings(chart):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = render_bar(chart) if isinstance(chart, BarComparison) else render_pie(chart)
    assert png.startswith(b"\x89PNG")


def test_missing_glyphs_would_be_caught():
    """The glyph check above is meaningful: a font without CJK glyphs does warn."""
    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, "收、支决算", family="DejaVu Sans")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="Glyph"):
        warnings.simplefilter("error")
        fig.canvas.draw()


def test_chart_texts_use_the_cjk_font():
    fig = build_bar_figure(TOTALS)
    fig.canvas.draw()
    family = chart_font_family()
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_fontname")) if getattr(t, "get_text", None)]
    assert texts
    assert {t.get_fontname() for t in texts if t.get_text()} == {family}


# --- PNG output -------------------------------------------------------------------------------------


@pytest.mark.parametrize("chart", [TOTALS, INCOME, SPENDING, CROWDED, EMPTY], ids=lambda c: c.title)
def test_rendering_is_byte_identical(chart):
    render = render_bar if isinstance(chart, BarComparison) else render_pie
    first, second = render(chart), render(chart)
    assert first == second


def test_png_metadata_has_no_software_or_date():
    png = render_bar(TOTALS)
    assert b"matplotlib" not in png.lower()
    assert b"Software" not in png
    assert b"tIME" not in png


@pytest.mark.parametrize("chart", [TOTALS, SPENDING, EMPTY], ids=lambda c: c.title)
def test_png_decodes_with_the_expected_size(chart):
    png = render_bar(chart) if isinstance(chart, BarComparison) else render_pie(chart)
    image = _decode(png)
    assert image.shape[:2] == (540, 960)  # 3.6 x 6.4 inches at 150 dpi
    assert image.min() < 0.5 < image.max()  # something dark was drawn on the white background


@pytest.mark.parametrize("chart", [TOTALS, CROWDED, EMPTY], ids=lambda c: c.title)
def test_png_has_the_pixels_matplotlib_savefig_writes(chart):
    """The PNG is encoded here, not by Pillow through savefig: the same pixels and resolution."""
    render, build = (render_bar, build_bar_figure) if isinstance(chart, BarComparison) \
        else (render_pie, build_pie_figure)
    with charts._style():
        buffer = BytesIO()
        build(chart).savefig(buffer, format="png", dpi=charts.DPI, facecolor="white", metadata={"Software": None})
    ours, theirs = PILImage.open(BytesIO(render(chart))), PILImage.open(buffer)
    assert ours.mode == theirs.mode == "RGBA" and ours.size == theirs.size
    assert ours.tobytes() == theirs.tobytes()
    assert ours.info["dpi"] == pytest.approx(theirs.info["dpi"])


def test_encode_png_round_trips_any_pixels():
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(5, 7, 4), dtype=np.uint8)
    png = charts.encode_png(pixels, 96)
    image = PILImage.open(BytesIO(png))
    assert image.mode == "RGBA" and image.size == (7, 5)
    assert np.array_equal(np.asarray(image), pixels)
    assert image.info["dpi"] == pytest.approx((96, 96), abs=0.05)  # stored per metre
    assert charts.encode_png(pixels, 96) == png
    with pytest.raises(ValueError):
        charts.encode_png(pixels[..., :3], 96)


# --- bar comparison --------------------------------------------------------------------------------


def test_bar_figure_draws_prior_and_current_with_two_decimal_labels():
    fig = build_bar_figure(GRANTS)
    (ax,) = fig.axes
    (bars,) = ax.containers
    assert [p.get_height() for p in bars.patches] == [pytest.approx(1958.40), pytest.approx(546.99)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020年度", "2021年度"]
    texts = _texts(fig)
    assert "1958.40" in texts
    assert "546.99" in texts
    assert "财政拨款收、支决算总计变动情况" in texts
    assert "单位：万元" in texts


def test_bar_figure_without_prior_draws_one_bar():
    chart = BarComparison("收、支决算总计变动情况", "2020年度", "2021年度", None, D("546.99"))
    fig = build_bar_figure(chart)
    (ax,) = fig.axes
    assert len(ax.containers) == 1
    assert len(ax.containers[0].patches) == 1
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2021年度"]
    assert "546.99" in _texts(fig)
    assert render_bar(chart) == render_bar(chart)


def test_bar_labels_round_half_up():
    chart = BarComparison("图", "2020年度", "2021年度", D("0.125"), D("0"))
    texts = _texts(build_bar_figure(chart))
    assert "0.13" in texts
    assert "0.00" in texts


# --- structure pie -------------------------------------------------------------------------------------


def test_pie_leaves_out_zero_parts_and_labels_shares():
    fig = build_pie_figure(SPENDING)
    ax = fig.axes[0]
    assert len(ax.patches) == 2  # 上缴上级支出 and 经营支出 are zero
    texts = _texts(fig)
    assert "基本支出 43.6%" in texts
    assert "项目支出 56.4%" in texts
    assert not any("上缴上级支出" in t for t in texts)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["基本支出  238.75万元", "项目支出  308.24万元"]


def test_pie_with_one_part_is_a_full_circle():
    fig = build_pie_figure(INCOME)
    assert len(fig.axes[0].patches) == 1
    assert "财政拨款收入 100.0%" in _texts(fig)


def test_crowded_pie_labels_do_not_overlap():
    fig = build_pie_figure(CROWDED)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if "%" in t.get_text()]
    assert len(labels) == 6
    assert sum(D(t.get_text().split()[-1].rstrip("%")) for t in labels) == D("100.0")
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        assert 0 <= a.x0 and a.x1 <= fig.bbox.width, labels[i].get_text()  # inside the picture
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    legend_box = fig.legends[0].get_window_extent(renderer)
    assert not any(box.overlaps(legend_box) for box in boxes)


def test_legend_reads_row_by_row():
    fig = build_pie_figure(CROWDED)
    (legend,) = fig.legends
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    positions = {t.get_text().split()[0]: t.get_window_extent(renderer) for t in legend.get_texts()}
    first_row = [positions[name].y0 for name in ("基本支出", "项目支出", "上缴上级支出")]
    second_row = [positions[name].y0 for name in ("经营支出", "对附属单位补助支出", "其他支出")]
    assert max(first_row) - min(first_row) < 1
    assert min(first_row) > max(second_row)
    assert positions["基本支出"].x0 < positions["项目支出"].x0 < positions["上缴上级支出"].x0


def test_all_zero_pie_draws_no_data():
    fig = build_pie_figure(EMPTY)
    texts = _texts(fig)
    assert "无数据" in texts
    assert "收入决算结构" in texts
    assert not any(ax.patches for ax in fig.axes)
    assert _decode(render_pie(EMPTY)).shape[:2] == (540, 960)


def test_pie_rejects_negative_parts():
    with pytest.raises(ValueError, match="负数"):
        build_pie_figure(PieShare("支出决算结构", (("基本支出", D("10")), ("项目支出", D("-1")))))


# --- files --------------------------------------------------------------------------------------------


def test_write_png_replaces_atomically(tmp_path: Path):
    target = tmp_path / "图表" / "图1.png"
    png = render_bar(TOTALS)
    write_png(png, target)
    assert target.read_bytes() == png
    write_png(b"second", target)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["图1.png"]  # no temp file left behind
    mode = target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_write_png_failure_keeps_old_file_and_cleans_up(tmp_path: Path, monkeypatch):
    target = tmp_path / "图2.png"
    target.write_bytes(b"old")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(charts.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_png(b"new", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["图2.png"]
