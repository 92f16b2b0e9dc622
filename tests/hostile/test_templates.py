"""Word templates that are not Word templates, or that ask for unbounded work: refused with a Chinese
message naming the paragraph, quickly, in little memory, with nothing written."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile

import pytest
from docx import Document

from generator import cli
from generator.render import limits
from generator.render.document import RenderError, TemplateRenderError, render_document
from generator.render.environment import make_environment
from tests.conftest import ROOT, sample_path
from tests.hostile.inputs import members, write_members


def _template(path, *paragraphs):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def _refused(hongshan, tmp_path, *paragraphs) -> TemplateRenderError:
    template = _template(tmp_path / "t.docx", "第一段：{{ department.name }}", *paragraphs, "最后一段")
    started = time.perf_counter()
    with pytest.raises(TemplateRenderError) as info:
        render_document(hongshan, tmp_path / "out", template=template)
    assert time.perf_counter() - started < 30
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert "Traceback" not in info.value.message
    return info.value


# ----------------------------------------------------------------------------- not a Word template


def _docm(tmp_path):
    path = _template(tmp_path / "macro.docx", "{{ department.name }}")
    parts = members(path)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    parts["word/vbaProject.bin"] = b"\0" * 64
    return write_members(tmp_path / "macro.docx", parts)


def _dotx(tmp_path):
    path = _template(tmp_path / "t.docx", "{{ department.name }}")
    parts = members(path)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    return write_members(tmp_path / "template.docx", parts)


def _old_doc(tmp_path):
    path = tmp_path / "old.docx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    path.write_bytes(ole + "WordDocument".encode("utf-16-le") + b"\0" * 99)
    return path


def _workbook(tmp_path):
    path = tmp_path / "workbook.docx"
    path.write_bytes(sample_path("hongshan_2021").read_bytes())
    return path


def _entities(tmp_path):
    path = _template(tmp_path / "t.docx", "{{ department.name }}")
    parts = members(path)
    parts["word/document.xml"] = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                  + parts["word/document.xml"].split(b"?>", 1)[1])
    return write_members(tmp_path / "entities.docx", parts)


@pytest.mark.parametrize(("make", "said"), [
    (_workbook, "Excel 工作簿"),
    (_docm, ".docm"),
    (_dotx, ".dotx"),
    (_old_doc, ".doc"),
    (_entities, "实体声明"),
    (lambda tmp: (tmp / "notes.docx").write_text("文字", encoding="utf-8") and tmp / "notes.docx", "不是 Word 文档"),
], ids=["xlsx", "docm", "dotx", "doc", "entities", "text"])
def test_files_that_are_not_word_templates(hongshan, tmp_path, make, said):
    template = make(tmp_path)
    with pytest.raises(RenderError) as info:
        render_document(hongshan, tmp_path / "out", template=template)
    assert said in info.value.message and "Word" in info.value.message
    assert not (tmp_path / "out").exists()


def test_cli_build_with_a_workbook_as_template(tmp_path, capsys):
    code = cli.main(["build", str(sample_path("hongshan_2021")), "--template", str(_workbook(tmp_path)),
                     "-o", str(tmp_path / "o")])
    assert code == cli.EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert "Excel 工作簿，不是 Word 模板" in out and "Traceback" not in out
    assert not list((tmp_path / "o").rglob("*.docx"))


def test_template_check_refuses_a_workbook(tmp_path, capsys):
    assert cli.main(["template", "check", str(_workbook(tmp_path))]) == cli.EXIT_DATA_ERRORS
    out = capsys.readouterr().out
    assert "Excel 工作簿" in out and "Traceback" not in out


# ----------------------------------------------------------------------------- unbounded work


def test_huge_range(hongshan, tmp_path):
    error = _refused(hongshan, tmp_path, "大循环{% for i in range(10**9) %}{{ i }}{% endfor %}")
    assert "range" in error.message and "大循环" in error.paragraph


def test_nested_loops_stop_quickly(hongshan, tmp_path):
    error = _refused(hongshan, tmp_path,
                     "嵌套{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    assert "循环次数" in error.message and "嵌套" in error.paragraph


@pytest.mark.parametrize("tag", [
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '%01000000000d' % 1 }}",
    "{{ ('a' * 100000)|replace('a', 'bbbbbbbbbb' * 1000) }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set l = [1] %}{% for i in range(60) %}{% set _ = l.extend(l) %}{% endfor %}",
    "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "{{ 7 ** 10000000 }}",
], ids=["center", "ljust", "format", "percent", "replace", "concat", "extend", "square", "power"])
def test_growing_values_are_refused(hongshan, tmp_path, tag):
    error = _refused(hongshan, tmp_path, "增长" + tag)
    assert "超出了模板的运行限制" in error.message and "增长" in error.paragraph


@pytest.mark.parametrize(("tag", "said"), [
    ("{{ ''.__class__.__mro__ }}", "不允许访问 str 的内部属性 __class__"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "递归"),
    ("{{ 1 / 0 }}", "除数为零"),
    ("{% include 'other.docx' %}", "include"),
    ("{{ lipsum(100000) }}", "lipsum"),
])
def test_forbidden_or_failing_expressions_are_chinese(hongshan, tmp_path, tag, said):
    error = _refused(hongshan, tmp_path, "这里" + tag)
    assert said in error.message and "这里" in error.paragraph


def test_wall_clock_limit():
    env = make_environment()
    slow = env.from_string("{% for i in range(900) %}{% for j in range(900) %}{{ (i * j) % 7 }}{% endfor %}"
                           "{% endfor %}")
    started = time.perf_counter()
    with limits.render_budget(seconds=0.2), pytest.raises(limits.TemplateLimitError, match="生成时间超过上限"):
        slow.render()
    assert time.perf_counter() - started < 5


def test_ordinary_templates_are_not_limited():
    env = make_environment()
    text = env.from_string("{% for i in range(3) %}{{ i ~ '、' }}{% endfor %}{{ 'ab' * 2 }}{{ 2 ** 10 }}"
                           "{{ '%.2f' % 1.5 }}{{ 'x'|center(5) }}").render()
    assert text == "0、1、2、abab10241.50  x  "


def test_constant_folding_does_not_expand_at_compile_time():
    env = make_environment()
    source = env.compile("{{ '一' * 100000000 }}", raw=True)
    assert len(source) < 10_000  # Jinja folds constant * unless the sandbox intercepts it
    with pytest.raises(limits.TemplateLimitError):
        env.from_string("{{ '一' * 100000000 }}").render()


def test_repetition_at_compile_time_stays_in_little_memory(tmp_path):
    """In a subprocess limited to 1 GB: Jinja used to fold this to 2.3 GB while compiling."""
    template = _template(tmp_path / "t.docx", "{{ '一' * 100000000 }}重复")
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from generator.render.document import TemplateRenderError, render_document
        from generator.workbook.reader import read_workbook
        accounts = read_workbook({str(sample_path("hongshan_2021"))!r})
        try:
            render_document(accounts, {str(tmp_path / "out")!r}, template={str(template)!r})
        except TemplateRenderError as exc:
            print("REFUSED", exc.paragraph)
        print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "REFUSED" in done.stdout and "重复" in done.stdout
    peak_kb = int(done.stdout.split("PEAK")[1])
    assert peak_kb < 600 * 1024


def test_jinja_code_generator_hooks_are_in_place():
    # BoundedCodeGenerator relies on Jinja's visit_For and visit_Concat: fail loudly if they change
    env = make_environment()
    source = env.compile("{% for x in y %}{{ x ~ 'a' }}{% endfor %}", raw=True)
    assert "bounded_iter" in source and "bounded_concat" in source
    assert zipfile  # (imported for the helpers above)
