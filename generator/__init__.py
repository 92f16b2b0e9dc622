"""部门决算公开文档生成器: workbook → model → checks → figures → render."""

__version__ = "0.1.0"
