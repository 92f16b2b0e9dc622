"""The report made from a final-accounts workbook whose 基本信息 生成文档 asks for it: nothing typed twice.

Its figures are the final accounts' — (一) 部门决算数 is 表5's 合计 (一般公共预算财政拨款支出: 支出合计,
基本支出, 项目支出), 年初部门预算 the 「年初预算」 of 一般公共预算 (its stated 合计, else its classes),
调整预算数 their 全年预算; (二) is 表7; (三) the project self-evaluations of 「绩效自评」; (四) the
economic subjects of 表6 (“基本支出决算明细表”), 「机关运行经费」 and 「政府采购」 — and its words are the
department's: 「基本信息」 and 「部门职能」 for 一, the sheet 「自评报告」 (``workbook.HOSTED_SHEET``) for the rest.
Every amount keeps the final-accounts cell it came from, so a finding points there.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.model import Cell, DepartmentAccounts, Line
from generator.workbook.problems import ReadProblem, problem

from . import model as M
from .reader import read_hosted_inputs
from .workbook import HOSTED_SHEET

GENERAL_BUDGET = "一般公共预算"
FINAL_ACCOUNTS = "final_accounts"


def _value(line: Line, key: str) -> Decimal | None:
    return None if key in line.blank else line[key]


def _row(line: Line, keys: dict[str, str]) -> M.Amounts:
    """A row of the report from a line of a final-accounts table: report column → table column."""
    return M.Amounts({ours: _value(line, theirs) if theirs else None for ours, theirs in keys.items()},
                     {ours: line.cells[theirs] for ours, theirs in keys.items() if theirs in line.cells})


def _budget(accounts: DepartmentAccounts, inputs: M.HostedInputs, cells: dict[str, Cell]) -> tuple[M.Amounts,
                                                                                                    M.Amounts]:
    """年初部门预算 and 调整预算数 of 一般公共预算: the 合计 row of 「年初预算」 as stated, else its classes."""
    classes = [b for b in accounts.budget if b.fund == GENERAL_BUDGET and len(b.code) == 3]
    stated = accounts.budget_total(GENERAL_BUDGET)
    total: Decimal | None = None
    total_cell: Cell | None = None
    if stated is not None and stated.budget is not None:
        total, total_cell = stated.budget, stated.cell
    elif classes:
        total = sum((b.budget for b in classes), Decimal("0.00"))
        total_cell = classes[0].cell if len(classes) == 1 else None
    full_year: Decimal | None = None
    full_year_cell: Cell | None = None
    if stated is not None and stated.full_year is not None:
        full_year, full_year_cell = stated.full_year, stated.full_year_cell
    elif classes and all(b.full_year is not None for b in classes):
        full_year = sum((b.full_year or Decimal("0.00") for b in classes), Decimal("0.00"))
    budget_cells = {k: c for k, c in (("total", total_cell), ("basic", cells.get("report.budget_basic")),
                                      ("project", cells.get("report.budget_project"))) if c is not None}
    budget = M.Amounts({"total": total, "basic": inputs.budget_basic, "project": inputs.budget_project,
                        "special": None}, budget_cells)
    adjusted = M.Amounts({"total": full_year, "basic": None, "project": None, "special": None},
                         {"total": full_year_cell} if full_year_cell else {})
    return budget, adjusted


def _basic_spending(accounts: DepartmentAccounts) -> tuple[M.EconomicLine, ...]:
    """表6's classes with an amount, each followed by its items with an amount."""
    rows = [r for r in accounts.t6_general_budget_basic_expenditure.rows if r["amount"] != 0]
    out = []
    for cls in (r for r in rows if len(r.code) == 3):
        out.append(M.EconomicLine(M.SCOPE_BASIC, cls.code, cls.name, cls["amount"], "", cls.cells.get("amount")))
        out += [M.EconomicLine(M.SCOPE_BASIC, r.code, r.name, r["amount"], "", r.cells.get("amount"))
                for r in rows if len(r.code) == 5 and r.code.startswith(cls.code)]
    return tuple(out)


def report_from_final_accounts(accounts: Any) -> tuple[M.SelfEvaluationReport, tuple[ReadProblem, ...]]:
    """The report of a final-accounts workbook (``DepartmentAccounts``), and the problems of its 「自评报告」."""
    inputs, cells, problems = read_hosted_inputs(accounts.source)
    info = accounts.info
    staff = None
    if not inputs.staffing:
        staff = M.StaffFigures(info.staff_in_service, info.staff_administrative, info.staff_public_institution,
                               info.staff_retired_total)
    budget, adjusted = _budget(accounts, inputs, cells)
    t5 = accounts.t5_general_budget_expenditure.total
    t7 = accounts.t7_three_public
    three_keys = {"outbound": "outbound", "vehicle": "vehicle_total", "reception": "reception", "total": "total"}
    field_cells = {f"texts.{k.split('.', 1)[1]}": c for k, c in cells.items()}
    # 三 and 四 in the department's words: 「自评报告」, else its 部门整体 self-evaluation (never typed twice)
    whole = accounts.department_evaluation
    performance = inputs.performance or (whole.achieved if whole else "")
    problems_text = inputs.problems
    if not problems_text and whole is not None:
        problems_text = "\n".join(t for t in (whole.deviation_reason, whole.measures) if t)
    for name, text in (("performance", performance), ("problems", problems_text)):
        if not text.strip():
            label = M.HostedInputs.__dataclass_fields__[name].metadata["label"]
            where = next((c for k, c in cells.items() if k.split(".", 1)[1] == name), Cell(HOSTED_SHEET.sheet, "B?"))
            problems += (problem("report-text-missing", where, label=label),)
    for ours, theirs in (("other.office_cost", "office_cost.amount"), ("other.procurement", "procurement.total")):
        if theirs in accounts.field_cells:
            field_cells[ours] = accounts.field_cells[theirs]
    report = M.SelfEvaluationReport(
        source=accounts.source,
        info=M.ReportInfo(name=info.name, year=info.year, layout=info.layout, region=inputs.region,
                          publication_date=info.publication_date, staffing=inputs.staffing,
                          institutions=inputs.institutions, functions=info.functions),
        summary=M.SpendingSummary(
            budget=budget, adjusted=adjusted,
            final=_row(t5, {"total": "total", "basic": "basic", "project": "project", "special": ""}),
            assets=M.Amounts(dict.fromkeys(M.SUMMARY_COLUMNS, None)),
        ),
        three_public=M.ThreePublic(_row(t7.budget, three_keys), _row(t7.actual, three_keys)),
        projects=tuple(M.ProjectSpending(e.name, e.budget, e.executed, "", e.cell, e.cells)
                       for e in accounts.project_evaluations),
        economic=_basic_spending(accounts),
        other=M.OtherFigures(office_cost=accounts.office_cost.amount, procurement=accounts.procurement.total,
                             procurement_note=inputs.procurement_note),
        texts=M.ReportTexts(fund_management=inputs.fund_management, performance=performance,
                            problems=problems_text),
        field_cells=field_cells,
        made_from=FINAL_ACCOUNTS,
        staff=staff,
        unit_composition=info.unit_composition if not inputs.institutions else "",
        internal_offices=info.internal_offices if not inputs.institutions else "",
    )
    return report, problems
