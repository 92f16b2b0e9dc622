"""The budget workbook's shape, declared once: its sheets, their columns and their lines.

The blank workbook (``template.py``) is written from these declarations and the reader
(``reader.py``) finds rows by label or code and columns by header with them, never by position.
The column and line vocabulary is the final accounts' (``generator.workbook.layout``); the two
shapes the final accounts do not have are declared here: ``LineSheet`` (表1/表6: labelled lines in
blocks) and ``RecordSheet`` (a list under one header row: 表7 … 表13).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.workbook.layout import Column, FieldSheet, FixedLine, SubjectSheet

from . import model as M


@dataclass(frozen=True)
class Text(Column):
    """A text column of a list (单位名称, 项目类型 …): found by its header like an amount column."""


@dataclass(frozen=True)
class Block:
    """A part of 表1/表6 introduced by a heading row; ``coded``: its rows may be class codes (208 …)."""

    key: str
    title: str
    lines: tuple[FixedLine, ...]
    coded: bool = False
    required: bool = True  # every fixed line must be present


@dataclass(frozen=True)
class LineSheet:
    table: str
    sheet: str
    title: str
    official_no: str
    columns: tuple[Column, ...]
    blocks: tuple[Block, ...]
    note: str = ""


@dataclass(frozen=True)
class RecordSheet:
    table: str
    sheet: str
    title: str
    official_no: str
    columns: tuple[Column, ...]  # ``Text`` columns and amount columns
    key: str  # the column that names a record (a row without it is blank); its 合计 row is the total
    with_total: bool = True
    help: str = ""

    @property
    def texts(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if isinstance(c, Text))

    @property
    def amounts(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not isinstance(c, Text))


# ----------------------------------------------------------------------------------- 表1, 表6

FUNCTION_BLOCK = Block("function", "支出（按功能分类）", (
    FixedLine("expenditure_total", "本年支出合计"),
    FixedLine("carryover_next", "结转下年"),
    FixedLine("expenditure_grand_total", "支出总计"),
), coded=True)
CATEGORY_BLOCK = Block("category", "支出（按支出类别）", (
    FixedLine("basic", "一、基本支出"),
    FixedLine("basic_wages", "工资福利支出"),
    FixedLine("basic_households", "对个人和家庭的补助"),
    FixedLine("basic_goods", "商品和服务支出"),
    FixedLine("project", "二、项目支出"),
    FixedLine("project_department", "（一）部门项目"),
    FixedLine("project_public", "（二）公共项目"),
    FixedLine("remit", "三、上缴上级支出"),
    FixedLine("subsidy", "四、对附属单位补助支出"),
    FixedLine("operating", "五、事业单位经营支出"),
))
ECONOMIC_BLOCK = Block("economic", "支出（按经济分类）", (), coded=True, required=False)

T1 = LineSheet(
    table="t1",
    sheet="表1 财政拨款收支总体情况表",
    title="财政拨款收支总体情况表",
    official_no="公开表1",
    columns=(
        Column("total", "合计", ("预算数",)),
        Column("general_budget", "一般公共预算"),
        Column("gov_fund", "政府性基金预算"),
        Column("state_capital", "国有资本经营预算", required=False),
    ),
    blocks=(
        Block("income", "收入", (
            FixedLine("general_budget", "一、一般公共预算财政拨款"),
            FixedLine("gov_fund", "二、政府性基金预算财政拨款"),
            FixedLine("state_capital", "三、国有资本经营预算财政拨款"),
            FixedLine("income_total", "本年收入合计"),
            FixedLine("carryover", "上年结转"),
            FixedLine("carryover_general_budget", "（一）一般公共预算结余结转"),
            FixedLine("carryover_gov_fund", "（二）政府性基金预算结余结转"),
            FixedLine("carryover_state_capital", "（三）国有资本经营预算结余结转"),
            FixedLine("income_grand_total", "收入总计"),
        )),
        FUNCTION_BLOCK, CATEGORY_BLOCK, ECONOMIC_BLOCK,
    ),
    note="收入只填“合计”列；支出各行填合计及按资金来源的各列。",
)

T6_INCOME_SOURCES = ("general_budget", "gov_fund", "state_capital", "business", "higher_subsidy", "subordinate",
                     "operating", "other")
T6 = LineSheet(
    table="t6",
    sheet="表6 收支总体情况表",
    title="收支总体情况表",
    official_no="公开表6",
    columns=(Column("total", "预算数", ("合计",)),),
    blocks=(
        Block("income", "收入", (
            FixedLine("general_budget", "一、一般公共预算财政拨款"),
            FixedLine("gov_fund", "二、政府性基金预算财政拨款"),
            FixedLine("state_capital", "三、国有资本经营预算财政拨款"),
            FixedLine("business", "四、事业收入"),
            FixedLine("higher_subsidy", "五、上级补助收入"),
            FixedLine("subordinate", "六、附属单位上缴收入"),
            FixedLine("operating", "七、事业单位经营收入"),
            FixedLine("other", "八、其他收入"),
            FixedLine("income_total", "本年收入合计"),
            FixedLine("use_fund", "用事业基金弥补收支差额"),
            FixedLine("carryover", "上年结转"),
            FixedLine("income_grand_total", "收入总计"),
        )),
        FUNCTION_BLOCK, CATEGORY_BLOCK, ECONOMIC_BLOCK,
    ),
)

# ----------------------------------------------------------------------------------- coded tables

_BASIC_PROJECT = (Column("total", "总计", ("合计",)), Column("basic", "基本支出"), Column("project", "项目支出"))

T2 = SubjectSheet("t2", "表2 一般公共预算支出情况表", "一般公共预算支出情况表", "公开表2", _BASIC_PROJECT,
                  note="按项级功能科目填写，类、款行为其下级之和；第一行为“合计”。")
T3 = SubjectSheet("t3", "表3 一般公共预算基本支出情况表", "一般公共预算基本支出情况表", "公开表3", (
    Column("total", "小计", group="基本支出"),
    Column("personnel", "人员经费", group="基本支出"),
    Column("public", "公用经费", group="基本支出"),
), note="按经济科目填写（类3位、款5位）；人员经费为301、303类，公用经费为302、310等类。")
T4 = SubjectSheet("t4", "表4 一般公共预算三公经费支出情况表", "一般公共预算“三公”经费支出情况表", "公开表4", (
    Column("total", "“三公”经费合计", ("合计",)),
    Column("outbound", "因公出国（境）费用", ("因公出国（境）费",)),
    Column("vehicle_total", "小计", group="公务用车购置及运行维护费"),
    Column("vehicle_purchase", "公务用车购置费", group="公务用车购置及运行维护费"),
    Column("vehicle_operation", "公务用车运行及维护费", ("公务用车运行维护费",), group="公务用车购置及运行维护费"),
    Column("reception", "公务接待费"),
), note="按项级功能科目填写安排“三公”经费的科目；第一行为“合计”。")
T5 = SubjectSheet("t5", "表5 政府性基金预算支出情况表", "政府性基金预算支出情况表", "公开表5", _BASIC_PROJECT,
                  note="没有政府性基金预算支出时只留“合计”行，文档写“本单位无政府性基金”。")
SUBJECT_SHEETS = (T2, T3, T4, T5)
UNIT_CODE = Text("unit_code", "单位编码", required=False)
UNIT_NAME = Text("unit_name", "单位名称", required=False)

# ----------------------------------------------------------------------------------- lists

T7 = RecordSheet("t7", "表7 收入总体情况表", "收入总体情况表", "公开表7", (
    Text("unit_code", "单位编码"), Text("unit_name", "单位名称"),
    Column("total", "总计"),
    Column("general_budget", "一般公共预算拨款收入"),
    Column("gov_fund", "政府性基金预算拨款收入"),
    Column("state_capital", "国有资本经营预算拨款收入"),
    Column("business", "事业收入"),
    Column("higher_subsidy", "上级补助收入"),
    Column("subordinate", "附属单位上缴收入"),
    Column("operating", "事业单位经营收入"),
    Column("other", "其他收入"),
    Column("use_fund", "用事业基金弥补收支差额"),
    Column("carryover", "上年结转"),
), key="unit_code", help="每个预算单位一行，第一行为“合计”（单位编码填“合计”）。")
T8 = RecordSheet("t8", "表8 支出总体情况表", "支出总体情况表", "公开表8", (
    Text("unit_code", "单位编码"), Text("unit_name", "单位名称"),
    Column("total", "总计"),
    Column("basic", "基本支出"),
    Column("project", "项目支出"),
    Column("remit", "上缴上级支出"),
    Column("subsidy", "对附属单位补助支出"),
    Column("operating", "事业单位经营支出"),
), key="unit_code", help="每个预算单位一行，第一行为“合计”（单位编码填“合计”）。")
T9 = RecordSheet("t9", "表9 项目支出情况表", "项目支出情况表", "公开表9", (
    Text("name", "项目名称"), Text("unit_name", "单位名称"), Text("kind", "项目类型"),
    Text("subject", "功能科目编码"),
    Column("total", "合计"),
    Column("general_budget", "一般公共预算"),
    Column("gov_fund", "政府性基金预算", required=False),
    Column("other", "其他资金", required=False),
), key="name", help="每个项目一行：项目类型填“部门项目”或“公共项目”，功能科目编码填表2中的项级科目；第一行为“合计”。")
T10 = RecordSheet("t10", "表10 政府采购支出情况表", "政府采购支出情况表", "公开表10", (
    Text("item", "采购项目"), Text("category", "采购类别"), Text("spending", "支出类型"), Text("project", "所属项目"),
    Column("total", "金额"),
), key="item", help="每个采购项目一行：采购类别填“货物”“工程”或“服务”，支出类型填“基本支出”或“项目支出”"
                    "（项目支出时在“所属项目”填表9的项目名称）；第一行为“合计”。")
T11 = RecordSheet("t11", "表11 政府购买服务支出情况表", "政府向社会力量购买服务支出情况表", "公开表11", (
    Text("name", "服务项目"), Text("category", "服务类别"), Text("spending", "支出类型"), Text("project", "所属项目"),
    Column("total", "金额"),
), key="name", help="每个购买服务事项一行：支出类型填“基本支出”或“项目支出”；第一行为“合计”。")

T12_TEXTS = FieldSheet("表12 整体支出绩效目标表", "t12_texts", M.OverallTexts, "部门整体支出绩效目标申报表")
T12 = RecordSheet("t12", "表12 整体绩效指标", "部门整体支出绩效目标表", "公开表12", (
    Text("target", "目标"), Text("level1", "一级指标"), Text("level2", "二级指标"), Text("name", "指标名称"),
    Text("value", "指标值"), Text("standard", "绩效标准"),
), key="name", with_total=False, help="每个指标一行；“目标”填它所属的长期目标或年度目标。没有整体绩效目标时留空。")
T13 = RecordSheet("t13", "表13 项目支出绩效目标表", "项目支出绩效目标表", "公开表13", (
    Text("name", "项目名称"), Text("code", "项目代码"), Text("department", "项目主管部门"),
    Text("unit", "项目执行单位"), Text("leader", "项目负责人"), Text("phone", "联系电话"),
    Text("kind", "项目类型"),
    Column("total", "项目总预算"), Column("current", "项目当年预算"),
    Column("appropriation", "资金来源：财政拨款收入", required=False),
    Column("appropriation_current", "其中：申请当年预算拨款", required=False),
    Column("other_sources", "资金来源：其他资金", required=False),
    Column("carryover", "资金来源：上年结转", required=False),
    Text("history", "前两年预算及当年预算变动情况"), Text("reason", "项目申请理由"),
    Text("content", "项目主要内容"), Text("basis", "测算依据及说明"), Text("goal", "项目绩效总目标"),
), key="name", with_total=False, help="每个项目一行（与表9的项目名称相同），指标填在「表13 项目绩效指标」。")
T13_INDICATORS = RecordSheet("t13_indicators", "表13 项目绩效指标", "项目年度绩效指标", "", (
    Text("project", "项目名称"), Text("level1", "一级指标"), Text("level2", "二级指标"),
    Text("name", "指标内容"), Text("value", "指标值"), Text("note", "备注", required=False),
), key="project", with_total=False, help="每个指标一行；“项目名称”须与「表13 项目支出绩效目标表」中的名称相同。")
T13_DETAILS = RecordSheet("t13_details", "表13 项目支出明细", "项目支出明细预算", "", (
    Text("project", "项目名称"), Text("item", "项目支出明细"), Column("total", "金额"),
), key="project", with_total=False,
    help="每个项目的支出明细一行一条；“项目名称”须与「表13 项目支出绩效目标表」中的名称相同。")
GLOSSARY = RecordSheet("glossary", "名词解释", "名词解释：功能科目说明", "", (
    Text("code", "科目编码"), Text("explanation", "说明"),
), key="code", with_total=False, help="可不填：名词解释列出表2、表5 所用的项级科目，在此填写的说明印在科目之后"
                                      "（如 2101501：反映行政单位（包括实行公务员管理的事业单位）的基本支出。）。")
RECORD_SHEETS = (T7, T8, T9, T10, T11, T12, T13, T13_INDICATORS, T13_DETAILS, GLOSSARY)

# ----------------------------------------------------------------------------------- key-value sheets

INFO = FieldSheet("基本信息", "info", M.BudgetInfo, "基本信息")
NARRATIVE = FieldSheet("上年预算与说明", "narrative", M.NarrativeInputs, "上年预算数与增减原因")
OTHER = FieldSheet("其他重要事项", "other", M.OtherMatters, "其他重要事项（机关运行经费、国有资产、预算绩效管理）")
FUNCTIONS_SHEET = "部门职能"
INSTRUCTIONS_SHEET = "填表说明"

TABLE_TITLES = {s.table: (s.title, s.official_no) for s in (T1, T6, *SUBJECT_SHEETS, *RECORD_SHEETS)}

PROCUREMENT_CATEGORIES = ("货物", "工程", "服务")
SPENDING_KINDS = ("基本支出", "项目支出")
PROJECT_KINDS = ("部门项目", "公共项目")
