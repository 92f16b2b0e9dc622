"""The console command ``juesuan``: thin, it only parses arguments and presents outcomes."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.catalog.bureau import CatalogueError, SubjectCatalogue, load_catalogue
from generator.checks.report import format_console
from generator.pipeline import build_workbook, check_workbook, write_check_report

_OS_ERRORS = {
    errno.ENOENT: "不存在", errno.EACCES: "没有访问权限", errno.EPERM: "没有访问权限",
    errno.ENOSPC: "磁盘空间不足", errno.ENAMETOOLONG: "文件名过长", errno.EROFS: "位于只读磁盘",
    errno.EISDIR: "是文件夹而不是文件", errno.ENOTDIR: "路径中有一部分不是文件夹", errno.EBUSY: "正被其他程序使用",
}
_ARGUMENT_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: '([^']*)'", "参数 {0} 的取值“{1}”无效"),
    (r"argument (\S+): invalid (\w+) value: '([^']*)'", "参数 {0} 的取值“{2}”无效"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its error messages in Chinese (they are the accountant's first contact)."""

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGUMENT_ERRORS:
            m = re.search(pattern, message)
            if m:
                message = chinese.format(*m.groups())
                break
        self.exit(EXIT_UNREADABLE, f"命令有误：{message}。运行 {self.prog} -h 查看用法。\n")


EXIT_OK = 0
EXIT_DATA_ERRORS = 1
EXIT_UNREADABLE = 2
EXIT_NO_PDF = 3  # the document was written, its PDF could not be
EXIT_USAGE = 2  # a wrong option, as argparse exits


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="目录",
                   help="输出目录（默认 output/），文档写入 目录/部门/年度/")


def add_catalogue_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalogue", type=Path, metavar="科目表.xlsx",
                   help="本地财政部门的《政府收支分类科目》科目表（.xlsx 或 .csv，列：科目编码、科目名称），"
                        "据此校验各表科目的编码和名称")


def load_catalogue_argument(args: argparse.Namespace) -> SubjectCatalogue | None:
    """The catalogue named by ``--catalogue`` (None without it); raises ``CatalogueError``."""
    path = getattr(args, "catalogue", None)
    return load_catalogue(path) if path is not None else None


def _add_kind(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", metavar="文档类型", default=None,
                   help="模板的文档类型：部门决算、部门预算等，决定变量和试生成用的样例"
                        "（不写时按模板中的变量判断；reference 默认部门决算）")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="juesuan", description="部门决算公开文档生成器")
    parser.add_argument("--version", action="version", version=f"juesuan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", parser_class=_Parser)

    p = sub.add_parser("check", help="只校验工作簿，输出校验报告")
    p.add_argument("workbook", type=Path, metavar="工作簿.xlsx")
    p.add_argument("--prior", type=Path, metavar="上年工作簿.xlsx", help="从上年工作簿取上年数")
    add_catalogue_argument(p)
    _add_common(p)

    p = sub.add_parser("build", help="校验并生成部门决算公开文档（.docx）和图表")
    p.add_argument("workbook", type=Path, metavar="工作簿.xlsx")
    p.add_argument("--prior", type=Path, metavar="上年工作簿.xlsx", help="从上年工作簿取上年数")
    p.add_argument("--force", action="store_true", help="有错误也生成文档（首页标注“草稿”）")
    p.add_argument("--template", type=Path, metavar="模板.docx", help="使用指定的 Word 模板（预览模板修改）")
    add_catalogue_argument(p)
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice），并为目录填上页码")
    _add_common(p)

    p = sub.add_parser("batch", help="批量校验并生成：文件夹（含子文件夹）中的全部工作簿")
    p.add_argument("inputs", type=Path, nargs="+", metavar="文件夹或工作簿")
    p.add_argument("--force", action="store_true", help="全部重新生成（默认跳过未变化的工作簿）")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="并行进程数（默认等于 CPU 核数）")
    p.add_argument("--template", type=Path, metavar="模板.docx", help="使用指定的 Word 模板")
    add_catalogue_argument(p)
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice），并为目录填上页码")
    _add_common(p)

    p = sub.add_parser("diff", help="对比两个版本的工作簿：哪些数字变了，文档中哪些句子随之改变")
    p.add_argument("old", type=Path, metavar="旧工作簿.xlsx")
    p.add_argument("new", type=Path, metavar="新工作簿.xlsx")
    _add_common(p)

    p = sub.add_parser("template", help="Word 模板维护：检查模板、用样例预览、列出大纲")
    tsub = p.add_subparsers(dest="template_command", required=True, metavar="子命令", parser_class=_Parser)
    t = tsub.add_parser("check", help="检查 Word 模板的标签、变量和过滤器，并用每个样例试生成")
    t.add_argument("template", type=Path, metavar="模板.docx")
    t.add_argument("--no-samples", action="store_true", help="只检查模板本身，不用样例试生成")
    _add_kind(t)
    t = tsub.add_parser("preview", help="用每个样例工作簿生成预览文档")
    t.add_argument("template", type=Path, metavar="模板.docx")
    _add_kind(t)
    _add_common(t)
    t = tsub.add_parser("outline", help="列出模板的大纲（纯文本：各节、标题、段落和标签、表格各行），用于审阅修改")
    t.add_argument("template", type=Path, metavar="模板.docx")
    t.add_argument("-o", "--output", type=Path, metavar="文件", help="写入该文件（UTF-8）；不写时在屏幕上列出")
    t = tsub.add_parser("reference", help="生成模板变量参考（Markdown 和 Word）")
    _add_kind(t)
    _add_common(t)

    p = sub.add_parser("audit", help="审核已完成的部门决算文档（.docx、.pdf、.txt，或文件夹）：文中数字与表是否一致")
    p.add_argument("documents", type=Path, nargs="+", metavar="文档或文件夹")
    p.add_argument("--all", action="store_true", help="控制台也列出尾数误差以内的提示")
    add_catalogue_argument(p)
    _add_common(p)

    p = sub.add_parser("template-xlsx", help="生成空白工作簿模板")
    p.add_argument("target", type=Path, nargs="?", default=None, metavar="文件.xlsx",
                   help="默认：<文档类型>工作簿模板.xlsx")
    p.add_argument("--kind", metavar="文档类型", default="部门决算",
                   help="文档类型：部门决算（默认）或其他已登记的类型（见 juesuan template-xlsx --kind ?）")
    p.add_argument("--form", metavar="表样", help="按指定表样生成，如 hunan_2019（见 generator/forms/）")
    p.add_argument("--year", type=int, metavar="年度", help="决算年度：与 --layout 一起选择表样")
    p.add_argument("--layout", metavar="公开格式", help="公开格式（湖北、湖南、上海）：与 --year 一起选择表样")

    p = sub.add_parser("sample", help="复制一个样例工作簿（不写名称则列出全部样例）")
    p.add_argument("name", nargs="?", metavar="名称", help="样例名称，如 hongshan_2021")
    p.add_argument("target", type=Path, nargs="?", metavar="目标", help="复制到的文件或文件夹（默认当前文件夹）")
    return parser


def _print(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
    sys.stdout.flush()


def _catalogue_or_exit(args: argparse.Namespace) -> tuple[SubjectCatalogue | None, int | None]:
    try:
        return load_catalogue_argument(args), None
    except CatalogueError as exc:
        _print("科目表无法使用：\n" + "\n".join(exc.problems))
        return None, EXIT_UNREADABLE


def cmd_check(args: argparse.Namespace) -> int:
    catalogue, failed = _catalogue_or_exit(args)
    if failed is not None:
        return failed
    outcome = check_workbook(args.workbook, args.prior, catalogue)
    _print(format_console(outcome.combined_report, outcome.all_read_problems))
    report = write_check_report(outcome, args.output)
    _print(f"校验报告：{report}")
    if outcome.read_failed:
        return EXIT_UNREADABLE
    return EXIT_OK if outcome.ok else EXIT_DATA_ERRORS


def cmd_build(args: argparse.Namespace) -> int:
    from generator.render.docx_xml import has_toc

    catalogue, failed = _catalogue_or_exit(args)
    if failed is not None:
        return failed
    result = build_workbook(args.workbook, args.output, prior=args.prior, force=args.force,
                            template=args.template, catalogue=catalogue, pdf=args.pdf)
    _print(format_console(result.check.combined_report, result.check.all_read_problems))
    if result.report_path:
        _print(f"校验报告：{result.report_path}")
    if result.contradicts:
        from generator.audit.report import format_console as format_audit

        for one in result.outcomes:
            if one.audit is not None and one.audit.has_errors:
                _print(f"生成的{one.title}文档读回后自相矛盾（文中数字与表不一致，多为模板引用了错误的变量）：")
                _print(format_audit(one.audit))
    if result.failure:  # a locked target, a broken template, another document refused: the message says
        for one in result.outcomes:
            if one.document is not None:
                _print(f"已生成文档：{one.document}")
        _print(f"未能生成文档：{result.failure}")
        return EXIT_DATA_ERRORS if result.contradicts else EXIT_UNREADABLE
    if result.document is None:
        if result.contradicts:
            _print("未写出文档。请修正模板（或报告此问题）；如确需先看草稿，可加 --force。")
            return EXIT_DATA_ERRORS
        if result.check.read_failed:
            _print("工作簿无法读取，未生成文档。请按上面的提示修改后重新运行。")
            return EXIT_UNREADABLE
        _print(f"有 {result.check.error_count} 个错误，未生成文档。请修改后重新运行；"
               "如确需先看草稿，可加 --force。")
        return EXIT_DATA_ERRORS
    for one in result.outcomes:
        _print(f"已生成文档：{one.document}" + ("（草稿：校验有错误）" if one.draft else ""))
        for chart in one.charts:
            _print(f"图表：{chart}")
        if args.pdf and one.pdf is not None:
            _print(f"已生成 PDF：{one.pdf}" + ("（目录页码已同时写入 Word 文档）" if one.toc_numbered else ""))
        elif args.pdf:
            _print(f"未生成 PDF：{one.pdf_error}")
    if not args.pdf and any(has_toc(d) for d in result.documents):  # a document without a 目录 needs no hint
        _print("提示：目录暂无页码。加 --pdf 可同时生成 PDF，并为 Word 文档的目录填上页码。")
    if result.draft:
        return EXIT_DATA_ERRORS
    return EXIT_NO_PDF if args.pdf and any(o.pdf is None for o in result.outcomes) else EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from generator.batch import FAILED_STATUSES, BatchItem, run_batch
    from generator.batch_report import print_summary

    missing = [p for p in args.inputs if not p.exists()]
    if missing:
        _print("找不到：" + "、".join(str(p) for p in missing))
        return EXIT_UNREADABLE
    catalogue, failed = _catalogue_or_exit(args)
    if failed is not None:
        return failed
    console = Console()
    failed = 0
    with Progress(TextColumn("[bold]批量生成"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("失败 {task.fields[failed]}"), TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("batch", total=None, failed=0)

        def progress(item: BatchItem, done: int, total: int) -> None:
            nonlocal failed
            failed += item.status in FAILED_STATUSES
            bar.update(task, completed=done, total=total, failed=failed)

        result = run_batch(args.inputs, args.output, force=args.force, workers=args.workers,
                           template=args.template, progress=progress, catalogue=catalogue, pdf=args.pdf)
    print_summary(result.items, console)
    if result.interrupted:
        _print("已中断：已完成的文档和汇总已保存，未处理的工作簿下次运行时继续。")
    _print(f"汇总表：{result.summary_path}（用时 {result.elapsed:.1f} 秒）")
    if result.interrupted:
        return 130
    return EXIT_DATA_ERRORS if result.failed else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.diff import render_sentences, sentence_changes
    from generator.document_kinds import kind_of_workbook

    kind, _unknown = kind_of_workbook(args.old)
    if kind_of_workbook(args.new)[0] is not kind:
        _print(f"{args.old} 与 {args.new} 的文档类型不同，无法对比。")
        return EXIT_UNREADABLE
    models = []
    for path in (args.old, args.new):
        accounts, problems = kind.read(path)
        if accounts is None or any(p.severity == "错误" for p in problems):
            _print(format_console(None, problems))
            _print(f"{path} 无法读取，无法对比。")
            return EXIT_UNREADABLE
        models.append(accounts)
    old, new = models
    figures = kind.figure_changes(old, new) if kind.figure_changes is not None else []
    _print(f"数字变化（{len(figures)} 处）：")
    for change in figures:
        where = f"（{change.cell}）" if change.cell else ""
        _print(f"  {change.place}：{change.old} → {change.new}{where}")
    sentences = sentence_changes(render_sentences(old, kind.render), render_sentences(new, kind.render))
    _print(f"文档中随之改变的句子（{len(sentences)} 处）：")
    for change in sentences:
        if change.old:
            _print(f"  - {change.old}")
        if change.new:
            _print(f"  + {change.new}")
    if not figures and not sentences:
        _print("两个工作簿的数字和文档内容没有差别。")
    return EXIT_OK


def _samples(kind: str | None = "final_accounts") -> list[Path]:
    """The bundled samples of one document kind (the final accounts' templates by default); ``None``: all."""
    from generator.document_kinds import samples_of_kind
    from generator.resources import sample_workbooks

    return sample_workbooks() if kind is None else samples_of_kind(kind)


def cmd_template(args: argparse.Namespace) -> int:
    from generator.document_kinds import kind_named, kind_titles
    from generator.template_check import check_template, check_with_samples

    named = getattr(args, "kind", None)  # template outline reads any template: no --kind
    template = getattr(args, "template", None)
    if named is None and args.template_command in ("check", "preview") and template is not None \
            and template.is_file():
        from generator.document_kinds import kind_of_template

        kind = kind_of_template(template)
        if kind.key != "final_accounts":
            _print(f"按模板中的变量判断为{kind.title}模板（可用 --kind 指定）。")
    else:
        kind = kind_named(named or "部门决算")
    if kind is None:
        _print(f"文档类型“{args.kind}”无法识别。可选：{kind_titles()}。")
        return EXIT_UNREADABLE
    if args.template_command == "reference":
        from generator.template_reference import write_reference_docx

        if kind.variables_markdown is None:
            _print(f"{kind.title}没有模板变量参考。")
            return EXIT_UNREADABLE
        text = kind.variables_markdown()
        name = text.splitlines()[0].lstrip("# ").strip()  # the files are named by the reference's title
        args.output.mkdir(parents=True, exist_ok=True)
        (args.output / f"{name}.md").write_text(text, encoding="utf-8")
        write_reference_docx(text, args.output / f"{name}.docx")
        _print(f"已生成：{args.output / (name + '.md')}、{args.output / (name + '.docx')}")
        return EXIT_OK
    if not args.template.is_file():
        _print(f"找不到模板文件：{args.template}")
        return EXIT_UNREADABLE
    if args.template_command == "outline":
        return _template_outline(args.template, args.output)
    if args.template_command == "check":
        schema = kind.template_schema() if kind.template_schema is not None else None
        issues = check_template(args.template, schema=schema) if schema is not None else check_template(args.template)
        if not any(i.severity == "错误" for i in issues) and not args.no_samples:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            with Progress(TextColumn("[bold]用样例试生成"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[shape]}"), transient=True) as bar:
                task = bar.add_task("samples", total=None, shape="")

                def progress(done: int, total: int, shape: str) -> None:
                    bar.update(task, completed=done, total=total, shape=shape)

                run = kind.check_with_samples or check_with_samples
                issues += run(args.template, _samples(kind.key), progress=progress)
        for item in issues:
            _print(str(item))
        errors = sum(i.severity == "错误" for i in issues)
        summary = f"模板检查完成：{errors} 个错误，{len(issues) - errors} 个警告。"
        _print(summary if issues else "模板检查通过，没有发现问题。")
        return EXIT_DATA_ERRORS if errors else EXIT_OK
    from generator.document_kinds import read_as
    from generator.render.document import RenderError

    failed = 0
    for sample in _samples(kind.key):
        model, _problems = read_as(kind, sample)
        if model is None:
            failed += 1
            _print(f"{sample.name} 无法读取")
            continue
        try:
            rendered = kind.render(model, args.output, template=args.template)
            _print(f"{sample.name} → {rendered.docx}")
        except RenderError as exc:
            failed += 1
            _print(f"{sample.name} 生成失败：{exc.message}")
    return EXIT_DATA_ERRORS if failed else EXIT_OK


def _template_outline(template: Path, output: Path | None) -> int:
    from generator.template_outline import OutlineError, outline_text, write_outline

    try:
        if output is None:  # a console that cannot show a mark (⇥ in GBK) gets “?”: -o writes UTF-8
            text = outline_text(template)
            encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
            sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
            return EXIT_OK
        write_outline(template, output)
    except OutlineError as exc:
        _print(str(exc))
        return EXIT_UNREADABLE
    except OSError as exc:
        _print(f"无法写入文件「{output}」：{exc.strerror or exc}。该文件是否正在其他程序中打开？")
        return EXIT_UNREADABLE
    _print(f"已写出模板大纲：{output}")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    import shutil

    samples = {p.stem: p for p in _samples(None)}
    if not args.name:
        _print("样例工作簿：" + "、".join(samples) + "。复制：juesuan sample 名称 [目标]")
        return EXIT_OK
    source = samples.get(args.name) or samples.get(Path(args.name).stem)
    if source is None:
        _print(f"没有名为「{args.name}」的样例；已有：" + "、".join(samples))
        return EXIT_UNREADABLE
    target = args.target or Path(source.name)
    if target.is_dir():
        target = target / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o644)
    _print(f"已复制样例工作簿：{target}")
    return EXIT_OK


def cmd_template_xlsx(args: argparse.Namespace) -> int:
    from generator import forms
    from generator.document_kinds import kind_named, kind_titles

    kind = kind_named(args.kind)
    if kind is None:
        _print(f"文档类型“{args.kind}”无法识别。可选：{kind_titles()}。")
        return EXIT_USAGE
    target = args.target if args.target is not None else Path(f"{kind.title}工作簿模板.xlsx")
    if kind.key != "final_accounts":  # the forms (表样) below are the final accounts'
        if args.form or args.year or args.layout:
            _print(f"--form、--year、--layout 只用于部门决算工作簿；{kind.title}工作簿不需要它们。")
            return EXIT_USAGE
        kind.write_blank_workbook(target)
        _print(f"已生成空白工作簿模板（{kind.title}）：{target}")
        return EXIT_OK
    try:
        if args.form:
            form = forms.form_by_id(args.form)
        elif args.year or args.layout:
            if not (args.year and args.layout):
                _print("请同时给出 --year 和 --layout（或用 --form 指定表样）。已登记的表样：" + _form_list())
                return EXIT_USAGE
            form = forms.form_for(args.year, args.layout)
        else:
            form = None
    except forms.FormError as exc:
        _print(str(exc))
        return EXIT_USAGE
    kind.write_blank_workbook(target, form=form, year=args.year if form else None)
    which = f"（{form.name}）" if form else ""
    _print(f"已生成空白工作簿模板{which}：{target}")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from generator.audit.report import format_console as format_audit
    from generator.audit.run import audit_many, documents_in

    missing = [p for p in args.documents if not p.exists()]
    if missing:
        _print("找不到：" + "、".join(str(p) for p in missing))
        return EXIT_UNREADABLE
    paths = documents_in(args.documents)
    if not paths:
        _print("文件夹中没有 .docx、.pdf 或 .txt 文档。")
        return EXIT_UNREADABLE
    catalogue, failed = _catalogue_or_exit(args)
    if failed is not None:
        return failed
    from generator.audit.engine import AuditSettings

    results, summary = audit_many(paths, args.output, AuditSettings(catalogue=catalogue))
    for result in results:
        if result.report is None:
            _print(f"{result.path}：无法审核。{result.reason}")
            continue
        _print(format_audit(result.report, show_info=args.all))
        _print(f"审核报告：{result.report_path}")
    if summary is not None:
        passed = sum(1 for r in results if r.report is not None and not r.report.has_findings)
        unreadable = sum(1 for r in results if r.report is None)
        _print(f"共 {len(results)} 份文档：通过 {passed} 份，有问题 {len(results) - passed - unreadable} 份，"
               f"无法读取 {unreadable} 份。汇总表：{summary}")
    if any(r.report is None for r in results):
        return EXIT_UNREADABLE
    return EXIT_DATA_ERRORS if any(r.report.has_findings for r in results) else EXIT_OK


def _form_list() -> str:
    from generator import forms

    return "、".join(f"{f.id}（{f.layout} {f.years}）" for f in forms.all_forms())


COMMANDS = {
    "audit": cmd_audit,
    "check": cmd_check, "build": cmd_build, "batch": cmd_batch, "diff": cmd_diff, "template": cmd_template,
    "template-xlsx": cmd_template_xlsx, "sample": cmd_sample,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            # libraries' warnings (openpyxl, matplotlib) are not for the accountant: only _print talks
            warnings.simplefilter("ignore")
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _print("已中断。")
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a locked or unwritable output folder, a vanished input
        where = exc.filename or ""
        reason = _OS_ERRORS.get(exc.errno or 0, "无法读写")
        _print(f"文件操作失败：{where} {reason}。请检查路径和权限，或关闭正在打开该文件的程序。")
        return EXIT_UNREADABLE
    except Exception as exc:  # the one boundary for the unforeseen: Chinese on screen, traceback in the log
        from generator.failures import describe_unexpected

        output = getattr(args, "output", None)
        if output is not None and output.suffix:  # -o names a file (template outline): its folder gets the log
            output = output.parent
        message, _log = describe_unexpected(exc, output)
        _print(message)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    raise SystemExit(main())
