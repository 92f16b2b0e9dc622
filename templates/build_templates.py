"""Writes the Word templates of the three layouts: ``templates/<folder>/document.docx``.

    .venv/bin/python templates/build_templates.py            # all layouts
    .venv/bin/python templates/build_templates.py hubei      # one folder

The templates are docxtpl (Jinja) documents. This script is their reviewable source: the outline,
every sentence, every table layout of 湖北 (seed 000), 湖南 (seed 004) and 上海 (the 2024 reference
template) is written here once and generated reproducibly. After generation, template maintainers
may edit the .docx in Word directly (wording, fonts, headings); docs/templates.md lists every
variable and filter they can use.

Variables come from ``generator.render.context.DocumentContext``; numbers are printed with the
filters of ``generator.render.environment`` (``money``, ``cell``, ``pct``, ``change_verb`` …). Word
XML details (repeated header rows, merged cells, landscape sections, the TOC field) go through
``generator.render.docx_xml``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, RGBColor

from generator import forms
from generator.render import docx_xml
from generator.workbook import layout

HERE = Path(__file__).resolve().parent

BODY = "正文段落"
TABLE_TEXT = "表格文字"
TABLE_NOTE = "表注"
TABLE_INFO = "表头信息"
CAPTION = "图题"
COVER = "封面标题"
TOC_TITLE = "目录标题"
DRAFT = "草稿标记"

SONG = "宋体"
HEI = "黑体"
KAI = "楷体"
FANG = "仿宋"

PORTRAIT_TEXT_WIDTH = Cm(21.0 - 2.8 - 2.6)
LANDSCAPE_TEXT_WIDTH = Cm(29.7 - 2.0 - 2.0)

# Written into the template's core properties: a template saved in Word keeps it but gets a revision > 1.
GENERATED_MARK = "由 templates/build_templates.py 生成"

YEAR = "{{ department.year }}"
PRIOR = "{{ department.prior_year }}"
NAME = "{{ department.name }}"


# ============================================================================ Jinja snippets


def fill(text: str, var: str) -> str:
    """``text`` with every ``@`` replaced by the variable path ``var``."""
    return text.replace("@", var)


def money(var: str) -> str:
    return "{{ " + var + "|money }}万元"


def switch(var: str, cases: dict[str, str], default: str) -> str:
    """``{% if var.state == 'a' %}…{% elif … %}…{% else %}default{% endif %}``."""
    out = []
    for i, (state, text) in enumerate(cases.items()):
        out.append(("{% if " if i == 0 else "{% elif ") + f"{var}.state == '{state}' %}}" + text)
    out.append("{% else %}" + default + "{% endif %}")
    return "".join(out)


def change(var: str, *, flat: str = "持平", no_base: str = "无法形成对比", pct_word: bool = True) -> str:
    """增加X万元，增长Y% / 持平 / 无法形成对比 / 增加X万元（上年为0）."""
    moved = fill("{{ @|change_verb }}{{ @.amount|money }}万元", var)
    if pct_word:
        moved += fill("，{{ @|trend_verb }}{{ @.percent|pct }}", var)
    return switch(var, {
        "no_base": no_base,
        "flat": flat,
        "from_zero": fill("增加{{ @.amount|money }}万元", var),
    }, moved)


def completion(var: str, done: str = "完成年初预算的") -> str:
    return fill("{% if @.state == 'budget_zero' %}由于预算数为0，无法计算完成率{% else %}" + done
                + "{{ @.rate|pct }}{% endif %}", var)


def ratio(var: str, prefix: str, none: str) -> str:
    return fill("{% if @.percent is none %}" + none + "{% else %}" + prefix + "{{ @.percent|pct }}{% endif %}", var)


def subject(var: str) -> str:
    """社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）."""
    return fill("{{ @.class_name }}（类）{% if @.kuan_name %}{{ @.kuan_name }}（款）{% endif %}"
                "{% if @.item_name %}{{ @.item_name }}（项）{% endif %}", var)


def item_reason(var: str, reason: str, label: str) -> str:
    """…支出减少（增加）的主要原因是…。 — omitted without a text, when flat (如持平作持平表述) or not compared."""
    return ("{% if " + reason + " and " + var + ".state not in ('flat', 'no_base') %}" + label + "支出{{ " + var
            + "|change_verb }}的主要原因是{{ " + reason + " }}。{% endif %}")


def compared(var: str, reason: str, text: str) -> str:
    """``text`` (which quotes ``reason``) only when there is a reason and the change was compared: a reason
    for a change never follows “无法形成对比” or “持平”."""
    return "{% if " + reason + " and " + var + ".state not in ('no_base', 'flat') %}" + text + "{% endif %}"


def explained(var: str, reason: str, text: str) -> str:
    """Like ``compared``; without a prior year the accountant's text is printed as the explanation of why
    there is no comparison (湖南, seed 001: “无法形成对比，我单位是2019年4月份新成立的”), never as a reason
    for a change."""
    return ("{% if " + reason + " and " + var + ".state == 'no_base' %}，{{ " + reason + " }}{% else %}"
            + compared(var, reason, text) + "{% endif %}")


def sep() -> str:
    """；between items of an inline loop."""
    return "{% if not loop.last %}；{% endif %}"


# ============================================================================ the writer


class Writer:
    """Common outline and helpers; a subclass per layout writes the layout's wording."""

    folder = ""
    form_id = ""  # the form (generator/forms/<id>.toml) whose tables and outline this template prints
    lanci = True  # the 栏次 numbering row under table headers
    line_numbers = True  # the 行次 columns of 表1/表4
    t9_with_carryover = False
    t6_groups = 3
    t7_by_item = False  # 上海: 预算数/决算数 pairs under each item

    def __init__(self) -> None:
        self.form = forms.form_by_id(self.form_id)
        self.doc = Document()
        self._styles()
        self._page(self.doc.sections[0], landscape=False)
        docx_xml.set_chinese_text_options(self.doc)
        props = self.doc.core_properties
        props.author = ""
        props.title = ""
        props.subject = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.last_modified_by = ""
        props.revision = 1
        props.comments = GENERATED_MARK

    # ------------------------------------------------------------------ styles and pages

    def _styles(self) -> None:
        styles = self.doc.styles

        def font(style, east: str, size: float, bold: bool = False, ascii_: str = "Times New Roman") -> None:
            style.font.name = ascii_
            style.font.size = Pt(size)
            style.font.bold = bold
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            docx_xml.set_east_asian_font(style, east)

        normal = styles["Normal"]
        font(normal, SONG, 12)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)

        def para(name: str, east: str, size: float, *, bold: bool = False, indent: bool = False,
                 align=None, line: float | None = None, before: float = 0, after: float = 0):
            try:
                style = styles[name]
            except KeyError:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = normal
            font(style, east, size, bold)
            pf = style.paragraph_format
            pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
            pf.left_indent = Pt(0)
            if align is not None:
                pf.alignment = align
            if line is not None:
                pf.line_spacing = line
            pf.space_before = Pt(before)
            pf.space_after = Pt(after)
            return style

        para(BODY, SONG, 12, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, line=1.5)
        h1 = para("Heading 1", HEI, 16, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.5, before=12, after=12)
        h1.paragraph_format.page_break_before = True
        h1.paragraph_format.keep_with_next = True
        h2 = para("Heading 2", HEI, 14, indent=True, line=1.5, before=6, after=3)
        h2.paragraph_format.keep_with_next = True
        h3 = para("Heading 3", KAI, 12, bold=True, indent=True, line=1.5)
        h3.paragraph_format.keep_with_next = True
        para(TABLE_TEXT, SONG, 9, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.0)
        # a table's notes stay with its last rows (the renderer chains those rows to them) and with
        # each other; the 部门/金额单位 line stays with the table under it
        para(TABLE_NOTE, SONG, 9, line=1.2, before=3).paragraph_format.keep_with_next = True
        para(TABLE_INFO, SONG, 10.5, line=1.2, after=3).paragraph_format.keep_with_next = True
        para(CAPTION, SONG, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.2, after=6)
        para(COVER, HEI, 26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.5)
        para(TOC_TITLE, HEI, 16, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.5, after=12)
        draft = para(DRAFT, HEI, 16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, line=1.5)
        draft.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        toc1 = para("toc 1", HEI, 12, line=1.5)
        toc2 = para("toc 2", SONG, 12, line=1.5)
        toc2.paragraph_format.left_indent = Pt(24)
        for toc in (toc1, toc2):  # the page number (written at render) at the right margin, after dots
            toc.paragraph_format.tab_stops.add_tab_stop(PORTRAIT_TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        for name in ("Header", "Footer"):
            para(name, SONG, 9, align=WD_ALIGN_PARAGRAPH.CENTER)
        title = para("Title", HEI, 22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        title.paragraph_format.page_break_before = False

    def _page(self, section, *, landscape: bool) -> None:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            docx_xml.set_landscape(section)
            section.left_margin = section.right_margin = Cm(2.0)
            section.top_margin = section.bottom_margin = Cm(2.2)
        else:
            docx_xml.set_portrait(section)
            section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
            section.top_margin, section.bottom_margin = Cm(2.54), Cm(2.54)
        section.header_distance = section.footer_distance = Cm(1.2)

    def new_section(self, *, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        # only the cover has no page number: a later section's first page uses the running footer
        section.different_first_page_header_footer = False

    # ------------------------------------------------------------------ paragraphs

    def p(self, text: str = "", style: str = BODY, *, align=None, bold: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def tag(self, tag: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag, e.g. ``if draft`` → ``{%p if draft %}``."""
        self.doc.add_paragraph(f"{{%p {tag} %}}", style="Normal")

    def h1(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 1")

    def h2(self, text: str, *, center: bool = False, new_page: bool = False) -> None:
        paragraph = self.doc.add_paragraph(text, style="Heading 2")
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Pt(0)
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def h3(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 3")

    def chart(self, key: str, caption: str) -> None:
        image = self.p("{{ charts." + key + ".image }}", "Normal", align=WD_ALIGN_PARAGRAPH.CENTER)
        image.paragraph_format.keep_with_next = True
        self.p(caption, CAPTION)

    def page_break(self) -> None:
        self.doc.add_paragraph(style="Normal").add_run().add_break(WD_BREAK.PAGE)

    # ------------------------------------------------------------------ tables

    def table(self, widths: Sequence[float], grid: list[list[str]], merges: Sequence[tuple[int, int, int, int]],
              header_rows: int, align: str, *, bold_rows: Sequence[int] = ()):
        """A bordered table; ``align`` gives each column's body alignment (l, c, r)."""
        rows, cols = len(grid), len(widths)
        table = self.doc.add_table(rows=rows, cols=cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        docx_xml.set_table_borders(table)
        docx_xml.set_cell_margins(table)
        for r, row in enumerate(grid):
            for c in range(cols):
                text = row[c] if c < len(row) else ""
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles[TABLE_TEXT]
                if text:
                    run = paragraph.add_run(text)
                    if r < header_rows or r in bold_rows:
                        run.bold = True
                if r >= header_rows:
                    paragraph.alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                                           "c": WD_ALIGN_PARAGRAPH.CENTER, "j": WD_ALIGN_PARAGRAPH.JUSTIFY}[align[c]]
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for top, left, bottom, right in merges:
            docx_xml.merge(table, top, left, bottom, right)
        docx_xml.set_fixed_layout(table, [Cm(w) for w in widths])
        for r in range(header_rows):
            docx_xml.repeat_as_header(table.rows[r])
        for row in table.rows:
            docx_xml.keep_row_together(row)
        # the rows after the body rows (totals, a second loop of footer rows) stay with the table's end and
        # its notes: 与下段同页 on their paragraphs (the renderer chains a few body rows above them too)
        ends = [r for r, row in enumerate(grid) if row and row[0].startswith("{%tr endfor")]
        if ends and ends[0] + 1 < rows:
            for row in table.rows[ends[0] + 1:]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        return table

    @staticmethod
    def spread(total: float, fixed: Sequence[float], n: int) -> list[float]:
        rest = (total - sum(fixed)) / n
        return [*fixed, *([round(rest, 2)] * n)]

    # ------------------------------------------------------------------ the nine tables

    def table_heading(self, number: int, title: str, official_no: str, unit_only: bool = False) -> None:
        raise NotImplementedError

    def table_info(self, unit_only: bool = False) -> None:
        paragraph = self.p("" if unit_only else "部门：" + NAME, TABLE_INFO)
        paragraph.paragraph_format.tab_stops.add_tab_stop(LANDSCAPE_TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t金额单位：万元")

    def note(self, text: str) -> None:
        self.p(text, TABLE_NOTE)

    def subject_table(self, var: str, columns: Sequence[tuple[str, str]], group: tuple[str, Sequence[str]] | None,
                      *, total_first: bool = True) -> None:
        """表2/3/5/8/9: 项目 (编码, 名称) + amount columns, 栏次 row, 合计 row, one row per subject."""
        n = len(columns)
        widths = self.spread(LANDSCAPE_TEXT_WIDTH.cm, (2.8, 7.0), n)
        head0 = ["项目", ""]
        head1 = ["功能分类科目编码", "科目名称"]
        merges: list[tuple[int, int, int, int]] = [(0, 0, 0, 1)]
        group_keys = set(group[1]) if group else set()
        first_group = next((i for i, (k, _) in enumerate(columns) if k in group_keys), None)
        for i, (key, label) in enumerate(columns):
            c = i + 2
            if key in group_keys:
                head0.append(group[0] if i == first_group else "")  # type: ignore[index]
                head1.append(label)
            else:
                head0.append(label)
                head1.append("")
                merges.append((0, c, 1, c))
        if group and first_group is not None:
            merges.append((0, first_group + 2, 0, first_group + 1 + len(group_keys)))
        grid = [head0, head1]
        if self.lanci:
            grid.append(["栏次", "", *[str(i + 1) for i in range(n)]])
            merges.append((2, 0, 2, 1))
        header_rows = len(grid)
        total = ["合计", "", *["{{ " + var + ".total.amounts." + k + "|cell }}" for k, _ in columns]]
        loop = ["{%tr for r in " + var + ".rows %}", "", *[""] * n]
        body = ["{{ r.code }}", "{{ r.name }}", *["{{ r.amounts." + k + "|cell }}" for k, _ in columns]]
        end = ["{%tr endfor %}", "", *[""] * n]
        rows = [total, loop, body, end] if total_first else [loop, body, end, total]
        total_at = header_rows if total_first else header_rows + 3
        grid += rows
        merges.append((total_at, 0, total_at, 1))
        self.table(widths, grid, merges, header_rows, "ll" + "r" * n, bold_rows=(total_at,))

    def labeled_table(self, var: str, left_header: Sequence[str], right_header: Sequence[str],
                      right_keys: Sequence[str]) -> None:
        """表1/表4: 收入 (项目, 行次, 金额) | 支出 (项目, 行次, amounts) with body rows and footer rows."""
        ln = self.line_numbers
        left_cols = 3 if ln else 2
        nr = len(right_keys)
        right_cols = (2 if ln else 1) + nr
        cols = left_cols + right_cols
        item_w = 6.6 if nr == 1 else 5.6
        fixed_left = (item_w, 1.1) if ln else (item_w,)
        fixed_right = (item_w, 1.1) if ln else (item_w,)
        amount_w = (LANDSCAPE_TEXT_WIDTH.cm - sum(fixed_left) - sum(fixed_right)) / (1 + nr)
        widths = [*fixed_left, round(amount_w, 2), *fixed_right, *[round(amount_w, 2)] * nr]
        head0 = ["收入", *[""] * (left_cols - 1), "支出", *[""] * (right_cols - 1)]
        head1 = [*left_header, *right_header]
        merges = [(0, 0, 0, left_cols - 1), (0, left_cols, 0, cols - 1)]
        grid = [head0, head1]
        if self.lanci:
            lanci = ["栏次", "", "1"] if ln else ["栏次", "1"]
            lanci += (["栏次", ""] if ln else ["栏次"]) + [str(i + 2) for i in range(nr)]
            grid.append(lanci)
        header_rows = len(grid)

        def side(row: str, keys: Sequence[str]) -> list[str]:
            label = "{% if " + row + ".seq %}{{ " + row + ".seq|cn }}、{% endif %}{{ " + row + ".name }}"
            cells = [label]
            if ln:
                cells.append("{{ " + row + ".no }}")
            cells += ["{{ " + row + ".amounts." + k + "|cell }}" for k in keys]
            return cells

        for part in ("body", "footer"):
            grid.append(["{%tr for r in " + var + "." + part + " %}", *[""] * (cols - 1)])
            grid.append([*side("r.left", ["amount"]), *side("r.right", right_keys)])
            grid.append(["{%tr endfor %}", *[""] * (cols - 1)])
        align = ("lcr" if ln else "lr") + ("lc" if ln else "l") + "r" * nr
        self.table(widths, grid, merges, header_rows, align)

    def t6_table(self) -> None:
        var = "tables.t6"
        if self.t6_groups == 3:
            widths = [1.4, 5.0, 2.1] * 3
            head0 = ["人员经费", "", "", "公用经费", "", "", "", "", ""]
            head1 = ["科目编码", "科目名称", "决算数"] * 3
            merges = [(0, 0, 0, 2), (0, 3, 0, 8)]
            groups = ("personnel", "public", "other")
            rows_var = var + ".rows"
        else:
            widths = [2.0, 6.6, 4.1] * 2
            head0 = ["人员经费", "", "", "公用经费", "", ""]
            head1 = ["经济分类科目编码", "科目名称", "决算数"] * 2
            merges = [(0, 0, 0, 2), (0, 3, 0, 5)]
            groups = ("personnel", "public")
            rows_var = var + ".rows2"
        cols = len(widths)
        grid = [head0, head1]
        body = []
        for g in groups:
            body += ["{{ r." + g + ".code }}", "{{ r." + g + ".name }}", "{{ r." + g + ".amount|cell }}"]
        grid += [["{%tr for r in " + rows_var + " %}", *[""] * (cols - 1)], body,
                 ["{%tr endfor %}", *[""] * (cols - 1)]]
        total_row = ["人员经费合计", "", "{{ " + var + ".personnel_total|cell }}", "公用经费合计",
                     *[""] * (cols - 5), "{{ " + var + ".public_total|cell }}"]
        last = len(grid)
        grid.append(total_row)
        merges += [(last, 0, last, 1), (last, 3, last, cols - 2)]
        self.table(widths, grid, merges, 2, "clr" * len(groups), bold_rows=(last,))

    def t7_table(self) -> None:
        keys = ("total", "outbound", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
        width = round(LANDSCAPE_TEXT_WIDTH.cm / 12, 2)
        widths = [width] * 12
        if self.t7_by_item:
            head0 = ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "",
                     "公务接待费", ""]
            head1 = ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""]
            head2 = ["预算数", "决算数"] * 6
            merges = [(0, 0, 1, 1), (0, 2, 1, 3), (0, 4, 0, 9), (1, 4, 1, 5), (1, 6, 1, 7), (1, 8, 1, 9),
                      (0, 10, 1, 11)]
            grid = [head0, head1, head2]
            data = []
            for k in keys:
                data += ["{{ tables.t7.budget." + k + "|cell }}", "{{ tables.t7.actual." + k + "|cell }}"]
        else:
            head0 = ["预算数", *[""] * 5, "决算数", *[""] * 5]
            one = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
            two = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
            grid = [head0, one + one, two + two]
            merges = [(0, 0, 0, 5), (0, 6, 0, 11)]
            for base in (0, 6):
                merges += [(1, base, 2, base), (1, base + 1, 2, base + 1), (1, base + 2, 1, base + 4),
                           (1, base + 5, 2, base + 5)]
            if self.lanci:
                grid.append([str(i + 1) for i in range(12)])
            data = ["{{ tables.t7.budget." + k + "|cell }}" for k in keys]
            data += ["{{ tables.t7.actual." + k + "|cell }}" for k in keys]
        header_rows = len(grid)
        grid.append(data)
        self.table(widths, grid, merges, header_rows, "r" * 12)

    T2_COLUMNS = (("total", "本年收入合计"), ("appropriation", "财政拨款收入"), ("higher_subsidy", "上级补助收入"),
                  ("business", "事业收入"), ("operating", "经营收入"), ("subordinate", "附属单位上缴收入"),
                  ("other", "其他收入"))
    T3_COLUMNS = (("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
                  ("remit_higher", "上缴上级支出"), ("operating", "经营支出"), ("subsidy_subordinate",
                                                                                    "对附属单位补助支出"))
    T5_COLUMNS = (("total", "小计"), ("basic", "基本支出"), ("project", "项目支出"))
    T8_COLUMNS = (("carryover_begin", "年初结转和结余"), ("income", "本年收入"), ("total", "小计"),
                  ("basic", "基本支出"), ("project", "项目支出"), ("carryover_end", "年末结转和结余"))
    T9_COLUMNS = (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))

    def tables(self) -> None:
        """The form's tables in its order, titled and numbered as the form declares them; each one is kept
        only when the document's form has it (a template used with another form drops the table)."""
        for number, spec in enumerate(self.form.tables, 1):
            self.tag(f"if form.has_table('{spec.table}')")
            self.table_heading(number, spec.title, spec.official_no)
            getattr(self, "table_" + spec.table)(spec)
            self.tag("endif")

    def item_headers(self) -> tuple[list[str], list[str]]:
        return (["项目", "行次", "金额"], ["项目", "行次"]) if self.line_numbers else (["项目", "决算数"], ["项目"])

    def table_t1(self, spec: layout.LabeledSheet) -> None:
        left, _ = self.item_headers()
        self.labeled_table("tables.t1", left, left, ("amount",))
        self.t1_notes()

    def table_t2(self, spec: layout.SubjectSheet) -> None:
        self.subject_table("tables.t2", self.T2_COLUMNS, None)
        self.note("注：本表反映部门本年度取得的各项收入情况。")
        self.t2_notes()

    def table_t3(self, spec: layout.SubjectSheet) -> None:
        self.subject_table("tables.t3", self.T3_COLUMNS, None)
        self.note("注：本表反映部门本年度各项支出情况。")
        self.t3_notes()

    def table_t4(self, spec: layout.LabeledSheet) -> None:
        left, right = self.item_headers()
        columns = spec.right_columns  # the form's columns: 2019 has no 国有资本经营预算财政拨款
        self.labeled_table("tables.t4", left, right + [c.label for c in columns], tuple(c.key for c in columns))
        self.t4_notes()

    def table_t5(self, spec: layout.SubjectSheet) -> None:
        self.subject_table("tables.t5", self.t5_columns(), ("本年支出", ("total", "basic", "project")),
                           total_first=self.t5_total_first())
        self.note("注：本表反映部门本年度一般公共预算财政拨款支出情况。")
        self.t5_notes()

    def table_t6(self, spec: layout.EconomicSheet) -> None:
        self.t6_table()
        self.note("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    def table_t7(self, spec: layout.ThreePublicSheet) -> None:
        self.t7_table()
        self.t7_notes()

    def table_t8(self, spec: layout.SubjectSheet) -> None:
        self.subject_table("tables.t8", self.T8_COLUMNS, ("本年支出", ("total", "basic", "project")))
        self.t8_notes()

    def table_t9(self, spec: layout.SubjectSheet) -> None:
        if self.t9_with_carryover:
            self.subject_table("tables.t9", self.T8_COLUMNS, ("本年支出", ("total", "basic", "project")))
        else:
            self.subject_table("tables.t9", self.T9_COLUMNS, ("本年支出", ("total", "basic", "project")))
        self.t9_notes()

    def t5_columns(self) -> Sequence[tuple[str, str]]:
        return self.T5_COLUMNS

    def t5_total_first(self) -> bool:
        return True

    def t1_notes(self) -> None:
        self.note("注：本表反映部门本年度的总收支和年末结转结余情况。")

    def t2_notes(self) -> None:
        pass

    def t3_notes(self) -> None:
        pass

    def t4_notes(self) -> None:
        self.note(self.form.table("t4").note)  # 2019 has no 国有资本经营预算 in 表4

    def t5_notes(self) -> None:
        pass

    def t7_notes(self) -> None:
        self.note("注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费年初预算数，"
                  "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。")
        self.t7_formula()
        self.tag("if tables.t7.is_empty")
        self.note("本部门无一般公共预算财政拨款“三公”经费支出情况。")
        self.tag("endif")

    def t8_notes(self) -> None:
        self.note("注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。")
        self.t8_formula()
        self.tag("if tables.t8.is_empty")
        self.note("说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。")
        self.tag("endif")

    def t9_notes(self) -> None:
        self.note("注：本表反映部门本年度国有资本经营预算财政拨款支出情况。")
        self.t9_formula()
        self.tag("if tables.t9.is_empty")
        self.note("说明：本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。")
        self.tag("endif")

    def t7_formula(self) -> None:
        """How the columns of 表7 add up, under its note (湖北)."""

    def t8_formula(self) -> None:
        """How the columns of 表8 add up, under its note (湖北)."""

    def t9_formula(self) -> None:
        """How the columns of 表9 add up, under its note (湖北)."""

    # ------------------------------------------------------------------ 绩效自评表

    def evaluation_table(self, var: str) -> None:
        """One 绩效自评表 (8 columns) for the evaluation ``var``."""
        widths = [2.6, 1.7, 1.9, 2.6, 2.0, 2.0, 1.3, 1.5]
        e = var
        grid = [
            ["项目名称", "{{ " + e + ".name }}", "", "", "", "", "", ""],
            ["主管部门", "{{ " + e + ".competent_department }}", "", "", "项目实施单位", "",
             "{{ " + e + ".implementing_unit }}", ""],
            ["预算执行情况（万元）", "", "", "预算数（A）", "执行数（B）", "执行率（B/A）",
             "得分（{{ " + e + ".execution_weight|num }}分×执行率）", ""],
            ["", "年度资金总额", "", "{{ " + e + ".budget|money }}", "{{ " + e + ".executed|money }}",
             "{% if " + e + ".execution_rate is none %}—{% else %}{{ " + e + ".execution_rate|pct }}{% endif %}",
             "{{ " + e + ".execution_score|money }}", ""],
            ["年度总体目标（{{ " + e + ".goal_weight|num }}分）", "年初设定目标", "", "", "全年实际完成情况", "", "",
             "得分"],
            ["", "{{ " + e + ".goal }}", "", "", "{{ " + e + ".achieved }}", "", "",
             "{% if " + e + ".goal_score is not none %}{{ " + e + ".goal_score|num }}{% endif %}"],
            ["绩效指标（{{ " + e + ".indicator_weight|num }}分）", "一级指标", "二级指标", "三级指标", "年初目标值",
             "实际完成值", "分值", "得分"],
            ["{%tr for i in " + e + ".indicators %}", "", "", "", "", "", "", ""],
            ["", "{{ i.level1 }}", "{{ i.level2 }}", "{{ i.name }}", "{{ i.target }}", "{{ i.actual }}",
             "{{ i.weight|num }}", "{% if i.score is not none %}{{ i.score|num }}{% endif %}"],
            ["{%tr endfor %}", "", "", "", "", "", "", ""],
            ["总分",
             "{% if " + e + ".total_score is not none %}{{ " + e + ".total_score|num }}分{% else %}未评分{% endif %}",
             "", "", "自评等级", "", "{% if " + e + ".grade %}{{ " + e + ".grade }}{% else %}未评分{% endif %}", ""],
            ["偏差大或目标未完成原因分析", "{{ " + e + ".deviation_reason }}", "", "", "", "", "", ""],
            ["改进措施及结果应用方案", "{{ " + e + ".measures }}", "", "", "", "", "", ""],
        ]
        merges = [
            (0, 1, 0, 7),
            (1, 1, 1, 3), (1, 4, 1, 5), (1, 6, 1, 7),
            (2, 0, 3, 0), (2, 1, 2, 2), (2, 6, 2, 7), (3, 1, 3, 2), (3, 6, 3, 7),
            (4, 0, 5, 0), (4, 1, 4, 3), (4, 4, 4, 6), (5, 1, 5, 3), (5, 4, 5, 6),
            (10, 1, 10, 3), (10, 4, 10, 5), (10, 6, 10, 7),
            (11, 1, 11, 7), (12, 1, 12, 7),
        ]
        table = self.table(widths, grid, merges, 0, "cccccccc")
        # the rendered indicator rows merge into the “绩效指标” cell above them
        docx_xml.vertical_merge(table.cell(6, 0), "restart")
        docx_xml.vertical_merge(table.cell(8, 0), "continue")
        # label cells centred and bold, long texts justified
        for r, c in ((0, 0), (1, 0), (1, 4), (2, 0), (4, 0), (6, 0), (10, 0), (10, 4), (11, 0), (12, 0)):
            for run in table.cell(r, c).paragraphs[0].runs:
                run.bold = True
        for r, c in ((5, 1), (5, 4), (11, 1), (12, 1)):
            table.cell(r, c).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def evaluation_tables(self, title_department: str, title_project: str) -> None:
        self.tag("if figures.performance.department")
        self.h2(title_department, center=True)
        self.p("单位名称：" + NAME, TABLE_INFO)
        self.evaluation_table("figures.performance.department")
        self.p("", "Normal")
        self.tag("endif")
        self.tag("for e in figures.performance.projects")
        # each table on its own page, the first one under the part's heading (no page holding only it)
        self.tag("if loop.first and not figures.performance.department")
        self.h2(title_project, center=True)
        self.tag("else")
        self.h2(title_project, center=True, new_page=True)
        self.tag("endif")
        self.p("单位名称：" + NAME, TABLE_INFO)
        self.evaluation_table("e")
        self.p("", "Normal")
        self.tag("endfor")

    # ------------------------------------------------------------------ the document

    def cover(self) -> None:
        for _ in range(6):
            self.p("", "Normal")
        self.p(YEAR + "年度", COVER)
        self.p(NAME, COVER)
        self.p("部门决算", COVER)
        self.tag("if draft")
        self.p("", "Normal")
        self.p("草稿（校验未通过，仅供核对，不得公开）", DRAFT)
        self.tag("endif")
        for _ in range(8):
            self.p("", "Normal")
        self.tag("if department.publication_date")
        self.p("{{ department.publication_date }}", COVER).runs[0].font.size = Pt(16)
        self.tag("endif")

    def contents(self) -> None:
        self.page_break()
        self.p("目  录", TOC_TITLE)
        paragraph = self.doc.add_paragraph(style="toc 1")
        docx_xml.add_toc_field(paragraph, "（目录：生成文档时按各级标题自动填写；在 Word 中右键“更新域”可加页码）")

    def header_footer(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run("{% if draft %}草稿 — 校验未通过，仅供核对{% endif %}")
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        first = section.first_page_header.paragraphs[0]
        first.style = self.doc.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        docx_xml.add_page_number(footer)

    def build(self) -> Document:
        self.cover()
        self.contents()
        self.header_footer()
        self.part_overview()
        self.new_section(landscape=True)
        self.part_tables()
        self.new_section(landscape=False)
        self.part_explanations()
        self.part_key_work()
        self.part_glossary()
        self.part_attachments()
        return self.doc

    def part_tables(self) -> None:
        raise NotImplementedError

    def part_overview(self) -> None:
        raise NotImplementedError

    def part_explanations(self) -> None:
        raise NotImplementedError

    def part_key_work(self) -> None:
        raise NotImplementedError

    def part_glossary(self) -> None:
        raise NotImplementedError

    def part_attachments(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ shared pieces of wording

    def functions_list(self, numbering: str) -> None:
        self.tag("for f in department.functions")
        self.p(numbering + "{{ f }}")
        self.tag("endfor")

    def staff(self) -> None:
        self.p(NAME + "在职实有人数{{ department.staff_in_service }}人，其中："
               "行政{{ department.staff_administrative }}人，"
               "事业{{ department.staff_public_institution }}人（其中：参照公务员法管理"
               "{{ department.staff_civil_servant_managed }}人）。")
        self.p("离退休人员{{ department.staff_retired_total }}人，其中：离休{{ department.staff_retired_lixiu }}人，"
               "退休{{ department.staff_retired_tuixiu }}人。")

    def key_work_part(self, number_expr: str) -> None:
        self.tag("if key_work")
        self.h1("第" + number_expr + "部分 " + YEAR + "年重点工作完成情况")
        self.tag("for k in key_work")
        self.h2("{{ loop.index|cn }}、{{ k.title }}")
        self.p("{{ k.text }}")
        self.tag("endfor")
        self.tag("endif")

    def subjects_used(self, numbering: str = "{{ loop.index }}. ") -> None:
        self.tag("for s in glossary.subjects")
        self.p(numbering + subject("s"))
        self.tag("endfor")

    def glossary_extra(self, numbering: str = "{{ loop.index }}. ") -> None:
        self.tag("for g in glossary.extra")
        self.p(numbering + "{{ g.term }}：{{ g.explanation }}")
        self.tag("endfor")

    def procurement_sme(self, subject_text: str) -> None:
        pr = "figures.procurement"
        self.tag("if " + pr + ".total")
        self.p(YEAR + "年度" + subject_text + "政府采购支出总额" + money(pr + ".total") + "，其中：政府采购货物支出"
               + money(pr + ".goods") + "、政府采购工程支出" + money(pr + ".works") + "、政府采购服务支出"
               + money(pr + ".services") + "。授予中小企业合同金额" + money(pr + ".sme.part") + "，"
               + ratio(pr + ".sme", "占政府采购支出总额的", "政府采购支出总额为0") + "，其中：授予小微企业合同金额"
               + money(pr + ".small_micro.part") + "，"
               + ratio(pr + ".small_micro", "占授予中小企业合同金额的", "授予中小企业合同金额为0") + "；"
               + ratio(pr + ".sme_goods", "货物采购授予中小企业合同金额占货物支出金额的", "本年度无货物采购支出") + "，"
               + ratio(pr + ".sme_works", "工程采购授予中小企业合同金额占工程支出金额的", "本年度无工程采购支出") + "，"
               + ratio(pr + ".sme_services", "服务采购授予中小企业合同金额占服务支出金额的", "本年度无服务采购支出")
               + "。")
        self.tag("else")
        self.p(YEAR + "年度" + subject_text + "无政府采购支出。")
        self.tag("endif")


# ============================================================================ 湖北 (seed 000)


class Hubei(Writer):
    folder = "hubei"
    form_id = "hubei_2021"

    def table_heading(self, number: int, title: str, official_no: str, unit_only: bool = False) -> None:
        self.h2(YEAR + "年度" + title + "（表" + str(number) + "）", center=True, new_page=number > 1)
        self.table_info()

    def part_overview(self) -> None:
        self.h1("第一部分 " + NAME + "概况")
        self.h2("一、部门主要职能")
        self.functions_list("（{{ loop.index }}）")
        self.h2("二、部门决算单位构成")
        self.p("从单位构成看，" + NAME + "部门决算由{{ department.unit_composition }}组成。")
        self.tag("if department.internal_offices")
        self.p("{{ department.internal_offices }}")
        self.tag("endif")
        self.h2("三、部门人员构成")
        self.staff()

    def part_tables(self) -> None:
        self.h1("第二部分 " + NAME + YEAR + "年度部门决算表")
        self.tables()

    def t1_notes(self) -> None:
        super().t1_notes()
        n = "tables.t1.numbers."
        b = "tables.t1.body"

        def no(key: str) -> str:
            return "{{ " + n + key + " }}"

        self.note(no("income_total") + "行=（1+2+3+4+5+6+7+8）行；" + no("income_grand_total") + "行=（"
                  + no("income_total") + "+" + no("use_non_appropriation_balance") + "+" + no("carryover_begin")
                  + "）行；")
        self.note(no("expenditure_total") + "行=（{{ " + b + "[0].right.no }}+{{ " + b + "[1].right.no }}+…+{{ (" + b
                  + "|last).right.no }}）行；" + no("expenditure_grand_total") + "行=（" + no("expenditure_total")
                  + "+" + no("surplus_distribution") + "+" + no("carryover_end") + "）行。")

    def t2_notes(self) -> None:
        self.note("1栏各行=（2+3+4+5+6+7）栏各行。")

    def t3_notes(self) -> None:
        self.note("1栏各行=（2+3+4+5+6）栏各行。")

    def t4_notes(self) -> None:
        super().t4_notes()
        b = "tables.t4.body"

        def no(key: str) -> str:
            return "{{ tables.t4.numbers." + key + " }}"

        # two lines, as seed 000 prints them: the income side, then the expenditure side
        self.note(no("income_total") + "行=（1+2+3）行；" + no("carryover_begin") + "行=（"
                  + no("carryover_begin_general_budget") + "+" + no("carryover_begin_gov_fund") + "+"
                  + no("carryover_begin_state_capital") + "）行；" + no("income_grand_total") + "行=（"
                  + no("income_total") + "+" + no("carryover_begin") + "）行；")
        self.note(no("expenditure_total") + "行=（{{ " + b + "[0].right.no }}+{{ " + b + "[1].right.no }}+…+{{ (" + b
                  + "|last).right.no }}）行；" + no("expenditure_grand_total") + "行=（" + no("expenditure_total")
                  + "+" + no("carryover_end") + "）行。")

    def t5_notes(self) -> None:
        self.note("1栏各行=（2+3）栏各行。")

    def t7_formula(self) -> None:
        self.note("1栏=（2+3+6）栏；3栏=（4+5）栏；7栏=（8+9+12）栏；9栏=（10+11）栏。")

    def t8_formula(self) -> None:
        self.note("6栏各行=（1+2-3）栏各行；3栏各行=（4+5）栏各行。")

    def t9_formula(self) -> None:
        self.note("1栏各行=（2+3）栏各行。")

    # ------------------------------------------------------------------ 第三部分

    def part_explanations(self) -> None:
        f = "figures"
        self.h1("第三部分 " + NAME + YEAR + "年度部门决算情况说明")

        self.h2("一、收入支出决算总体情况说明")
        c = f + ".total.change"
        self.p(YEAR + "年度收、支总计" + money(f + ".total.grand_total") + "。"
               + switch(c, {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比。",
                            "flat": "与" + PRIOR + "年度相比，收、支总计持平。"},
                        "与" + PRIOR + "年度相比，收、支总计各" + change(c) + "。")
               + compared(c, "reasons.total_change", "主要原因是{{ reasons.total_change }}。"))
        self.chart("total", "图1：收、支决算总计变动情况")

        self.h2("二、收入决算情况说明")
        self.p(YEAR + "年度收入合计" + money(f + ".income.total")
               + "{% if listed.income_parts %}。其中：{% for p in listed.income_parts %}"
               "{{ p.name }}" + money("p.amount") + "，占本年收入{{ p.share|pct }}" + sep()
               + "{% endfor %}{% endif %}。")
        self.chart("income", "图2：收入决算结构")

        self.h2("三、支出决算情况说明")
        self.p(YEAR + "年度支出合计" + money(f + ".expenditure.total") + "{% if listed.expenditure_parts %}。其中："
               "{% for p in listed.expenditure_parts %}"
               "{{ p.name }}" + money("p.amount") + "，占本年支出{{ p.share|pct }}" + sep()
               + "{% endfor %}{% endif %}。")
        self.chart("expenditure", "图3：支出决算结构")

        self.h2("四、财政拨款收入支出决算总体情况说明")
        c = f + ".appropriation.change"
        self.p(YEAR + "年度财政拨款收、支总计" + money(f + ".appropriation.grand_total") + "。"
               + switch(c, {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比。",
                            "flat": "与" + PRIOR + "年度相比，财政拨款收、支总计持平。"},
                        "与" + PRIOR + "年度相比，财政拨款收、支总计各" + change(c) + "。")
               + compared(c, "reasons.appropriation_change", "主要原因是{{ reasons.appropriation_change }}。"))
        self.chart("appropriation", "图4：财政拨款收、支决算总计变动情况")

        self.h2("五、一般公共预算财政拨款支出决算情况说明")
        gb = f + ".general_budget"
        self.h3("（一）财政拨款支出决算总体情况")
        c = gb + ".change"
        self.p(YEAR + "年度财政拨款支出" + money(gb + ".total") + "，"
               + ratio(gb + ".share_of_expenditure", "占本年支出合计的", "本年支出合计为0") + "。"
               + switch(c, {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比。",
                            "flat": "与" + PRIOR + "年度相比，财政拨款支出持平。"},
                        "与" + PRIOR + "年度相比，财政拨款支出" + change(c) + "。")
               + compared(c, "reasons.general_budget_change", "主要原因是{{ reasons.general_budget_change }}。"))
        self.h3("（二）财政拨款支出决算结构情况")
        self.p(YEAR + "年度财政拨款支出" + money(gb + ".total")
               + "{% if listed.general_budget_classes %}，主要用于以下方面：{% else %}。{% endif %}")
        self.tag("for c in listed.general_budget_classes")
        self.p("{{ c.name }}（类）" + money("c.amount") + "，占{{ c.share|pct }}{% if loop.last %}。{% else %}；"
               "{% endif %}")
        self.tag("endfor")
        self.h3("（三）财政拨款支出决算具体情况")
        comp = gb + ".completion"
        self.p(YEAR + "年度一般公共预算财政拨款支出年初预算为" + money(comp + ".budget") + "，支出决算为"
               + money(comp + ".actual") + "，" + completion(comp) + "。其中：基本支出" + money(gb + ".basic")
               + "，项目支出" + money(gb + ".project") + "。"
               + "{% if reasons.general_budget_uses %}项目支出主要用于{{ reasons.general_budget_uses }}。{% endif %}"
               + compared(comp + ".versus", "reasons.general_budget_vs_budget",
                          "决算数与年初预算数存在差异的主要原因是{{ reasons.general_budget_vs_budget }}。"))
        self.tag("for b in listed.general_budget_details")
        self.p("{{ loop.index }}. " + subject("b.path") + "。年初预算为" + money("b.completion.budget") + "，支出决算为"
               + money("b.completion.actual") + "，" + completion("b.completion")
               + "{% if b.completion.versus.state != 'flat' %}，支出决算数{{ b.completion.versus|compare_verb }}"
                 "年初预算数{% if b.reason %}，主要原因是{{ b.reason }}{% endif %}{% endif %}。")
        self.tag("endfor")

        self.h2("六、一般公共预算财政拨款基本支出决算情况说明")
        bs = f + ".basic"
        self.p(YEAR + "年度一般公共预算财政拨款基本支出" + money(bs + ".total") + "，其中：")
        self.p("人员经费" + money(bs + ".personnel.amount")
               + "{% if figures.basic.personnel_subjects %}，主要包括："
                 "{{ figures.basic.personnel_subjects|join('、') }}{% endif %}。")
        self.p("公用经费" + money(bs + ".public.amount")
               + "{% if figures.basic.public_subjects %}，主要包括："
                 "{{ figures.basic.public_subjects|join('、') }}{% endif %}。")

        self.three_public()

        self.h2("八、政府性基金预算财政拨款收入支出决算情况")
        gf = f + ".gov_fund"
        self.tag("if " + gf + ".is_empty")
        self.p(YEAR + "年度" + NAME + "无政府性基金预算财政拨款收入和支出。")
        self.tag("else")
        self.p(YEAR + "年度政府性基金预算财政拨款年初结转和结余" + money(gf + ".carryover_begin") + "，本年收入"
               + money(gf + ".income") + "，本年支出" + money(gf + ".total") + "，年末结转和结余"
               + money(gf + ".carryover_end") + "。具体支出情况为：")
        self.tag("for b in " + gf + ".by_class")
        self.p("（{{ loop.index|cn }}）{{ b.path.class_name }}（类）。支出决算为" + money("b.completion.actual")
               + "{% if b.item_names %}，主要为{{ b.item_names|join('、') }}{% endif %}。")
        self.tag("endfor")
        self.tag("endif")

        self.h2("九、国有资本经营预算财政拨款支出决算情况")
        sc = f + ".state_capital"
        self.tag("if " + sc + ".is_empty")
        self.p(YEAR + "年度" + NAME + "无国有资本经营预算财政拨款支出。")
        self.tag("else")
        self.p(YEAR + "年度国有资本经营预算财政拨款本年支出" + money(sc + ".total") + "。")
        self.tag("for b in " + sc + ".by_class")
        self.p("（{{ loop.index|cn }}）{{ b.path.class_name }}（类）。支出决算为" + money("b.completion.actual")
               + "{% if b.item_names %}，主要为{{ b.item_names|join('、') }}{% endif %}。")
        self.tag("endfor")
        self.tag("endif")

        self.h2("十、机关运行经费支出情况")
        oc = f + ".office_cost"
        self.p(YEAR + "年度" + NAME + "机关运行经费支出" + money(oc + ".amount") + "，"
               + switch(oc + ".change", {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比",
                                         "flat": "与" + PRIOR + "年度持平"},
                        "比" + PRIOR + "年度" + change(oc + ".change")) + "。"
               + compared(oc + ".change", "reasons.office_cost_change", "主要原因是{{ reasons.office_cost_change }}。"))

        self.h2("十一、政府采购支出情况")
        self.procurement_sme(NAME)

        self.h2("十二、国有资产占用情况")
        a = "assets"
        self.p("截至" + YEAR + "年12月31日，" + NAME + "共有车辆{{ " + a + ".vehicles_total }}辆，其中，副部（省）"
               "级及以上领导用车"
               "{{ " + a + ".vehicles_ministerial }}辆，主要领导干部用车{{ " + a + ".vehicles_principal_leader }}辆，"
                   "机要通信用车"
               "{{ " + a + ".vehicles_confidential }}辆，应急保障用车{{ " + a + ".vehicles_emergency }}辆，执法执勤用车"
               "{{ " + a + ".vehicles_law_enforcement }}辆，"
                   "特种专业技术用车{{ " + a + ".vehicles_special_technical }}辆，"
               "离退休干部用车{{ " + a + ".vehicles_retired_cadres }}辆，其他用车{{ " + a + ".vehicles_other }}辆。"
               "单价50万元（含）以上通用设备{{ " + a + ".general_equipment_over_500k }}台（套），单价100万元（含）"
                   "以上专用设备"
               "{{ " + a + ".special_equipment_over_1m }}台（套）。")

        self.performance()

    def three_public(self) -> None:
        tp = "figures.three_public"
        d = "three_public_details"
        self.h2("七、一般公共预算财政拨款“三公”经费支出决算情况说明")
        self.h3("（一）“三公”经费的单位范围")
        self.p(NAME + "有一般公共预算财政拨款预算安排“三公”经费的单位包括" + NAME + "本级及下属{{ " + d
               + ".scope_administrative_units }}个行政单位、"
                 "{{ " + d + ".scope_civil_servant_managed_units }}个参公事业单位、"
               "{{ " + d + ".scope_fully_funded_units }}个全额拨款事业单位。")
        self.h3("（二）一般公共预算财政拨款“三公”经费支出决算情况")
        self.tag("if " + tp + ".is_empty")
        self.p(YEAR + "年度" + NAME + "无一般公共预算财政拨款“三公”经费支出。")
        self.tag("else")

        def vs_budget(item: str) -> str:
            v = item + ".completion.versus"
            return switch(v, {"flat": "与年初预算持平"}, "比年初预算" + change(v, pct_word=False))

        t = tp + ".total"
        self.p(YEAR + "年度“三公”经费财政拨款年初预算数为" + money(t + ".completion.budget") + "，支出决算为"
               + money(t + ".completion.actual") + "，" + completion(t + ".completion") + "，其中：")
        o = tp + ".outbound"
        self.p("1. 因公出国（境）费支出决算为" + money(o + ".completion.actual") + "，" + completion(o + ".completion")
               + "，" + vs_budget(o) + "。")
        self.p(YEAR + "年度" + NAME + "因公出国（境）团组{{ " + d + ".outbound_groups }}个，{{ " + d
               + ".outbound_persons }}人次，实际发生支出" + money(o + ".completion.actual") + "。"
               + "{% if reasons.outbound_content %}主要用于{{ reasons.outbound_content }}。{% endif %}")
        v = tp + ".vehicle"
        self.p("2. 公务用车购置及运行费支出决算为"
               + money(v + ".completion.actual") + "，" + completion(v + ".completion")
               + "；其中：")
        vp = tp + ".vehicle_purchase"
        self.p("（1）公务用车购置费" + money(vp + ".completion.actual") + "，" + completion(vp + ".completion") + "，"
               + vs_budget(vp) + "。本年度购置（更新）公务用车{{ " + d + ".vehicles_purchased }}辆"
               + "{% if reasons.vehicle_purchase_use %}，主要用于{{ reasons.vehicle_purchase_use }}{% endif %}。")
        vo = tp + ".vehicle_operation"
        parts = (("vehicle_fuel", "燃料费"), ("vehicle_repair", "维修费"), ("vehicle_tolls", "过桥过路费"),
                 ("vehicle_insurance", "保险费"), ("vehicle_safety_award", "安全奖励费用"), ("vehicle_other", "其他"))
        # The breakdown when it was filled in, or (as seed 000 does) all zero when the cost is zero.
        vo_parts = ("{% if not " + vo + ".completion.actual or " + " or ".join(d + "." + k for k, _ in parts)
                    + " %}其中：" + "；".join(label + money(d + "." + k) for k, label in parts) + "。{% endif %}")
        self.p("（2）公务用车运行费" + money(vo + ".completion.actual") + "，" + completion(vo + ".completion") + "，"
               + vs_budget(vo) + "。" + vo_parts
               + "{% if reasons.vehicle_operation_use %}主要用于{{ reasons.vehicle_operation_use }}。"
                 "{% endif %}截至" + YEAR + "年12月31日，开支财政拨款的公务用车保有量{{ " + d
               + ".vehicles_held }}辆。")
        r = tp + ".reception"
        self.p("3. 公务接待费支出决算为" + money(r + ".completion.actual") + "，" + completion(r + ".completion") + "，"
               + vs_budget(r) + "。")
        self.p(YEAR + "年度" + NAME + "执行公务和开展业务活动开支公务接待费" + money(r + ".completion.actual")
               + "，共接待{{ " + d + ".reception_batches }}批次、{{ " + d + ".reception_persons }}人次"
               + "{% if " + d + ".foreign_reception_batches %}（其中外宾接待{{ " + d + ".foreign_reception_batches }}"
                 "批次、{{ "
               + d + ".foreign_reception_persons }}人次）{% endif %}"
               + "{% if reasons.reception_use %}，主要用于{{ reasons.reception_use }}{% endif %}。")
        self.p(compared(t + ".completion.versus", "reasons.three_public_vs_budget",
                        "“三公”经费支出决算数与年初预算数存在差异的主要原因是{{ reasons.three_public_vs_budget }}。"))
        self.tag("endif")
        t = tp + ".total.change"
        self.p(switch(t, {"no_base": YEAR + "年度“三公”经费财政拨款支出决算数由于没有" + PRIOR + "年度决算数，"
               "无法形成对比。",
                          "flat": YEAR + "年度“三公”经费财政拨款支出决算数与" + PRIOR + "年度持平。"},
                      YEAR + "年度“三公”经费财政拨款支出决算数比" + PRIOR + "年度" + change(t)
                      + "，其中：因公出国（境）支出决算" + change(tp + ".outbound.change")
                      + "；公务用车购置及运行费支出决算" + change(tp + ".vehicle.change")
                      + "；公务接待支出决算" + change(tp + ".reception.change") + "。")
               + compared(t, "reasons.three_public_change", "主要原因是{{ reasons.three_public_change }}。"))

    def performance(self) -> None:
        pf = "figures.performance"
        self.h2("十三、预算绩效情况说明")
        self.h3("（一）预算绩效管理工作开展情况")
        # the accountant's text owns the count of projects when given (rule S-PERF-06 checks it);
        # the computed sentence stands in for it otherwise, so the count is never stated twice
        self.tag("if reasons.performance_management")
        self.p("{{ reasons.performance_management }}")
        self.tag("elif " + pf + ".project_count")
        self.p("根据预算绩效管理要求，" + NAME + "组织对" + YEAR + "年度一般公共预算项目支出开展绩效自评，共涉及项目"
               "{{ " + pf + ".project_count }}个，资金" + money(pf + ".project_executed") + "，"
               + ratio(pf + ".share_of_project_expenditure", "占一般公共预算项目支出总额的", "一般公共预算项目支出为0")
               + "。")
        self.tag("endif")
        self.h3("（二）部门整体支出绩效自评结果")
        dep = pf + ".department"
        self.tag("if " + dep)
        self.p(NAME + "组织对" + YEAR + "年度部门整体支出开展绩效自评，预算数" + money(dep + ".budget") + "，执行数"
               + money(dep + ".executed") + "，"
               + "{% if " + dep + ".execution_rate is none %}由于预算数为0，无法计算执行率"
               + "{% else %}预算执行率为{{ " + dep + ".execution_rate|pct }}{% endif %}"
               + "{% if " + dep + ".total_score is not none %}，自评得分{{ " + dep
               + ".total_score|num }}分，自评等级为“{{ " + dep + ".grade }}”{% endif %}。"
               + "部门整体支出绩效自评表见附件。")
        self.tag("else")
        self.p(NAME + "本年度未开展部门整体支出绩效自评。")
        self.tag("endif")
        self.h3("（三）项目支出绩效自评结果")
        self.tag("if " + pf + ".projects")
        self.p(NAME + "在" + YEAR + "年度部门决算中反映所有项目绩效自评结果（不包括涉密项目），共涉及{{ " + pf
               + ".project_count }}个项目。各项目绩效自评表见附件。")
        self.tag("for e in " + pf + ".projects")
        self.p("{{ loop.index }}. {{ e.name }}绩效自评综述：项目全年预算数为" + money("e.budget") + "，执行数为"
               + money("e.executed") + "，{% if e.execution_rate is none %}由于预算数为0，无法计算完成率"
                                       "{% else %}完成预算的{{ e.execution_rate|pct }}{% endif %}"
               "{% if e.total_score is not none %}，自评得分{{ e.total_score|num }}分，"
               "自评等级为“{{ e.grade }}”{% endif %}。")
        self.tag("if e.achieved")
        self.p("主要产出和效果：{{ e.achieved }}")
        self.tag("endif")
        self.tag("if e.deviation_reason")
        self.p("发现的问题及原因：{{ e.deviation_reason }}")
        self.tag("endif")
        self.tag("if e.measures")
        self.p("下一步改进措施：{{ e.measures }}")
        self.tag("endif")
        self.tag("endfor")
        self.tag("else")
        # the accountant's account of the work says it all; a stated count of evaluated projects is not “未开展”
        self.tag("if not reasons.performance_management and not " + pf + ".summary.count")
        self.p(NAME + "本年度未开展项目支出绩效自评。")
        self.tag("endif")
        self.tag("endif")
        self.h3("（四）绩效自评结果应用情况")
        self.tag("if reasons.performance_result_use")
        self.p("{{ reasons.performance_result_use }}")
        self.tag("else")
        self.p(NAME + "将绩效自评结果作为改进管理、安排以后年度预算的重要依据。")
        self.tag("endif")

    def part_key_work(self) -> None:
        self.key_work_part("四")

    def part_glossary(self) -> None:
        self.h1("第{% if key_work %}五{% else %}四{% endif %}部分 名词解释")
        terms = [
            ("一般公共预算财政拨款收入", "指本级财政一般公共预算当年拨付的资金。"),
            ("政府性基金预算财政拨款收入", "指本级财政政府性基金预算当年拨付的资金。"),
            ("国有资本经营预算财政拨款收入", "指本级财政国有资本经营预算当年拨付的资金。"),
            ("上级补助收入", "指从事业单位主管部门和上级单位取得的非财政补助收入。"),
            ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
            ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
            ("其他收入", "指单位取得的除上述“一般公共预算财政拨款收入”“政府性基金预算财政拨款收入”"
                     "“国有资本经营预算财政拨款收入”“上级补助收入”“事业收入”“经营收入”等收入以外的各项收入。"),
            ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
            ("年初结转和结余", "指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，"
             "或项目已完成等产生的结余资金。"),
        ]
        for i, (term, text) in enumerate(terms, start=1):
            self.p(f"（{_cn(i)}）{term}：{text}")
        self.p("（十）本部门使用的支出功能分类科目（到项级）")
        self.subjects_used()
        terms2 = [
            ("结余分配", "指事业单位按照会计制度规定缴纳的企业所得税、提取的专用结余以及转入非财政拨款结余的金额等。"),
            ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。"),
            ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
            ("项目支出", "指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。"),
            ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
            ("“三公”经费", "纳入财政一般公共预算管理的“三公”经费，是指部门用一般公共预算财政拨款安排的因公出国（境）"
             "费、"
                        "公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、"
                            "国外城市间交通费、"
                        "住宿费、伙食费、培训费、公杂费等支出；"
                            "公务用车购置及运行费反映单位公务用车购置支出（含车辆购置税、牌照费）"
                        "及燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出；"
                            "公务接待费反映单位按规定开支的各类公务接待"
                        "（含外宾接待）费用。"),
            ("机关运行经费", "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，"
             "包括办公费、"
                       "印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
                       "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"),
        ]
        for i, (term, text) in enumerate(terms2, start=11):
            self.p(f"（{_cn(i)}）{term}：{text}")
        self.tag("if glossary.extra")
        self.p("（十八）其他专用名词")
        self.glossary_extra()
        self.tag("endif")

    def part_attachments(self) -> None:
        self.tag("if figures.performance.department or figures.performance.projects")
        self.h1("第{% if key_work %}六{% else %}五{% endif %}部分 附件")
        self.evaluation_tables(YEAR + "年度" + NAME + "部门整体支出绩效自评表",
                               YEAR + "年度{{ e.name }}绩效自评表")
        self.tag("endif")


# ============================================================================ 湖南 (seed 004)


class Hunan(Writer):
    folder = "hunan"
    form_id = "hunan_2021"

    def table_heading(self, number: int, title: str, official_no: str, unit_only: bool = False) -> None:
        self.h2(title, center=True, new_page=number > 1)
        self.p(official_no, TABLE_INFO, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.table_info()

    def part_overview(self) -> None:
        self.h1("第一部分 " + NAME + "单位概况")
        self.h2("一、部门职责")
        self.functions_list("（{{ loop.index|cn }}）")
        self.h2("二、机构设置及决算单位构成")
        self.tag("if department.internal_offices")
        self.p("（一）内设机构设置。{{ department.internal_offices }}")
        self.tag("endif")
        self.p("{% if department.internal_offices %}（二）{% endif %}决算单位构成。{{ department.unit_composition }}")
        self.tag("if department.staff_in_service or department.staff_retired_total")
        self.h2("三、部门人员构成")
        self.staff()
        self.tag("endif")

    def part_tables(self) -> None:
        self.h1("第二部分 " + YEAR + "年度部门决算表")
        self.tables()

    def t1_notes(self) -> None:
        self.note("注：1. 本表反映部门本年度的总收支和年末结转结余情况。")
        self.note("2. 本套报表金额单位转换时可能存在尾数误差。")

    def t7_notes(self) -> None:
        self.note("注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，"
                  "反映按规定程序调整后的"
                  "预算数；决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。")
        self.tag("if tables.t7.is_empty")
        self.note("说明：本部门本年度没有一般公共预算财政拨款“三公”经费支出，故本表无数据。")
        self.tag("endif")

    def part_explanations(self) -> None:
        self.h1("第三部分 " + YEAR + "年度部门决算情况说明")
        self.outline(self.form.outline)

    def outline(self, sections: Sequence[forms.Section], level: int = 2) -> None:
        """The sections in the form's order, numbered by position: 一、… at the top, （一）… below."""
        for i, section in enumerate(sections, 1):
            title = section.title.replace("{year}", YEAR)
            if level == 2:
                self.h2(f"{_cn(i)}、{title}")
            else:
                self.h3(f"（{_cn(i)}）{title}")
            self.outline(section.children, level + 1)
            getattr(self, "section_" + section.key)()

    @staticmethod
    def vs_prior(var: str, what: str) -> str:
        return switch(var, {"no_base": "由于" + PRIOR + "年度无决算数，无法形成对比",
                            "flat": "与上年相比，" + what + "持平"},
                      "与上年相比，" + what + change(var))

    def section_total(self) -> None:
        f = "figures"
        self.p(YEAR + "年度收、支总计" + money(f + ".total.grand_total") + "。"
               + self.vs_prior(f + ".total.change", "")
               + explained(f + ".total.change", "reasons.total_change", "，主要是：{{ reasons.total_change }}") + "。")
        self.chart("total", "图1：收、支决算总计变动情况")

    def section_income(self) -> None:
        f = "figures"
        self.p(YEAR + "年度收入合计" + money(f + ".income.total") + "{% if listed.income_parts %}，其中："
               "{% for p in listed.income_parts %}{{ p.name }}"
               + money("p.amount") + "，占{{ p.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.chart("income", "图2：收入决算结构")

    def section_expenditure(self) -> None:
        f = "figures"
        self.p(YEAR + "年度支出合计" + money(f + ".expenditure.total") + "{% if listed.expenditure_parts %}，其中："
               "{% for p in listed.expenditure_parts %}"
               "{{ p.name }}" + money("p.amount") + "，占{{ p.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.chart("expenditure", "图3：支出决算结构")

    def section_appropriation(self) -> None:
        f = "figures"
        self.p(YEAR + "年度财政拨款收、支总计" + money(f + ".appropriation.grand_total") + "，"
               + self.vs_prior(f + ".appropriation.change", "")
               + explained(f + ".appropriation.change", "reasons.appropriation_change",
                           "，主要是{{ reasons.appropriation_change }}") + "。")
        self.chart("appropriation", "图4：财政拨款收、支决算总计变动情况")

    def section_general_budget(self) -> None:
        f = "figures"
        gb = f + ".general_budget"
        self.h3("（一）财政拨款支出决算总体情况")
        self.p(YEAR + "年度财政拨款支出" + money(gb + ".total") + "，"
               + ratio(gb + ".share_of_expenditure", "占本年支出合计的", "本年支出合计为0") + "，"
               + self.vs_prior(gb + ".change", "财政拨款支出")
               + explained(gb + ".change", "reasons.general_budget_change",
                           "，主要是{{ reasons.general_budget_change }}")
               + "。")
        self.h3("（二）财政拨款支出决算结构情况")
        self.p(YEAR + "年度财政拨款支出" + money(gb + ".total")
               + "{% if listed.general_budget_classes %}，主要用于以下方面："
               "{% for c in listed.general_budget_classes %}"
               "{{ c.name }}（类）" + money("c.amount") + "，占{{ c.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.h3("（三）财政拨款支出决算具体情况")
        comp = gb + ".completion"
        self.p(YEAR + "年度财政拨款支出年初预算数为" + money(comp + ".budget") + "，"
               "支出决算数为" + money(comp + ".actual")
               + "，" + completion(comp) + "，其中：")
        self.budget_details("listed.general_budget_details")

    def section_basic(self) -> None:
        f = "figures"
        bs = f + ".basic"
        self.p(YEAR + "年度财政拨款基本支出" + money(bs + ".total") + "，其中："
               "人员经费" + money(bs + ".personnel.amount")
               + "，占基本支出的{{ " + bs + ".personnel.share|pct }}"
               + "{% if figures.basic.personnel_subjects %}，"
                 "主要包括{{ figures.basic.personnel_subjects|join('、') }}{% endif %}；公用经费"
               + money(bs + ".public.amount") + "，占基本支出的{{ " + bs + ".public.share|pct }}"
               + "{% if figures.basic.public_subjects %}，"
                 "主要包括{{ figures.basic.public_subjects|join('、') }}{% endif %}。")

    def section_gov_fund(self) -> None:
        f = "figures"
        gf = f + ".gov_fund"
        self.tag("if " + gf + ".is_empty")
        self.p("本部门" + YEAR + "年度无政府性基金预算财政拨款收入和支出。")
        self.tag("else")
        self.p(YEAR + "年度政府性基金预算财政拨款收入" + money(gf + ".income") + "；年初结转和结余"
               + money(gf + ".carryover_begin") + "；支出" + money(gf + ".total") + "，"
                 "其中基本支出" + money(gf + ".basic")
               + "，项目支出" + money(gf + ".project") + "；年末结转和结余" + money(gf + ".carryover_end")
               + "。具体情况如下：")
        self.budget_details(gf + ".by_item")
        self.tag("endif")

    def section_office_cost(self) -> None:
        f = "figures"
        oc = f + ".office_cost"
        self.p("本部门" + YEAR + "年度机关运行经费支出" + money(oc + ".amount") + "，"
               + switch(oc + ".change", {"no_base": "由于" + PRIOR + "年度无决算数，无法形成对比",
                                         "flat": "与上年决算数持平"},
                        "比上年决算数" + change(oc + ".change")) + "。"
               + compared(oc + ".change", "reasons.office_cost_change",
                          "主要原因是：{{ reasons.office_cost_change }}。"))

    def section_general_expenditure(self) -> None:
        ge = "general_expenditure"
        self.tag("if " + ge + ".meeting_amount or " + ge + ".training_amount or " + ge + ".festival_amount")
        self.tag("if " + ge + ".meeting_amount")
        self.p(YEAR + "年本部门开支会议费" + money(ge + ".meeting_amount")
               + "{% if " + ge + ".meeting_content %}，用于{{ " + ge + ".meeting_content }}{% endif %}，"
                 "召开会议{{ " + ge
               + ".meeting_count }}个，人数{{ " + ge + ".meeting_persons }}人。")
        self.tag("endif")
        self.tag("if " + ge + ".training_amount")
        self.p(YEAR + "年本部门开支培训费" + money(ge + ".training_amount")
               + "{% if " + ge + ".training_content %}，用于{{ " + ge + ".training_content }}{% endif %}，"
                 "开展培训{{ " + ge
               + ".training_count }}个，人数{{ " + ge + ".training_persons }}人。")
        self.tag("endif")
        self.tag("if " + ge + ".festival_amount")
        self.p(YEAR + "年本部门开支举办节庆、晚会、论坛、赛事活动经费" + money(ge + ".festival_amount")
               + "{% if " + ge + ".festival_content %}，用于{{ " + ge + ".festival_content }}{% endif %}。")
        self.tag("endif")
        self.tag("else")
        self.p(YEAR + "年本部门无会议费、培训费及举办节庆、晚会、论坛、赛事活动支出。")
        self.tag("endif")

    def section_procurement(self) -> None:
        self.procurement_sme("本部门")

    def section_assets(self) -> None:
        a = "assets"
        self.p("截至" + YEAR + "年12月31日，本部门共有车辆{{ " + a + ".vehicles_total }}辆，其中，"
               "主要领导干部用车{{ " + a
               + ".vehicles_principal_leader }}辆，机要通信用车{{ " + a + ".vehicles_confidential }}辆、"
                 "应急保障用车{{ " + a
               + ".vehicles_emergency }}辆、执法执勤用车{{ " + a + ".vehicles_law_enforcement }}辆、"
                 "特种专业技术用车{{ " + a
               + ".vehicles_special_technical }}辆、其他用车{{ " + a + ".vehicles_other }}辆；"
                 "单位价值50万元以上通用设备{{ "
               + a + ".general_equipment_over_500k }}台（套）；单位价值100万元以上专用设备{{ " + a
               + ".special_equipment_over_1m }}台（套）。")


    def budget_details(self, var: str) -> None:
        self.tag("for b in " + var)
        self.p("{{ loop.index }}、" + subject("b.path") + "。")
        self.p("年初预算为" + money("b.completion.budget") + "，支出决算为" + money("b.completion.actual") + "，"
               + completion("b.completion")
               + "{% if b.completion.versus.state != 'flat' %}，决算数{{ b.completion.versus|compare_verb }}"
                 "年初预算数{% if b.reason %}，主要原因是：{{ b.reason }}{% endif %}{% endif %}。")
        self.tag("endfor")

    def section_three_public(self) -> None:
        tp = "figures.three_public"
        d = "three_public_details"
        self.h3("（一）“三公”经费财政拨款支出决算总体情况说明")
        t = tp + ".total"
        self.p(YEAR + "年度“三公”经费财政拨款支出预算为" + money(t + ".completion.budget") + "，支出决算为"
               + money(t + ".completion.actual") + "，" + completion(t + ".completion", "完成预算的") + "，其中：")

        def item(var: str, name: str) -> None:
            self.p(name + "支出预算为" + money(var + ".completion.budget") + "，支出决算为"
                   + money(var + ".completion.actual") + "，" + completion(var + ".completion", "完成预算的") + "，"
                   + switch(var + ".change", {"no_base": "由于" + PRIOR + "年度无决算数，无法形成对比",
                                              "flat": "与上年相比无变化"},
                            "与上年相比" + change(var + ".change")) + "。")

        item(tp + ".outbound", "因公出国（境）费")
        item(tp + ".reception", "公务接待费")
        item(tp + ".vehicle_purchase", "公务用车购置费")
        item(tp + ".vehicle_operation", "公务用车运行维护费")
        self.tag("if reasons.three_public_vs_budget and " + t + ".completion.versus.state != 'flat'")
        self.p("决算数与预算数存在差异的主要原因是：{{ reasons.three_public_vs_budget }}。")
        self.tag("endif")
        self.tag("if reasons.three_public_change and " + tp + ".total.change.state not in ('no_base', 'flat')")
        self.p("与上年相比变化的主要原因是：{{ reasons.three_public_change }}。")
        self.tag("endif")
        self.h3("（二）“三公”经费财政拨款支出决算具体情况说明")
        self.tag("if " + tp + ".total.completion.actual")
        self.p(YEAR + "年度“三公”经费财政拨款支出决算中，因公出国（境）"
               "费支出决算" + money(tp + ".outbound.completion.actual")
               + "，占{{ " + tp + ".outbound.share|pct }}；公务用车购置费及运行维护费支出决算"
               + money(tp + ".vehicle.completion.actual") + "，占{{ " + tp + ".vehicle.share|pct }}；公务接待费支出决算"
               + money(tp + ".reception.completion.actual") + "，占{{ " + tp + ".reception.share|pct }}。其中：")
        self.tag("else")
        self.p(YEAR + "年度本部门无“三公”经费财政拨款支出。其中：")
        self.tag("endif")
        self.p("1、因公出国（境）费支出决算为" + money(tp + ".outbound.completion.actual") + "，"
               "全年安排因公出国（境）团组{{ " + d
               + ".outbound_groups }}个，累计{{ " + d + ".outbound_persons }}人次"
               + "{% if reasons.outbound_content %}，开支内容包括：{{ reasons.outbound_content }}{% endif %}。")
        self.p("2、公务接待费支出决算为" + money(tp + ".reception.completion.actual") + "，全年共接待来访团组{{ " + d
               + ".reception_batches }}个、来宾{{ " + d + ".reception_persons }}人次"
               + "{% if reasons.reception_use %}，主要是{{ reasons.reception_use }}{% endif %}。")
        self.p("3、公务用车购置费及运行维护费支出决算为" + money(tp + ".vehicle.completion.actual") + "，其中："
               "公务用车购置费"
               + money(tp + ".vehicle_purchase.completion.actual") + "，"
                 "单位更新公务用车{{ " + d + ".vehicles_purchased }}辆。"
               "公务用车运行维护费" + money(tp + ".vehicle_operation.completion.actual") + "，截至" + YEAR
               + "年12月31日，本部门开支财政拨款的公务用车保有量为{{ " + d + ".vehicles_held }}辆。")

    performance_management_title = "绩效管理评价工作开展情况"

    def section_performance(self) -> None:
        pf = "figures.performance"
        self.h3("（一）" + self.performance_management_title)
        # the accountant's text owns the count of projects when given (rule S-PERF-06 checks it);
        # the computed sentence stands in for it otherwise, so the count is never stated twice
        self.tag("if reasons.performance_management")
        self.p("{{ reasons.performance_management }}")
        self.tag("elif " + pf + ".project_count")
        self.p("根据预算绩效管理要求，本部门组织对" + YEAR + "年度项目支出开展绩效自评，共涉及项目{{ " + pf
               + ".project_count }}个，资金" + money(pf + ".project_executed") + "，"
               + ratio(pf + ".share_of_project_expenditure", "占一般公共预算项目支出总额的", "一般公共预算项目支出为0")
               + "。")
        self.tag("endif")
        self.h3("（二）部门决算中项目绩效自评结果")
        self.tag("for e in " + pf + ".projects")
        self.p("{{ e.name }}项目绩效自评综述：{% if e.total_score is not none %}根据年初设定的绩效目标，"
               "项目绩效自评得分为{{ e.total_score|num }}分，自评等级为“{{ e.grade }}”。{% endif %}项目全年预算数为"
               + money("e.budget") + "，执行数为" + money("e.executed") + "，"
               "{% if e.execution_rate is none %}由于预算数为0，"
                   "无法计算完成率{% else %}完成预算的{{ e.execution_rate|pct }}"
               "{% endif %}。")
        self.tag("if e.achieved")
        self.p("项目绩效目标完成情况：{{ e.achieved }}")
        self.tag("endif")
        self.tag("if e.deviation_reason")
        self.p("发现的主要问题及原因：{{ e.deviation_reason }}")
        self.tag("endif")
        self.tag("if e.measures")
        self.p("下一步改进措施：{{ e.measures }}")
        self.tag("endif")
        self.tag("else")
        # the accountant's account of the work says it all; a stated count of evaluated projects is not “未开展”
        self.tag("if not reasons.performance_management and not " + pf + ".summary.count")
        self.p("本部门" + YEAR + "年度未开展项目支出绩效自评。")
        self.tag("endif")
        self.tag("endfor")
        dep = pf + ".department"
        self.tag("if " + dep)
        self.h3("（三）部门整体支出绩效自评结果")
        self.p("{% if " + dep + ".total_score is not none %}本部门" + YEAR + "年度部门整体支出绩效自评得分{{ " + dep
               + ".total_score|num }}分，自评等级为“{{ " + dep + ".grade }}”。{% endif %}部门整体支出预算数"
               + money(dep + ".budget") + "，"
                 "执行数" + money(dep + ".executed") + "，"
               "{% if " + dep + ".execution_rate is none %}由于预算数为0，无法计算执行率{% else %}预算执行率为{{ " + dep
               + ".execution_rate|pct }}{% endif %}。")
        self.tag("endif")
        self.tag("if reasons.performance_result_use")
        self.h3("{% if " + dep + " %}（四）{% else %}（三）{% endif %}绩效自评结果应用情况")
        self.p("{{ reasons.performance_result_use }}")
        self.tag("endif")

    def part_key_work(self) -> None:
        self.key_work_part("四")

    # what each term means; which terms a document explains, and in what order, is the form's ``glossary``
    GLOSSARY: ClassVar[dict[str, str]] = dict([
            ("财政拨款收入", "指本级财政当年拨付的资金。"),
            ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
            ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
            ("其他收入", "指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。主要是按规定动用的售房收入、"
             "存款利息收入等。"),
            ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
            ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
            ("结余分配", "指事业单位按规定提取的职工福利基金、事业基金和缴纳的所得税，"
             "以及建设单位按规定应交回的基本建设竣工项目结余资金。"),
            ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，"
             "需要延迟到以后年度按有关规定继续使用的资金。"),
            ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
            ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
            ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
            ("“三公”经费", "纳入财政预决算管理的“三公”经费，是指部门用财政拨款安排的因公出国（境）费、"
             "公务用车购置及运行费和公务接待费。"
                        "其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、"
                            "培训费、公杂费等支出；"
                        "公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、维修费、"
                            "过路过桥费、保险费、"
                        "安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"),
            ("机关运行经费", "为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，"
             "包括办公及印刷费、邮电费、"
                       "差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
                           "办公用房取暖费、办公用房物业管理费、"
                       "公务用车运行维护费以及其他费用。"),
        ])

    def part_glossary(self) -> None:
        self.h1("第{% if key_work %}五{% else %}四{% endif %}部分 名词解释")
        terms = [(term, self.GLOSSARY[term]) for term in self.form.glossary]
        for i, (term, text) in enumerate(terms, start=1):
            self.p(f"{_cn(i)}、{term}：{text}")
        self.p(f"{_cn(len(terms) + 1)}、本部门使用的支出功能分类科目（到项级）：")
        self.subjects_used("（{{ loop.index }}）")
        self.tag("if glossary.extra")
        self.p(f"{_cn(len(terms) + 2)}、其他专用名词：")
        self.glossary_extra("（{{ loop.index }}）")
        self.tag("endif")

    def part_attachments(self) -> None:
        self.tag("if figures.performance.department or figures.performance.projects")
        self.h1("第{% if key_work %}六{% else %}五{% endif %}部分 附件")
        self.evaluation_tables(YEAR + "年度部门整体支出绩效自评表", YEAR + "年度项目支出绩效自评表（{{ e.name }}）")
        self.tag("endif")


class Hunan2019(Hunan):
    """湖南 2019 and before (seed 001): eight tables, 九 预算绩效, 十 其他重要事项 (一)—(五)."""

    folder = "hunan_2019"
    form_id = "hunan_2019"
    performance_management_title = "预算绩效管理工作开展情况"
    GLOSSARY: ClassVar[dict[str, str]] = {
        **Hunan.GLOSSARY,
        "用事业基金弥补收支差额": "指事业单位在当年的财政拨款收入、事业收入、其他收入不足以安排当年支出的情况下，"
                           "使用以前年度积累的事业基金（事业单位当年收支相抵后按国家规定提取、用于弥补以后年度收支差额的基金）"
                           "弥补本年度收支缺口的资金。",
    }

    def t7_notes(self) -> None:
        super().t7_notes()

    def section_other_matters(self) -> None:
        pass  # its parts are the sections below it

    def section_other(self) -> None:
        self.p("{% if reasons.other_matters %}{{ reasons.other_matters }}{% else %}无。{% endif %}")


# ============================================================================ 上海 (2024 reference template)


class Shanghai(Writer):
    folder = "shanghai"
    form_id = "shanghai_2024"
    lanci = False
    line_numbers = False
    t9_with_carryover = True
    t6_groups = 2
    t7_by_item = True

    def table_heading(self, number: int, title: str, official_no: str, unit_only: bool = False) -> None:
        self.h2(title, center=True, new_page=number > 1)
        self.table_info(unit_only=True)

    def t5_columns(self) -> Sequence[tuple[str, str]]:
        return (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))

    def t5_total_first(self) -> bool:
        return False

    def t4_notes(self) -> None:
        self.note("注：本表反映部门本年度财政拨款总收支和结转结余情况。")

    def t7_notes(self) -> None:
        self.note("注：本表反映部门本年度“三公”经费支出预决算情况。")
        self.tag("if tables.t7.is_empty")
        self.note("说明：" + NAME + "本年度没有“三公”经费财政拨款支出，故本表无数据。")
        self.tag("endif")

    def t8_notes(self) -> None:
        self.note("注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。")
        self.tag("if tables.t8.is_empty")
        self.note("说明：" + NAME + "本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。")
        self.tag("endif")

    def t9_notes(self) -> None:
        self.note("注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。")
        self.tag("if tables.t9.is_empty")
        self.note("说明：" + NAME + "本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。")
        self.tag("endif")

    def chart(self, key: str, caption: str) -> None:
        """The official template has no charts (their PNGs are still written beside the document)."""

    def part_overview(self) -> None:
        self.h1("第一部分 " + NAME + "概况")
        self.h2("一、主要职能")
        self.functions_list("{{ loop.index }}. ")
        self.h2("二、部门决算单位构成")
        self.p("从预算单位构成看，" + NAME + "部门决算包括：{{ department.unit_composition }}")
        self.tag("if department.internal_offices")
        self.p("{{ department.internal_offices }}")
        self.tag("endif")

    def part_tables(self) -> None:
        self.h1("第二部分 " + NAME + YEAR + "年度部门决算表")
        self.tables()

    def item_details(self, var: str) -> None:
        # 全年预算 (adjusted during the year) beside 年初预算 when the department gave it; the comparison and
        # its reason stay those of the 年初预算, named so when both budgets are quoted
        full = "{% if b.full_year is not none %}"
        self.tag("for b in " + var)
        self.p("{{ loop.index }}、" + subject("b.path") + "。{% if b.use %}主要用于：{{ b.use }}。{% endif %}年初预算为"
               + money("b.completion.budget") + "，" + full + "全年预算为" + money("b.full_year")
               + "，{% endif %}支出决算为" + money("b.completion.actual") + "。"
               + switch("b.completion.versus",
                        {"flat": full + "决算数与年初预算数持平。{% else %}预决算持平。{% endif %}"},
                        "决算数{{ b.completion.versus|compare_verb }}" + full + "年初{% endif %}预算数"
                        "{% if b.reason %}，主要原因：{{ b.reason }}{% endif %}。"))
        self.tag("endfor")

    def part_explanations(self) -> None:
        f = "figures"
        self.h1("第三部分 " + NAME + YEAR + "年度部门决算情况说明")

        def vs_prior(var: str, what: str, reason: str) -> str:
            return switch(var, {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比。",
                                "flat": "与" + PRIOR + "年度相比，" + what + "持平。"},
                          "与" + PRIOR + "年度相比，" + what + change(var) + "。"
                          + "{% if " + reason + " %}主要原因：{{ " + reason + " }}。{% endif %}")

        self.h2("一、收入支出决算总体情况说明")
        self.p(NAME + YEAR + "年度收入支出总计" + money(f + ".total.grand_total") + "。"
               + vs_prior(f + ".total.change", "收入支出总计", "reasons.total_change"))
        self.chart("total", "图1：收入支出决算总计变动情况")

        self.h2("二、收入决算情况说明")
        self.p("本年收入合计" + money(f + ".income.total")
               + "{% if listed.income_parts %}，其中：{% for p in listed.income_parts %}{{ p.name }}"
               + money("p.amount") + "，占{{ p.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.chart("income", "图2：收入决算结构")

        self.h2("三、支出决算情况说明")
        self.p("本年支出合计" + money(f + ".expenditure.total")
               + "{% if listed.expenditure_parts %}，其中：{% for p in listed.expenditure_parts %}"
               "{{ p.name }}" + money("p.amount") + "，占{{ p.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.chart("expenditure", "图3：支出决算结构")

        self.h2("四、财政拨款收入支出决算总体情况说明")
        self.p(NAME + YEAR + "年度财政拨款收入支出总计" + money(f + ".appropriation.grand_total") + "。"
               + vs_prior(f + ".appropriation.change", "财政拨款收入支出总计", "reasons.appropriation_change"))
        self.chart("appropriation", "图4：财政拨款收入支出决算总计变动情况")

        gb = f + ".general_budget"
        self.h2("五、一般公共预算财政拨款支出决算情况说明")
        self.h3("（一）一般公共预算财政拨款支出决算总体情况")
        self.p("一般公共预算财政拨款支出" + money(gb + ".total") + "，"
               + ratio(gb + ".share_of_expenditure", "占本年支出合计的", "本年支出合计为0") + "。"
               + vs_prior(gb + ".change", "一般公共预算财政拨款支出", "reasons.general_budget_change"))
        self.h3("（二）一般公共预算财政拨款支出决算结构情况")
        self.p("一般公共预算财政拨款支出" + money(gb + ".total")
               + "{% if listed.general_budget_classes %}，主要用于以下方面："
               "{% for c in listed.general_budget_classes %}"
               "{{ c.name }}（类）" + money("c.amount") + "，占{{ c.share|pct }}" + sep() + "{% endfor %}{% endif %}。")
        self.h3("（三）一般公共预算财政拨款支出决算具体情况")
        comp = gb + ".completion"
        full = "{% if " + gb + ".full_year_budget is not none %}"
        self.p("一般公共预算财政拨款支出年初预算为" + money(comp + ".budget") + "，"
               + full + "全年预算为" + money(gb + ".full_year_budget") + "，{% endif %}"
               "支出决算为" + money(comp + ".actual") + "，"
               + completion(comp) + "。"
               + switch(comp + ".versus", {"flat": full + "决算数与年初预算数持平。{% else %}预决算持平。{% endif %}"},
                        "决算数{{ " + comp + ".versus|compare_verb }}" + full + "年初{% endif %}预算数"
                        "{% if reasons.general_budget_vs_budget %}，主要原因：{{ reasons.general_budget_vs_budget }}"
                        "{% endif %}。") + "其中：")
        self.item_details("listed.general_budget_details")

        bs = f + ".basic"
        self.h2("六、一般公共预算财政拨款基本支出决算情况说明")
        self.p("一般公共预算财政拨款基本支出" + money(bs + ".total") + "。其中："
               "人员经费" + money(bs + ".personnel.amount")
               + "{% if figures.basic.personnel_subjects %}，主要包括："
                 "{{ figures.basic.personnel_subjects|join('、') }}{% endif %}；公用经费"
               + money(bs + ".public.amount")
               + "{% if figures.basic.public_subjects %}，主要包括："
                 "{{ figures.basic.public_subjects|join('、') }}{% endif %}。")

        self.three_public()

        gf = f + ".gov_fund"
        self.h2("八、政府性基金预算财政拨款收入支出决算情况说明")
        self.tag("if " + gf + ".is_empty")
        self.p(NAME + YEAR + "年度无政府性基金预算财政拨款收入和支出。")
        self.tag("else")
        self.p("政府性基金预算财政拨款收入" + money(gf + ".income") + "，支出" + money(gf + ".total") + "，"
               "支出具体情况如下：")
        self.item_details(gf + ".by_item")
        self.tag("endif")

        sc = f + ".state_capital"
        self.h2("九、国有资本经营预算财政拨款收入支出决算情况说明")
        self.tag("if " + sc + ".is_empty")
        self.p(NAME + YEAR + "年度无国有资本经营预算财政拨款收入和支出。")
        self.tag("else")
        self.p("国有资本经营预算财政拨款收入" + money(sc + ".income") + "，支出" + money(sc + ".total") + "，"
               "支出具体情况如下：")
        self.item_details(sc + ".by_item")
        self.tag("endif")

        self.performance()
        self.other_matters()

    def three_public(self) -> None:
        tp = "figures.three_public"
        d = "three_public_details"
        self.h2("七、财政拨款“三公”经费支出决算情况说明")
        self.tag("if " + tp + ".is_empty")
        self.p(NAME + YEAR + "年度无“三公”经费财政拨款支出。")
        self.tag("else")
        self.h3("（一）“三公”经费财政拨款支出决算总体情况说明")
        t = tp + ".total"
        self.p("“三公”经费财政拨款支出年初预算为" + money(t + ".completion.budget") + "，支出决算为"
               + money(t + ".completion.actual") + "，" + completion(t + ".completion", "完成预算的")
               + "，其中：因公出国（境）费决算为" + money(tp + ".outbound.completion.actual") + "，"
               + completion(tp + ".outbound.completion", "完成预算的") + "；公务用车购置及运行维护费支出决算为"
               + money(tp + ".vehicle.completion.actual") + "，" + completion(tp + ".vehicle.completion", "完成预算的")
               + "；公务接待费支出决算为" + money(tp + ".reception.completion.actual") + "，"
               + completion(tp + ".reception.completion", "完成预算的") + "。"
               + switch(t + ".completion.versus", {"flat": YEAR + "年度“三公”经费支出决算数与预算数持平。"},
                        YEAR + "年度“三公”经费支出决算数{{ " + t + ".completion.versus|compare_verb }}预算数"
                        "{% if reasons.three_public_vs_budget %}，主要原因：{{ reasons.three_public_vs_budget }}"
                        "{% endif %}。"))
        self.p(switch(t + ".change", {"no_base": YEAR + "年度“三公”经费财政拨款支出决算数由于没有" + PRIOR
                                      + "年度决算数，无法形成对比。",
                                      "flat": YEAR + "年度“三公”经费财政拨款支出决算数与" + PRIOR + "年度持平。"},
                      YEAR + "年度“三公”经费财政拨款支出决算数比" + PRIOR + "年度" + change(t + ".change")
                      + "，其中：因公出国（境）费支出决算" + change(tp + ".outbound.change")
                      + "；公务用车购置及运行维护费支出决算" + change(tp + ".vehicle.change")
                      + "；公务接待费支出决算" + change(tp + ".reception.change") + "。"
                      + "{% if reasons.three_public_change %}主要原因是{{ reasons.three_public_change }}。{% endif %}"
                      # each item's reason follows the comparison of the items, printed in this branch only
                      + "".join(item_reason(tp + "." + item + ".change", "reasons.three_public_" + item + "_change",
                                            label)
                                for item, label in (("outbound", "因公出国（境）费"),
                                                    ("vehicle", "公务用车购置及运行维护费"),
                                                    ("reception", "公务接待费")))))
        self.h3("（二）“三公”经费财政拨款支出决算具体情况说明")
        # shares of a 决算 total of 0 are not printed (“占0.0%” of nothing)
        self.p("{% if " + tp + ".total.completion.actual %}"
               "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算" + money(tp + ".outbound.completion.actual")
               + "，占{{ " + tp + ".outbound.share|pct }}；"
                 "公务用车购置及运行维护费支出决算" + money(tp + ".vehicle.completion.actual")
               + "，占{{ " + tp + ".vehicle.share|pct }}；"
                 "公务接待费支出决算" + money(tp + ".reception.completion.actual")
               + "，占{{ " + tp + ".reception.share|pct }}。{% else %}" + YEAR + "年度“三公”经费财政拨款支出决算为"
               + money(tp + ".total.completion.actual") + "。{% endif %}具体情况如下：")
        self.p("1、因公出国（境）费支出" + money(tp + ".outbound.completion.actual") + "。全年安排因公出国（境）"
               "团组{{ " + d
               + ".outbound_groups }}个、累计{{ " + d + ".outbound_persons }}人次。"
               + "{% if reasons.outbound_content %}开支内容包括：{{ reasons.outbound_content }}。{% endif %}")
        self.p("2、公务用车购置及运行维护费支出" + money(tp + ".vehicle.completion.actual") + "。其中：")
        self.p("公务用车购置支出为" + money(tp + ".vehicle_purchase.completion.actual")
               + "{% if reasons.vehicle_purchase_use %}，主要用于{{ reasons.vehicle_purchase_use }}{% endif %}"
               + "，购置公务用车{{ " + d + ".vehicles_purchased }}辆。")
        self.p("公务用车运行维护支出" + money(tp + ".vehicle_operation.completion.actual")
               + "{% if reasons.vehicle_operation_use %}，"
                 "主要用于{{ reasons.vehicle_operation_use }}{% endif %}。" + YEAR
               + "年，" + NAME + "所属各预算单位开支财政拨款的公务用车保有量为{{ " + d + ".vehicles_held }}辆。")
        self.p("3、公务接待费支出" + money(tp + ".reception.completion.actual") + "。"
               + "{% if reasons.reception_use %}主要用于{{ reasons.reception_use }}，{% endif %}共接待{{ " + d
               + ".reception_batches }}批次、{{ " + d + ".reception_persons }}人次，其中：接待外宾{{ " + d
               + ".foreign_reception_batches }}批次、{{ " + d + ".foreign_reception_persons }}人次。")
        self.tag("endif")

    def performance(self) -> None:
        pf = "figures.performance"
        pm = "performance_management"
        self.h2("十、预算绩效管理情况")
        self.tag("if reasons.performance_management")
        self.p(NAME + YEAR + "年度预算绩效管理工作开展情况如下：{{ reasons.performance_management }}")
        self.tag("endif")
        sm = pf + ".summary"
        self.p("全过程绩效管理实施情况：编报绩效目标的" + YEAR + "年度项目{{ " + pm + ".projects_with_goals }}个，"
               "涉及预算金额"
               + money(pm + ".projects_with_goals_amount") + "；绩效跟踪评价的" + YEAR + "年度项目{{ " + pm
               + ".projects_tracked }}个，涉及预算金额" + money(pm + ".projects_tracked_amount")
               # the summary as the department states it, else as its score tables give it; without either,
               # nothing (never an invented “0个”: rule S-PERF-12 asks for it)
               + "{% if " + sm + ".known %}；绩效自评的" + YEAR
               + "年度项目{{ " + sm + ".count }}个，涉及预算金额" + money(sm + ".amount")
               + "{% if " + sm + ".average_score is not none %}，{% if " + sm + ".scored_count != " + sm
               + ".count %}已评分的{{ " + sm + ".scored_count }}个项目{% endif %}平均得分{{ " + sm
               + ".average_score|num }}分（其中，"
               + "{% for g in " + sm + ".grade_counts %}绩效评级为“{{ g.label }}”的项目{{ g.count }}个" + sep()
               + "{% endfor %}）{% endif %}{% endif %}。"
               + "{% if " + sm + ".known or " + pm + ".problems_found %}绩效自评中共发现问题{{ " + pm
               + ".problems_found }}个，已经完成整改的{{ " + pm + ".problems_fixed }}个，正在整改的{{ " + pf
               + ".problems_in_progress }}个。{% endif %}")

    def other_matters(self) -> None:
        f = "figures"
        self.h2("十一、其他重要事项的情况说明")
        self.h3("（一）机关运行经费支出情况")
        oc = f + ".office_cost"
        self.tag("if " + oc + ".amount")
        self.p("机关运行经费支出" + money(oc + ".amount") + "，"
               + switch(oc + ".change", {"no_base": "由于没有" + PRIOR + "年度决算数，无法形成对比。",
                                         "flat": "与" + PRIOR + "年度持平。"},
                        "比" + PRIOR + "年度" + change(oc + ".change") + "。"
                        + "{% if reasons.office_cost_change %}主要原因是{{ reasons.office_cost_change }}。{% endif %}"))
        self.tag("else")
        self.p(NAME + YEAR + "年度无机关运行经费支出。")
        self.tag("endif")
        self.h3("（二）政府采购支出情况")
        pr = f + ".procurement"
        self.p(NAME + YEAR + "年度政府采购金额（以合同签订为准）为" + money(pr + ".total") + "，其中：货物采购金额"
               + money(pr + ".goods") + "、工程采购金额" + money(pr + ".works") + "、"
                 "服务采购金额" + money(pr + ".services")
               + "。")
        self.p(YEAR + "年度本部门面向中小企业预留政府采购项目预算金额" + money(pr + ".reserved_sme_budget")
               + "，面向小微企业预留政府采购项目预算金额" + money(pr + ".reserved_small_micro_budget")
               + "。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额"
               + money(pr + ".reserved_sme_awarded") + "；在面向小微企业预留政府采购项目中，"
                 "由小微企业供应商中标或成交的，采购金额" + money(pr + ".reserved_small_micro_awarded")
               + "；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额" + money(pr + ".other_sme_awarded")
               + "。")
        self.h3("（三）国有资产占有使用情况说明")
        a = "assets"
        self.p("截至" + YEAR + "年12月31日，" + NAME + "共有车辆{{ " + a + ".vehicles_total }}辆，其中："
               "部级领导干部用车{{ " + a
               + ".vehicles_ministerial }}辆、主要领导干部用车{{ " + a + ".vehicles_principal_leader }}辆、"
                 "机要通信用车{{ " + a
               + ".vehicles_confidential }}辆、应急保障用车{{ " + a + ".vehicles_emergency }}辆、执法执勤用车{{ " + a
               + ".vehicles_law_enforcement }}辆、特种专业技术用车{{ " + a + ".vehicles_special_technical }}辆、"
                 "离退休干部用车{{ "
               + a + ".vehicles_retired_cadres }}辆、其他用车{{ " + a + ".vehicles_other }}辆。单价100万元（含）"
                 "以上设备（不含车辆）"
               "{{ " + a + ".equipment_over_1m }}台（套）。")

    def part_key_work(self) -> None:
        """The official outline has four parts: no 重点工作 part (a layout that wants one calls key_work_part)."""

    def part_glossary(self) -> None:
        self.h1("第四部分 名词解释")
        terms = [
            ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
             "政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
            ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
            ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
            ("其他收入", "指单位取得的除“财政拨款收入”“事业收入”“经营收入”等以外的收入。"),
            ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
            ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，"
             "需延迟到以后年度按有关规定继续使用的资金。"),
            ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。"),
            ("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"),
            ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
            ("“三公”经费", "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"
             "其中：因公出国（境）费"
                        "反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、"
                            "伙食费、培训费、"
                        "公杂费等支出；公务接待费反映全国性专业会议、国家重大政策调研、"
                            "专项检查以及外事团组接待交流等执行公务或开展业务"
                        "所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，"
                            "以及用于安排市内因公出差、"
                        "公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。"),
            ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公"
             "用经费支出。"),
        ]
        for i, (term, text) in enumerate(terms, start=1):
            self.p(f"{_cn(i)}、{term}：{text}")
        self.p("十二、本部门使用的支出功能分类科目（到项级）：")
        self.subjects_used("（{{ loop.index }}）")
        self.tag("if glossary.extra")
        self.p("十三、其他专用名词：")
        self.glossary_extra("（{{ loop.index }}）")
        self.tag("endif")

    def part_attachments(self) -> None:
        self.tag("if figures.performance.department or figures.performance.projects")
        self.h1("附件 绩效自评表")
        self.evaluation_tables(YEAR + "年度" + NAME + "部门整体支出绩效自评表",
                               YEAR + "年度项目支出绩效自评表（{{ e.name }}）")
        self.tag("endif")


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


WRITERS = {w.folder: w for w in (Hubei, Hunan, Hunan2019, Shanghai)}


def build(folder: str, root: Path = HERE) -> Path:
    writer = WRITERS[folder]()
    document = writer.build()
    target = root / folder / "document.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    _normalize(target)
    return target


def _normalize(path: Path) -> None:
    """Fixed zip timestamps and member order, so that rebuilding unchanged templates changes no byte."""
    from datetime import datetime

    path.write_bytes(docx_xml.deterministic_package(path.read_bytes(), datetime(2024, 1, 1)))


def main(argv: Sequence[str]) -> None:
    folders = argv or list(WRITERS)
    for folder in folders:
        print(f"wrote {build(folder).relative_to(HERE.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
