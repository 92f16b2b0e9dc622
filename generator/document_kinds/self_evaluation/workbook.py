"""The self-evaluation report's workbook, declared once: its sheets, their columns and lines.

The blank workbook (``write_blank_workbook``) is written from these declarations and the reader finds
rows and columns with them, by label and never by position. The column and line types are the final
accounts' (``generator.workbook.layout``); ``GridSheet`` is a small table of labelled rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from generator.workbook import layout as L
from generator.workbook import template as T

from . import model as M

KIND_TITLE = "部门整体支出绩效自评报告"
DOCUMENT_KIND_LABEL = "文档类型"
INSTRUCTIONS_SHEET = L.INSTRUCTIONS_SHEET
FUNCTIONS_SHEET = L.FUNCTIONS_SHEET
ITEM = "项目"


@dataclass(frozen=True)
class GridSheet:
    """A small table: a header row (``项目`` then the columns), one row per fixed line found by its label."""

    sheet: str
    attribute: str
    title: str
    columns: tuple[L.Column, ...]
    lines: tuple[L.FixedLine, ...]
    help: str

    @property
    def caption(self) -> str:
        """The title without its unit, as the audit names the printed table: （一）整体支出情况."""
        return self.title.split("（万元）")[0]


INFO_SHEET = L.FieldSheet("基本信息", "info", M.ReportInfo, "基本信息")

SUMMARY_SHEET = GridSheet(
    sheet="整体支出",
    attribute="summary",
    title="（一）整体支出情况（万元）",
    columns=(
        L.Column("total", "支出合计"),
        L.Column("basic", "基本支出"),
        L.Column("project", "项目支出"),
        L.Column("special", "政府专项", required=False),
    ),
    lines=(
        L.FixedLine("budget", "年初部门预算", ("年初预算数", "年初预算")),
        L.FixedLine("adjusted", "调整预算数", ("调整后预算数", "全年预算数")),
        L.FixedLine("final", "部门决算数", ("决算数",)),
        L.FixedLine("assets", "其中：资产购置支出", ("资产购置支出", "其中资产购置支出")),
    ),
    help="按报告（一）表填写；空白的格子在报告中留空（不印 0）。支出合计应等于基本支出与项目支出之和。",
)

THREE_PUBLIC_SHEET = GridSheet(
    sheet="三公经费",
    attribute="three_public",
    title="（二）“三公”经费支出情况（万元）",
    columns=(
        L.Column("outbound", "因公出国出境", ("因公出国（境）费", "因公出国（境）")),
        L.Column("vehicle", "公车购置、运行", ("公务用车购置及运行费", "公务用车购置及运行维护费")),
        L.Column("reception", "公务接待", ("公务接待费",)),
        L.Column("total", "合计"),
    ),
    lines=(
        L.FixedLine("budget", "部门预算数", ("预算数",)),
        L.FixedLine("actual", "部门决算数", ("决算数",)),
    ),
    help="合计应等于三项之和；没有的项目留空。",
)

PROJECT_SHEET = L.ListSheet(
    sheet="项目支出",
    attribute="projects",
    title="（三）项目支出情况（可选）",
    columns=(
        L.Column("name", "项目名称"),
        L.Column("budget", "预算数"),
        L.Column("executed", "执行数", ("决算数",)),
        L.Column("description", "主要用途及成效", required=False),
    ),
    help="每个项目一行；无则留空，报告中（三）下不列项目。",
)

SCOPE_LABELS = {
    M.SCOPE_ALL: "支出决算明细表",
    M.SCOPE_BASIC: "基本支出决算明细表",
    M.SCOPE_PROJECT: "项目支出决算明细表",
}
SCOPE_ALIASES = {"支出": M.SCOPE_ALL, "合计": M.SCOPE_ALL, "基本支出": M.SCOPE_BASIC, "项目支出": M.SCOPE_PROJECT}

ECONOMIC_SHEET = L.ListSheet(
    sheet="支出明细",
    attribute="economic",
    title="（四）项目资金使用管理情况：按经济分类的支出（万元）",
    columns=(
        L.Column("scope", "明细表"),
        L.Column("code", "科目编码"),
        L.Column("name", "科目名称"),
        L.Column("amount", "决算数"),
        L.Column("note", "说明", required=False),
    ),
    help=("每个经济分类科目一行：明细表填“支出决算明细表”“基本支出决算明细表”或“项目支出决算明细表”；"
          "类级科目（3位，如 301）在前，其下要说明的款级科目（5位，如 30199）紧随其后。"
          "说明（如“为聘用人员工资”）照印在金额之后。"),
)

OTHER_SHEET = L.FieldSheet("机关运行经费和政府采购", "other", M.OtherFigures, "（四）机关运行经费和政府采购")
TEXT_SHEET = L.FieldSheet("报告文字", "texts", M.ReportTexts, "报告文字（三、四部分）")

# in a final-accounts workbook whose 生成文档 asks for this report
HOSTED_SHEET = L.FieldSheet("自评报告", "report", M.HostedInputs,
                            "部门整体支出绩效自评报告（由本工作簿一并生成时填写）")

REQUIRED_SHEETS = (INFO_SHEET.sheet, SUMMARY_SHEET.sheet, THREE_PUBLIC_SHEET.sheet, TEXT_SHEET.sheet)

INSTRUCTIONS = (
    "部门整体支出绩效自评报告工作簿 填表说明",
    "1. 黄色单元格为填写区，请勿改动表头和项目名称：程序按表头和项目名称查找数据，不按位置。",
    "2. 基本信息：文档类型保持“部门整体支出绩效自评报告”；部门名称、年度、人员情况、机构情况必填；"
    "主要职能在「部门职能」表每行一条。",
    "3. 整体支出、三公经费：按报告二（一）（二）两张表填写，金额单位万元、两位小数；空白在报告中留空。",
    "4. 项目支出、支出明细、机关运行经费和政府采购：二（三）（四）的金额和说明。",
    "5. 报告文字：三、部门整体支出绩效情况和四、存在的主要问题及改进措施，每段（每条）一行。",
    "6. 已填写部门决算工作簿的部门不必填写本工作簿：在决算工作簿「基本信息」的“生成文档”中写"
    "“部门决算、部门整体支出绩效自评报告”，并填写「自评报告」表，报告的数字即取自决算各表。",
    "7. 填好后运行：juesuan check 工作簿.xlsx（只校验），juesuan build 工作簿.xlsx（校验并生成报告）。",
)


def _write_grid(ws: Any, spec: GridSheet, data: dict[str, Any] | None) -> None:
    ws.cell(row=1, column=1, value=spec.title).font = T.TITLE_FONT
    ws.cell(row=2, column=1, value=spec.help).font = T.BODY_FONT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(spec.columns) + 1)
    T.header_cell(ws, 3, 1, ITEM)
    for c, column in enumerate(spec.columns, 2):
        T.header_cell(ws, 3, c, column.label)
        ws.column_dimensions[get_column_letter(c)].width = 16
    for r, line in enumerate(spec.lines, 4):
        T.fixed_cell(ws, r, 1, line.label)
        values = (data or {}).get(line.key) or {}
        for c, column in enumerate(spec.columns, 2):
            T.input_cell(ws, r, c, values.get(column.key), amount=True)
        T.amount_validation(ws, f"B{r}:{get_column_letter(len(spec.columns) + 1)}{r}")
    ws.column_dimensions["A"].width = 22


def write_blank_workbook(path: Path, data: dict[str, Any] | None = None) -> None:
    """The self-evaluation workbook: blank (``data is None``) or filled from a sample's JSON source
    (``sample_inputs/data/FORMAT.md``)."""
    data = data or {}
    wb = Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    for i, line in enumerate(INSTRUCTIONS, 1):
        ws.cell(row=i, column=1, value=line).font = T.TITLE_FONT if i == 1 else T.BODY_FONT
        ws.cell(row=i, column=1).alignment = Alignment(wrap_text=False)
    ws.column_dimensions["A"].width = 140
    ws.protection.sheet = True

    info = data.get("info", {})
    sheet = wb.create_sheet(INFO_SHEET.sheet)
    T.write_fields(sheet, INFO_SHEET, {"layout": "湖南", **info})
    row = sheet.max_row + 1  # the kind of the workbook, read before anything else (document_kinds)
    T.fixed_cell(sheet, row, 1, DOCUMENT_KIND_LABEL)
    T.fixed_cell(sheet, row, 2, KIND_TITLE)
    T.fixed_cell(sheet, row, 3, "请勿修改：程序据此按自评报告读取本工作簿")
    T.write_functions(wb.create_sheet(FUNCTIONS_SHEET), info.get("functions", []))
    _write_grid(wb.create_sheet(SUMMARY_SHEET.sheet), SUMMARY_SHEET, data.get("summary"))
    _write_grid(wb.create_sheet(THREE_PUBLIC_SHEET.sheet), THREE_PUBLIC_SHEET, data.get("three_public"))
    T.write_list(wb.create_sheet(PROJECT_SHEET.sheet), PROJECT_SHEET, data.get("projects", []))
    economic = [[SCOPE_LABELS.get(r[0], r[0]), *r[1:]] for r in data.get("economic", [])]
    T.write_list(wb.create_sheet(ECONOMIC_SHEET.sheet), ECONOMIC_SHEET, economic)
    T.write_fields(wb.create_sheet(OTHER_SHEET.sheet), OTHER_SHEET, data.get("other"))
    T.write_fields(wb.create_sheet(TEXT_SHEET.sheet), TEXT_SHEET, data.get("texts"))
    T.save_workbook(wb, Path(path))
