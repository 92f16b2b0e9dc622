"""The auditor's reference as Markdown (``docs/audit.md``), generated from its declarations."""

from __future__ import annotations

from pathlib import Path

from generator.checks.tables import TABLES, column_label, line_label

from .kinds import KINDS
from .phrases import DENOMINATORS, PARTS, PHRASES, SECTIONS, THREE_PUBLIC_ITEMS, Ref

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "audit.md"

HEADER = """# 文档审核（juesuan audit）

<!-- 本文件由 generator.audit.reference.audit_reference_markdown() 生成，请勿手工修改；
     修改 generator/audit/kinds.py 或 phrases.py 后运行 `.venv/bin/python -m generator.audit`。 -->

`juesuan audit 文档.docx|文档.pdf|文档.txt|文件夹 [-o 目录]` 读取一份已完成的部门决算公开文档
（本程序生成的或手工编写的），按标题找到公开表（表1—表9，有几张读几张），按行的名称和科目编码读出各行，再逐句读情况说明，检查：

* 表内、表间关系：`docs/checks.md` 中的每条表格规则，凡所需的表都已逐列读出的，照样适用（同一份规则声明）；
  PDF 或文本中空白单元格消失、无法确定金额属于哪一列的表，不做校验，也不猜测。
* 文中金额与表中数：只有当金额前的文字明确指出是哪个数（见下文“措辞与表中数”）时才比较；说不清的，不报告。
* 占比、增减幅度、完成率：按句中所引金额重新计算（分母未在句中出现时，取其所指的表中数），容许印出精度的尾差。
* 大于、小于、持平，增加、减少：与其两个金额是否相符。
* 年度（本年度、上年度、截至日期），部门名称前后一致，占位符和模板填写说明，必需的表，空表的说明，目录与正文标题。

每条问题给出位置（PDF 的页码，或标题和第几段）、原句、文中数和应为的数。退出码：0 未发现问题，1 有问题（错误或警告），
2 文件无法读取或不是部门决算文档。文件夹：每份文档一个 `目录/<文档名>/审核报告.xlsx`，另有 `目录/审核汇总.xlsx`。

`juesuan build` 在写出文档之前先以同样方式审核生成的文档（只读文档的文字，不用生成它的数字；
工作簿中的表作为表中数的依据）：发现矛盾即为错误，不写出文档；加 `--force` 时写出并标注“草稿”。
"""


def _p(pattern: str) -> str:
    return "`" + pattern.replace("|", "\\|") + "`"


def _ref(ref: Ref) -> str:
    table = TABLES[ref.table].label
    line = "合计" if ref.line == "total" else line_label(ref.table, ref.line)
    column = column_label(ref.table, ref.column) if ref.column != "amount" else ""
    return f"{table}「{line}」" + (f"的「{column}」" if column else "")


def audit_reference_markdown() -> str:
    out = [HEADER, "## 问题种类", "", "| 编号 | 严重程度 | 名称 | 说明模板 | 处理办法 |", "|---|---|---|---|---|"]
    for k in KINDS:
        out.append(f"| {k.id} | {k.severity} | {k.title} | {k.template} | {k.hint} |")
    out += ["", "表格规则的问题沿用规则编号（T1-01、X-T1-T4-01 …，见 `docs/checks.md`）。", "",
            "## 情况说明的各部分", "", "按标题文字识别（先匹配者优先）：", "", "| 部分 | 标题中的文字 |", "|---|---|"]
    out += [f"| {section} | {_p(pattern)} |" for section, pattern in SECTIONS]
    out += ["", "## 措辞与表中数", "",
            "金额前的文字（去掉年度、部门名称、“其中”等连接词和“年初预算/决算”等角色词后）须与下列模式完全一致：",
            "", "| 部分 | 文字（正则） | 表中数 |", "|---|---|---|"]
    for p in PHRASES:
        out.append(f"| {'、'.join(p.sections)} | {_p(p.pattern)} | {' + '.join(_ref(r) for r in p.refs)} |")
    out += ["", "“三公”经费（七）：预算数取表7 预算数行，决算数取决算数行：", "",
            "| 文字（正则） | 表7 的列 |", "|---|---|"]
    out += [f"| {_p(i.pattern)} | {column_label('t7', i.column)} |" for i in THREE_PUBLIC_ITEMS]
    out += ["", "五、八、九中的“…（类）…（款）…（项）”按名称找到表5、表8、表9 中的科目行，"
            "其“支出决算”与该行本年支出比较。",
            "", "## 占比的分母", "", "“占……的”所指的数：先找句中（或同段）所引的同名金额，再取下列表中数：", "",
            "| 文字（正则） | 表中数 |", "|---|---|"]
    out += [f"| {_p(p.pattern)} | {' + '.join(_ref(r) for r in p.refs)} |" for p in DENOMINATORS]
    out += ["", "## 分项之和", "", "| 部分 | 总额 | 分项 |", "|---|---|---|"]
    out += [f"| {s} | {_p(w)} | {'、'.join(_p(x) for x in parts)} |" for s, w, parts in PARTS]
    out += ["", "## 其他文档类型", "",
            "不是部门决算的文档（开头没有“决算”字样）交给其他文档类型的审核（依次尝试，各自拒绝不属于自己的文档）：",
            "",
            "* 部门预算公开：表1—表13 按标题读出，用部门预算的表格规则（B-…）校验，"
            "情况说明的金额、增减和占比与表核对。",
            "* 部门整体支出绩效自评报告（标题“……部门整体支出（某年度）绩效自评报告”）：按标题“（一）……整体支出情况”"
            "“（二）……“三公”经费支出情况”读出两张表（Word、PDF 的表格，或文本中每格一行），核对各行"
            "“支出合计 = 基本支出 + 项目支出”“合计 = 三项之和”“资产购置支出不超过部门决算数”；"
            "（四）中“支出决算明细表”的总支出及其基本、项目支出与（一）表部门决算数核对，各明细表所列类级科目之和"
            "与相应支出核对，款级科目不超过所属类级，“三公”经费与（二）表核对。相差在尾数误差以内的为提示，"
            "同一处尾差只提示一次（如 seed 002 的 693.22 与 512.36 + 180.87 = 693.23）。"
            "文本中空白单元格消失时，只用能确定列的金额（一行的第一个数为支出合计，（二）表最后一个数为合计）。",
            ]
    return "\n".join(out) + "\n"


def write_reference(path: Path = DOCS_PATH) -> None:
    path.write_text(audit_reference_markdown(), encoding="utf-8")
