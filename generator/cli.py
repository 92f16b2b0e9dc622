"""The console command ``juesuan``: thin, it only parses arguments and presents outcomes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.checks.report import format_console
from generator.pipeline import build_workbook, check_workbook, write_check_report

EXIT_OK = 0
EXIT_DATA_ERRORS = 1
EXIT_UNREADABLE = 2


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="目录",
                   help="输出目录（默认 output/），文档写入 目录/部门/年度/")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="juesuan", description="部门决算公开文档生成器")
    parser.add_argument("--version", action="version", version=f"juesuan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("check", help="只校验工作簿，输出校验报告")
    p.add_argument("workbook", type=Path, metavar="工作簿.xlsx")
    p.add_argument("--prior", type=Path, metavar="上年工作簿.xlsx", help="从上年工作簿取上年数")
    _add_common(p)

    p = sub.add_parser("build", help="校验并生成部门决算公开文档（.docx）和图表")
    p.add_argument("workbook", type=Path, metavar="工作簿.xlsx")
    p.add_argument("--prior", type=Path, metavar="上年工作簿.xlsx", help="从上年工作簿取上年数")
    p.add_argument("--force", action="store_true", help="有错误也生成文档（首页标注“草稿”）")
    p.add_argument("--template", type=Path, metavar="模板.docx", help="使用指定的 Word 模板（预览模板修改）")
    _add_common(p)

    p = sub.add_parser("template-xlsx", help="生成空白工作簿模板")
    p.add_argument("target", type=Path, nargs="?", default=Path("部门决算工作簿模板.xlsx"), metavar="文件.xlsx")
    return parser


def _print(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
    sys.stdout.flush()


def cmd_check(args: argparse.Namespace) -> int:
    outcome = check_workbook(args.workbook, args.prior)
    _print(format_console(outcome.report, outcome.read_problems))
    report = write_check_report(outcome, args.output)
    _print(f"校验报告：{report}")
    if outcome.read_failed:
        return EXIT_UNREADABLE
    return EXIT_OK if outcome.ok else EXIT_DATA_ERRORS


def cmd_build(args: argparse.Namespace) -> int:
    result = build_workbook(args.workbook, args.output, prior=args.prior, force=args.force, template=args.template)
    _print(format_console(result.check.report, result.check.read_problems))
    if result.report_path:
        _print(f"校验报告：{result.report_path}")
    if result.document is None:
        if result.check.read_failed:
            _print("工作簿无法读取，未生成文档。请按上面的提示修改后重新运行。")
            return EXIT_UNREADABLE
        _print(f"有 {result.check.error_count} 个错误，未生成文档。请修改后重新运行；"
               "如确需先看草稿，可加 --force。")
        return EXIT_DATA_ERRORS
    _print(f"已生成文档：{result.document}" + ("（草稿：校验有错误）" if result.draft else ""))
    for chart in result.charts:
        _print(f"图表：{chart}")
    return EXIT_DATA_ERRORS if result.draft else EXIT_OK


def cmd_template_xlsx(args: argparse.Namespace) -> int:
    from generator.workbook.template import write_workbook

    write_workbook(args.target)
    _print(f"已生成空白工作簿模板：{args.target}")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "build": cmd_build, "template-xlsx": cmd_template_xlsx}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        _print("已中断。")
        return 130
    except OSError as exc:  # a locked or unwritable output folder, a vanished input
        where = exc.filename or ""
        _print(f"文件操作失败：{where} {exc.strerror or exc}。请检查路径和权限，或关闭正在打开该文件的程序。")
        return EXIT_UNREADABLE


if __name__ == "__main__":
    raise SystemExit(main())
