"""The kinds of audit finding, declared once: id, severity, title, message template, what to do.

Table rule breaches keep the id of the declared rule (``generator.checks.rules``); every other
finding of the auditor is one of these kinds. Templates have named blanks filled by the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.workbook.problems import ERROR, WARNING


@dataclass(frozen=True)
class FindingKind:
    id: str
    severity: str
    title: str
    template: str
    hint: str


KINDS: tuple[FindingKind, ...] = (
    FindingKind("A-AMT-01", ERROR, "文中金额与表中数不一致",
                "文中{name}为 {stated} 万元，{expected_desc}为 {expected} 万元，相差 {difference} 万元。",
                "情况说明中的金额应与公开表一致：核对并改正文中或表中的一处。"),
    FindingKind("A-AMT-02", ERROR, "分项之和与总额不一致",
                "文中{whole}为 {stated} 万元，所列{parts}之和为 {expected} 万元，相差 {difference} 万元。",
                "核对总额和各分项金额。"),
    FindingKind("A-AMT-03", WARNING, "所列各科目的预算数之和与预算总数不一致",
                "文中{name}为 {stated} 万元，{expected_desc}为 {expected} 万元，相差 {difference} 万元。",
                "五（三）、八、九按项级（或类级）科目逐一说明时，各科目的年初预算（全年预算）之和应为总数："
                "核对总数和各科目的预算数，补上漏列的科目。"),
    FindingKind("A-PCT-01", ERROR, "占比与所引金额不符",
                "文中占比为 {printed}，按 {numerator} ÷ {denominator_desc} {denominator} 计算应为 {computed}。",
                "按所引金额重新计算占比（分母见说明）。"),
    FindingKind("A-PCT-02", ERROR, "增减幅度与所引金额不符",
                "文中{direction}幅度为 {printed}，本年 {current}、{direction}额 {change}（上年即 {prior}），"
                "应为 {computed}。",
                "按本年数和增减额重新计算增减幅度。"),
    FindingKind("A-PCT-03", ERROR, "完成率（执行率）与所引金额不符",
                "文中完成率为 {printed}，按决算（执行）数 {actual} ÷ 预算数 {budget} 计算应为 {computed}。",
                "按所引预算数和决算数重新计算完成率。"),
    FindingKind("A-PCT-04", ERROR, "基数为 0 却印出了百分比",
                "{base_desc}为 0，{printed}无法计算（{other_desc} {other}）。",
                "基数为 0 时不计算百分比，应写明“由于预算数为0，无法计算完成率”或“无法形成对比”。"),
    FindingKind("A-CMP-01", ERROR, "大于、小于、持平的措辞与金额相反",
                "文中称{wording}，而决算数为 {actual}、预算数为 {budget}。",
                "按两个金额改正措辞（大于、小于、持平）及其原因说明。"),
    FindingKind("A-CMP-02", ERROR, "增减方向的措辞前后矛盾",
                "同一句中金额为“{verb_amount}”，幅度却为“{verb_percent}”。",
                "增加对应增长，减少对应下降：改正其中一处。"),
    FindingKind("A-PERF-01", ERROR, "绩效自评汇总前后矛盾",
                "十（预算绩效管理）的绩效自评汇总中，{problem}。",
                "核对绩效自评的项目数、已评分的项目数、平均得分和各等级的项目数。"),
    FindingKind("A-PERF-02", ERROR, "绩效自评汇总与所附自评表不一致",
                "文中{what}为 {stated}，所附项目支出绩效自评表{expected}。",
                "正文的绩效自评汇总应与附件中各项目的绩效自评表一致：核对项目个数、预算数、总分和自评等级。"),
    FindingKind("A-PERF-03", ERROR, "绩效自评汇总与工作簿不一致",
                "文中{what}为 {stated}，工作簿「绩效管理」中为 {expected}。",
                "文档应照工作簿填写的绩效自评汇总印出：模板可能引用了错误的变量，请检查模板十（预算绩效管理）。"),
    FindingKind("A-BUD-01", ERROR, "文中预算数与工作簿不一致",
                "文中{name}为 {stated} 万元，工作簿「年初预算」中为 {expected} 万元。",
                "文档应照工作簿「年初预算」印出各科目的年初预算、全年预算：模板可能引用了错误的变量，请检查模板该处。"),
    FindingKind("A-YR-01", WARNING, "年度与报告年度不符",
                "本文档为 {year} 年度决算，此处写作“{found}”（应为 {expected}）。",
                "核对年度：本年为决算年度，对比的上年为其前一年；多为沿用往年文本未改。"),
    FindingKind("A-NAME-01", WARNING, "部门名称前后不一致",
                "{where}的部门名称为“{found}”，文档其他处为“{expected}”。",
                "统一部门全称（与决算报表封面一致）。"),
    FindingKind("A-PH-01", ERROR, "文中留有占位符或填写说明",
                "文中留有“{found}”。", "把占位符或模板中的填写说明替换为实际内容。"),
    FindingKind("A-TAB-01", ERROR, "缺少公开表",
                "没有找到{table}《{title}》（按标题查找）。",
                "补上该表及其标题；本部门无此项数据的，也应公开空表并说明。"),
    FindingKind("A-TAB-02", WARNING, "空表没有说明",
                "{table}《{title}》没有数据，但表下没有“本表无数据”或“本部门无……”的说明。",
                "在空表下注明原因，如“本部门本年度没有……，故本表无数据”。"),
    FindingKind("A-TAB-03", WARNING, "表中科目编码有误",
                "{table}中{problem}。", "科目编码为 3 位（类）、5 位（款）或 7 位（项）：核对该行的编码。"),
    FindingKind("A-TAB-04", ERROR, "文档表中数与工作簿不一致",
                "文档{table}「{row}」的「{column}」印为 {stated}，工作簿中为 {expected}。",
                "文档中的表应与工作簿逐格一致：模板可能引用了错误的变量，请检查模板该表。"),
    FindingKind("A-TOC-01", WARNING, "目录与正文标题不符",
                "目录中的“{entry}”在正文中没有对应的标题。", "更新目录（Word：右键目录→更新域），或改正标题。"),
    FindingKind("A-INFO-01", "提示", "金额相差在尾数误差以内",
                "文中{name}为 {stated} 万元，{expected_desc}为 {expected} 万元，相差 {difference} 万元，"
                "在尾数误差以内。", "金额由元换算为万元时的尾数误差，一般无需修改。"),
)

KINDS_BY_ID = {k.id: k for k in KINDS}
assert len(KINDS_BY_ID) == len(KINDS), "duplicate finding kind"
