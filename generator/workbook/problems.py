"""What can be wrong with a workbook file, declared as records (id, title, message, what to do).

A ``ReadProblem`` is one occurrence: a kind, the cell, and the blanks of the kind's message.
The reference of all kinds in the documentation is generated from ``PROBLEM_KINDS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.model import Cell

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True)
class ProblemKind:
    id: str
    title: str
    template: str
    hint: str
    severity: str = ERROR


_KINDS = (
    ProblemKind("file-missing", "文件不存在", "找不到文件 {path}。", "检查文件路径是否正确。"),
    ProblemKind("file-not-xlsx", "不是 Excel 工作簿", "{path} 不是 .xlsx 格式的 Excel 工作簿（{detail}）。",
                "请在 Excel 或 WPS 中打开后“另存为” Excel 工作簿（*.xlsx）再试。"),
    ProblemKind("file-encrypted", "工作簿已加密", "{path} 设置了打开密码，程序无法读取。",
                "请在 Excel 或 WPS 中取消“用密码进行加密”后保存，再运行。"),
    ProblemKind("file-too-large", "工作簿解压后过大", "{path} 解压后约 {size_mb} MB，超过上限 {limit_mb} MB。",
                "正常的决算工作簿不超过几 MB；请检查是否粘贴了大量无关数据或图片。"),
    ProblemKind("file-unreadable", "工作簿无法解析", "{path} 无法解析：{detail}。",
                "请在 Excel 或 WPS 中打开并重新保存；若仍失败，请从空白模板重新填写。"),
    ProblemKind("file-strict", "Strict Open XML 格式", "{path} 以“Strict Open XML 电子表格”格式保存，程序无法读取。",
                "请在 Excel 中“文件 → 另存为”，保存类型选“Excel 工作簿(*.xlsx)”（不要选 Strict Open XML 电子表格）。"),
    ProblemKind("package-defect", "文件结构异常", "{path} 的文件结构异常：{detail}。",
                "Excel 和 WPS 不会保存这样的文件，它可能被其他程序改动过；请在 Excel 或 WPS 中打开后另存为新的 .xlsx，"
                "或把数据复制到空白模板中。"),
    ProblemKind("xml-entities", "含有 XML 实体声明", "{path} 的部件 {member} 含有 XML 实体声明"
                "（<!DOCTYPE>/<!ENTITY>），为安全起见不予读取。",
                "Excel 和 WPS 不会写入实体声明，这个文件可能被篡改；请在 Excel 或 WPS 中打开后另存为新的 .xlsx，"
                "或从空白模板重新填写。"),
    ProblemKind("sheet-damaged", "工作表已损坏", "工作表「{sheet}」的内容已损坏，无法读取（{detail}）。",
                "请在 Excel 或 WPS 中打开该工作簿，检查该工作表后另存为新的 .xlsx；"
                "若仍失败，请把该表数据复制到空白模板中。"),
    ProblemKind("cell-damaged", "单元格内容已损坏", "单元格的内容无法读取：{detail}。",
                "文件可能由其他程序生成或被改动过；请在 Excel 或 WPS 中重新输入该单元格的内容并保存。"),
    ProblemKind("sheet-duplicate", "工作表重复", "工作表「{sheet}」有两份（「{first}」和「{second}」）。",
                "请删除多余的一份，只保留正确的工作表；程序不会猜测该用哪一份。"),
    ProblemKind("sheet-renamed", "工作表名称有多余空格", "工作表「{title}」的名称中有多余的空格或全角字符，"
                "已按「{sheet}」读取。",
                "请去掉名称前后的空格（右键工作表标签 → 重命名）。", "警告"),
    ProblemKind("sheet-hidden", "工作表被隐藏", "工作表「{sheet}」被隐藏，程序照常读取其中的数据。",
                "请右键任一工作表标签 → 取消隐藏，核对该表的数据。", "警告"),
    ProblemKind("row-hidden", "隐藏的行中有数据", "第 {row} 行被隐藏，但其中有数据；程序照常读取隐藏的行。",
                "请在 Excel 中取消隐藏（选中上下两行 → 右键 → 取消隐藏）并核对；不需要的数据请删除。", "警告"),
    ProblemKind("column-hidden", "隐藏的列中有数据", "第 {column} 列被隐藏，但其中有数据；程序照常读取隐藏的列。",
                "请在 Excel 中取消隐藏（选中左右两列 → 右键 → 取消隐藏）并核对；不需要的数据请删除。", "警告"),
    ProblemKind("text-invisible", "文字中有不可见字符", "文字中含有不可见的控制字符（{chars}），已删除。",
                "这些字符常来自从网页、Word 或其他软件复制的文字，可能打乱文字的显示顺序；"
                "请核对该单元格的文字。", "警告"),
    ProblemKind("value-date-format", "金额单元格是日期格式", "单元格设置了日期或时间格式（显示为 {shown}），"
                "已按数值 {value} 读取。",
                "请把该单元格的格式改为“数值”（右键 → 设置单元格格式 → 数值），并核对金额。", "警告"),
    ProblemKind("amount-with-unit", "金额带有单位“元”", "金额“{value}”带有单位“元”。",
                "公开表金额单位为万元：请换算为万元（除以 10000）后只填数字。"),
    ProblemKind("year-invalid", "决算年度不正确", "“决算年度”应为 2000—2100 之间的四位数年份，实际为“{value}”。",
                "请填写决算所属的年度，例如 2021。"),
    ProblemKind("name-unusable", "部门名称无法用作文件名", "部门名称“{name}”{reason}。",
                "文档保存在以部门名称命名的文件夹中：请填写部门的正式全称（不超过 50 个字，"
                "不含 < > : \" / \\ | ? * 等符号）。"),
    ProblemKind("name-line-break", "部门名称中有换行", "部门名称中有换行，已去掉换行，按“{name}”读取。",
                "请在单元格中删除换行（Alt+Enter 产生的换行）。", "警告"),
    ProblemKind("sheet-missing", "缺少工作表", "缺少工作表「{sheet}」。",
                "请使用程序提供的工作簿模板，不要删除或重命名工作表。"),
    ProblemKind("header-missing", "找不到表头", "在工作表「{sheet}」中找不到表头“{label}”。",
                "请恢复模板中的表头文字（程序按表头查找列，不按位置）。"),
    ProblemKind("formula-no-value", "公式没有计算结果",
                "单元格是公式（{formula}），但文件中没有保存计算结果。",
                "此文件可能由其他程序生成、从未在 Excel/WPS 中打开保存过；请在 Excel 或 WPS 中打开并保存后再运行，"
                "或把公式改为数值。"),
    ProblemKind("amount-invalid", "金额不是数字", "应为金额（数字），实际为“{value}”。",
                "请填写数字，例如 5578.66 或 5,578.66；没有金额请留空。"),
    ProblemKind("amount-precision", "金额超过两位小数", "金额 {value} 超过两位小数，已按四舍五入取 {rounded}。",
                "公开表金额单位为万元、保留两位小数；请核对是否误用了元为单位。", WARNING),
    ProblemKind("excel-error", "单元格是 Excel 错误值", "单元格的值是 Excel 错误值“{value}”（公式出错），不是金额。",
                "改正该单元格的公式（引用的单元格或工作表可能已删除），或直接填写数字。"),
    ProblemKind("integer-invalid", "应为整数", "“{label}”应为整数，实际为“{value}”。", "请填写不带小数的数字。"),
    ProblemKind("value-required", "必填项为空", "“{label}”为必填项，未填写。", "请填写后再运行。"),
    ProblemKind("report-text-missing", "自评报告缺少文字",
                "部门整体支出绩效自评报告的“{label}”没有文字：「自评报告」中未填写，「绩效自评」中也没有部门整体支出的自评。",
                "请在「自评报告」中填写“{label}”（每段一行），或在「绩效自评」中填写部门整体支出的自评，报告取其文字。"),
    ProblemKind("value-invalid", "取值不在允许范围", "“{label}”应为 {allowed} 之一，实际为“{value}”。",
                "请从单元格的下拉列表中选择，或照样填写其中之一。"),
    ProblemKind("merged-data", "数据区有合并单元格", "数据区的单元格 {range} 被合并。",
                "请取消合并（开始 → 合并后居中 → 取消合并单元格），每个金额占一个单元格。"),
    ProblemKind("line-unknown", "无法识别的项目", "项目“{label}”不是本表的行，无法识别。",
                "请使用官方表样中的项目名称；功能分类（类）名称须与《政府收支分类科目》一致。"),
    ProblemKind("line-not-in-form", "本年度表样没有的行",
                "项目“{label}”是{forms}的行，{form}没有这一行，但本行填有金额。",
                "请核对“基本信息”中的决算年度和公开格式；年度无误时，请把金额填到本年度表样中对应的行，并删除该行。"),
    ProblemKind("line-not-in-form-blank", "本年度表样没有的行（已忽略）",
                "项目“{label}”是{forms}的行，{form}没有这一行；本行没有金额，已忽略。",
                "可删除该行；若决算年度或公开格式填错，请改正。", WARNING),
    ProblemKind("kind-unknown", "文档类型无法识别",
                "“基本信息”中的文档类型“{value}”无法识别。可选：{kinds}。",
                "请从下拉列表中选择文档类型；生成部门决算时也可以删除这一行。"),
    ProblemKind("documents-unknown", "生成文档无法识别",
                "“基本信息”中的生成文档“{value}”无法识别。可选：{kinds}。",
                "请填写文档类型的名称，多个以“、”分隔，如“部门决算、部门整体支出绩效自评报告”。"),
    ProblemKind("documents-unsupported", "此工作簿不能生成该文档",
                "“基本信息”中的生成文档“{value}”不能由{kind}工作簿生成。",
                "请删去该文档，或为它单独填写一本{value}工作簿。"),
    ProblemKind("prior-unsupported", "此文档类型不使用上年工作簿",
                "{kind}文档不从上年工作簿取数，--prior 指定的 {path} 未被读取。",
                "请把上年数填在本工作簿中，不要加 --prior。", "警告"),
    ProblemKind("form-unknown", "没有适用的表样",
                "没有适用于 {year} 年度“{layout}”公开格式的表样。已登记的表样：{forms}。",
                "请核对“基本信息”中的决算年度和公开格式；需要新的表样时，请程序同事按 docs/templates.md 登记。"),
    ProblemKind("line-missing", "缺少行", "工作表「{sheet}」缺少“{label}”行。", "请恢复模板中的该行。"),
    ProblemKind("line-duplicate", "重复的行", "“{label}”在本表中出现了两次（另一次在 {other}）。",
                "请删除重复的行。"),
    ProblemKind("label-missing", "有金额但没有项目名称", "本行有金额，但没有项目名称或科目编码。",
                "请补上项目名称或科目编码，或删除多余的金额。"),
    ProblemKind("code-invalid", "科目编码格式不正确", "科目编码“{code}”应为 3、5 或 7 位数字。",
                "类级科目 3 位、款级 5 位、项级 7 位，例如 208、20805、2080505。"),
    ProblemKind("code-missing", "缺少科目编码", "科目“{name}”没有填写科目编码。", "请填写功能分类科目编码。"),
    ProblemKind("code-duplicate", "科目编码重复", "科目编码 {code} 重复出现（另一次在 {other}）。",
                "每个科目只填一行。"),
    ProblemKind("total-missing", "缺少合计行", "工作表「{sheet}」没有“合计”行。",
                "请在数据区第一行填写“合计”行。"),
    ProblemKind("record-project-unknown", "所属项目不存在", "“{name}”在「{sheet}」中找不到。",
                "项目名称须与「{sheet}」中的名称完全一致。"),
    ProblemKind("evaluation-unknown", "指标所属项目不存在", "指标所属的“{name}”在「绩效自评」表中找不到。",
                "“项目名称”须与「绩效自评」表中的名称完全一致。"),
)

PROBLEM_KINDS: Mapping[str, ProblemKind] = MappingProxyType({k.id: k for k in _KINDS})


@dataclass(frozen=True)
class ReadProblem:
    kind: ProblemKind
    cell: Cell | None
    details: Mapping[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.kind.template.format_map(self.details)

    @property
    def hint(self) -> str:
        """What to do; a hint may name the item (“{label}”) as its message does."""
        return self.kind.hint.format_map(self.details) if "{" in self.kind.hint else self.kind.hint

    @property
    def severity(self) -> str:
        return self.kind.severity

    def __str__(self) -> str:
        where = f"{self.cell}：" if self.cell else ""
        return f"[{self.severity}] {where}{self.message} {self.hint}"


def problem(kind_id: str, cell: Cell | None = None, **details: object) -> ReadProblem:
    return ReadProblem(PROBLEM_KINDS[kind_id], cell, {k: str(v) for k, v in details.items()})


class WorkbookError(Exception):
    """The workbook cannot be turned into a model; ``problems`` says every reason found."""

    def __init__(self, problems: list[ReadProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = tuple(problems)
