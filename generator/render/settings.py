"""Layout settings: which Word template a 公开格式 uses and how its figures are printed.

They are read from ``templates/layouts.toml`` (``[defaults]`` merged with ``[layouts.<格式>]``), so a
province's variant is a template folder plus a few settings, never a branch in the code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from generator.figures import Grade, h
from generator.layouts import SETTINGS_FILE, TEMPLATES_DIR

__all__ = [
    "TEMPLATES_DIR",
    "ChartSettings",
    "ChartsSettings",
    "LayoutSettings",
    "SettingsError",
    "load_settings",
]

TEMPLATE_FILE = "document.docx"
DETAIL_LEVELS = ("class", "item")


class SettingsError(ValueError):
    """The settings file is missing, malformed, or has no entry for the workbook's 公开格式."""


@dataclass(frozen=True)
class ChartSettings:
    file: str = field(metadata=h("图片文件名（写在文档旁边）"))
    title: str = field(metadata=h("图的标题（画在图中）"))


@dataclass(frozen=True)
class ChartsSettings:
    width_cm: float = field(metadata=h("插入文档的图宽度（厘米）"))
    prior_label: str = field(metadata=h("柱状图上年柱子的标注，{year} 为年度"))
    current_label: str = field(metadata=h("柱状图本年柱子的标注，{year} 为年度"))
    unit: str = field(metadata=h("金额单位"))
    total: ChartSettings = field(metadata=h("图1 收、支决算总计变动"))
    income: ChartSettings = field(metadata=h("图2 收入决算结构"))
    expenditure: ChartSettings = field(metadata=h("图3 支出决算结构"))
    appropriation: ChartSettings = field(metadata=h("图4 财政拨款收、支决算总计变动"))


@dataclass(frozen=True)
class LayoutSettings:
    layout: str = field(metadata=h("公开格式：湖北、湖南或上海"))
    folder: str = field(metadata=h("模板文件夹（templates/ 下）"))
    document_file: str = field(metadata=h("文档文件名，{year} 年度、{department} 部门名称"))
    percent_decimals: int = field(metadata=h("百分比小数位数"))
    table_thousands: bool = field(metadata=h("表格金额使用千分位分隔符"))
    text_thousands: bool = field(metadata=h("正文金额使用千分位分隔符"))
    list_zero_parts: bool = field(metadata=h("二、三部分列出为0的收入来源和支出构成"))
    list_zero_classes: bool = field(metadata=h("五（二）列出为0的类级科目"))
    general_budget_detail: str = field(metadata=h("五（三）按 class（类）或 item（项）说明"))
    list_zero_budget_classes: bool = field(metadata=h("五（三）按类说明时列出预算和决算都为0的类"))
    update_fields_on_open: bool = field(metadata=h("打开文档时请 Word 更新域（目录页码）"))
    grades: tuple[Grade, ...] = field(metadata=h("自评等级及最低分，从高到低"))
    charts: ChartsSettings = field(metadata=h("图表设置"))
    templates_dir: Path = field(metadata=h("模板根目录"))
    t6_personnel_rows: tuple[str, ...] = field(
        default=(), metadata=h("表6（两栏式）人员经费栏按此列出的科目编码，没有数的留空"))
    t6_public_rows: tuple[str, ...] = field(
        default=(), metadata=h("表6（两栏式）公用经费栏按此列出的科目编码，没有数的留空"))

    @property
    def template_path(self) -> Path:
        return self.templates_dir / self.folder / TEMPLATE_FILE


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise SettingsError(f"找不到模板设置文件 {path}") from exc
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@cache
def _parse(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """The parsed settings file, cached while the file is unchanged (``mtime_ns`` and ``size`` are the key)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"模板设置文件 {path} 格式有误：{exc}") from exc


def available_layouts(templates_dir: Path = TEMPLATES_DIR) -> tuple[str, ...]:
    return tuple(_read(templates_dir / SETTINGS_FILE).get("layouts", {}))


def load_settings(layout: str, templates_dir: Path | None = None) -> LayoutSettings:
    """The settings of ``layout`` (湖北/湖南/上海) from ``templates/layouts.toml``."""
    root = Path(templates_dir) if templates_dir is not None else TEMPLATES_DIR
    path = root / SETTINGS_FILE
    data = _read(path)
    layouts = data.get("layouts", {})
    if layout not in layouts:
        known = "、".join(layouts) or "（无）"
        raise SettingsError(f"模板设置文件 {path} 中没有公开格式「{layout}」的设置；已有：{known}")
    raw = _merge(data.get("defaults", {}), layouts[layout])
    where = f"模板设置文件 {path} 的 [layouts.{layout}]"
    try:
        charts_raw = raw["charts"]
        charts = ChartsSettings(
            width_cm=float(charts_raw["width_cm"]),
            prior_label=str(charts_raw["prior_label"]),
            current_label=str(charts_raw["current_label"]),
            unit=str(charts_raw["unit"]),
            **{k: ChartSettings(str(charts_raw[k]["file"]), str(charts_raw[k]["title"]))
               for k in ("total", "income", "expenditure", "appropriation")},
        )
        settings = LayoutSettings(
            layout=layout,
            folder=str(raw["folder"]),
            document_file=str(raw["document_file"]),
            percent_decimals=int(raw["percent_decimals"]),
            table_thousands=bool(raw["table_thousands"]),
            text_thousands=bool(raw["text_thousands"]),
            list_zero_parts=bool(raw["list_zero_parts"]),
            list_zero_classes=bool(raw["list_zero_classes"]),
            general_budget_detail=str(raw["general_budget_detail"]),
            list_zero_budget_classes=bool(raw["list_zero_budget_classes"]),
            update_fields_on_open=bool(raw["update_fields_on_open"]),
            grades=tuple(Grade(str(label), Decimal(str(minimum))) for label, minimum in raw["grades"]),
            charts=charts,
            templates_dir=root,
            t6_personnel_rows=tuple(str(c) for c in raw.get("t6_personnel_rows", ())),
            t6_public_rows=tuple(str(c) for c in raw.get("t6_public_rows", ())),
        )
    except KeyError as exc:
        raise SettingsError(f"{where} 缺少设置项 {exc.args[0]}") from exc
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{where} 有不正确的值：{exc}") from exc
    if settings.general_budget_detail not in DETAIL_LEVELS:
        raise SettingsError(
            f"{where} 的 general_budget_detail 应为 class 或 item，而不是 {settings.general_budget_detail}")
    if not 0 <= settings.percent_decimals <= 4:
        raise SettingsError(f"{where} 的 percent_decimals 应为 0 到 4")
    return settings


def settings_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(LayoutSettings))
