"""Sentence templates: Jinja2 in its sandbox, checked before they are saved.

A template places computed values and chooses clauses; it never computes and
never reaches anything but the values its block offers (DESIGN 5.5). Three
fences keep it so:

* the engine is Jinja2's ``SandboxedEnvironment`` with no globals, only the
  filters below and ``StrictUndefined``; the context holds plain values
  (str, int, None, lists and dicts of them), never a model or a function;
* ``check_template`` refuses, before saving, any construct outside a small
  whitelist (no calls, no arithmetic, no macros, includes or imports), any name
  or field the block does not offer, and any template that fails to render
  with the block's sample values — each with a Chinese message and its line;
* the rendered text goes through ``normalise_text`` (DESIGN 3.7).

Whitespace: each output line is trimmed and the lines are joined with nothing,
so a template may be written over several lines. Inside ``{% filter clauses %}``
each line is one clause: empty lines are dropped, the rest joined by ``，``
(``sep``) between ``lead`` and ``end``; nothing at all gives ``""``.

    >>> render("{% filter clauses(lead=period ~ '，', end='。') %}\\n"
    ...        "{% if a is not none %}受理{{ a }}件{% endif %}\\n"
    ...        "{% if b is not none %}办结{{ b }}件{% endif %}\\n"
    ...        "{% endfilter %}", {"period": "6月份", "a": 5, "b": None})
    '6月份，受理5件。'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from bulletins.chinese import normalise_text

MAX_TEMPLATE_CHARS = 20_000
LOOP_FIELDS = {"index", "first", "last", "length"}

# Node types a template may contain; anything else is refused on save.
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.If,
    nodes.For,
    nodes.Filter,
    nodes.FilterBlock,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.CondExpr,
    nodes.Test,
    nodes.Keyword,
    nodes.List,
)


class TemplateProblem(ValueError):
    """A template that may not be saved; ``line`` counts from 1 in the template."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message, self.line = message, line

    def where(self, place: str) -> str:
        at = f"第{self.line}行" if self.line else ""
        return f"{place}{at}：{self.message}"


def _clauses(text: str, lead: str = "", end: str = "", sep: str = "，") -> str:
    parts = [line.strip() for line in str(text).split("\n")]
    parts = [p for p in parts if p]
    return f"{lead}{sep.join(parts)}{end}" if parts else ""


def _join(values, sep: str = "") -> str:
    return sep.join(str(v) for v in values if v not in (None, ""))


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals.clear()
    env.filters.clear()
    env.filters.update({"clauses": _clauses, "join": _join})
    env.tests = {k: v for k, v in env.tests.items() if k in {"none"}}
    return env


ENV = _environment()
FILTERS = tuple(sorted(ENV.filters))


def _parse(source: str) -> nodes.Template:
    if len(source) > MAX_TEMPLATE_CHARS:
        raise TemplateProblem(f"模板过长（超过{MAX_TEMPLATE_CHARS}字）")
    try:
        return ENV.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(f"模板语法错误：{error.message}", error.lineno) from None


def check_template(source: str, sample: Mapping[str, Any]) -> None:
    """Raise ``TemplateProblem`` unless ``source`` is a template that only places
    the values of ``sample`` (a complete, non-blank example of the block's
    context) and renders with it."""
    tree = _parse(source)
    _check_nodes(tree, sample)
    for values in _variants(sample):
        try:
            render(source, values)
        except (UndefinedError, SecurityError) as error:
            raise TemplateProblem(f"模板无法生成句子：{error}") from None
        except (TypeError, ValueError) as error:
            raise TemplateProblem(f"模板无法生成句子：{error}") from None


def _variants(sample: Mapping[str, Any]):
    """The sample as given, with every figure blank (at any depth: a template
    must not fail on a blank ``g.count``), and with every list empty."""
    yield sample
    yield _blanked(sample)
    yield {k: ([] if isinstance(v, list) else v) for k, v in sample.items()}


def _blanked(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return None
    if isinstance(value, Mapping):
        return {k: _blanked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blanked(v) for v in value]
    return value


def _check_nodes(tree: nodes.Template, sample: Mapping[str, Any]) -> None:
    scopes: dict[str, Any] = dict(sample)
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            raise TemplateProblem(
                f"模板中不允许使用“{type(node).__name__}”（模板只能放置数值、选择分句）",
                node.lineno,
            )
        if isinstance(node, nodes.Filter) and (node.name not in ENV.filters):
            raise TemplateProblem(f"未知的过滤器“{node.name}”", node.lineno)
        if isinstance(node, nodes.Test) and node.name not in ENV.tests:
            raise TemplateProblem(f"未知的判断“{node.name}”", node.lineno)
        if isinstance(node, nodes.For):
            _bind_loop(node, scopes)
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            for name in [node.target, *node.target.find_all(nodes.Name)]:
                if isinstance(name, nodes.Name):
                    scopes[name.name] = ""
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in scopes and node.name != "loop":
            raise TemplateProblem(f"未知的数值“{node.name}”", node.lineno)
    for node in tree.find_all(nodes.Getattr):
        _check_field(node, scopes)


def _bind_loop(node: nodes.For, scopes: dict[str, Any]) -> None:
    iterable = isinstance(node.iter, nodes.Name | nodes.Getattr)
    if not iterable or not isinstance(node.target, nodes.Name):
        raise TemplateProblem("循环只能写作“for 名称 in 列表”", node.lineno)
    items = _value_of(node.iter, scopes)
    if not isinstance(items, list):
        raise TemplateProblem(
            f"“{_dotted(node.iter)}”不是可以逐项列出的数值", node.lineno
        )
    scopes[node.target.name] = items[0] if items else {}


def _check_field(node: nodes.Getattr, scopes: dict[str, Any]) -> None:
    if node.attr.startswith("_"):
        raise TemplateProblem(f"不允许访问“{node.attr}”", node.lineno)
    base = node.node
    if isinstance(base, nodes.Name) and base.name == "loop":
        if node.attr not in LOOP_FIELDS:
            raise TemplateProblem(f"循环没有“{node.attr}”", node.lineno)
        return
    value = _value_of(base, scopes)
    if not isinstance(value, Mapping) or node.attr not in value:
        raise TemplateProblem(f"未知的数值“{_dotted(node)}”", node.lineno)


def _value_of(node: nodes.Node, scopes: Mapping[str, Any]) -> Any:
    if isinstance(node, nodes.Name):
        return scopes.get(node.name)
    if isinstance(node, nodes.Getattr):
        parent = _value_of(node.node, scopes)
        return parent.get(node.attr) if isinstance(parent, Mapping) else None
    return None


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return getattr(node, "name", "?")


@lru_cache(maxsize=1024)
def _compiled(source: str):
    """A template compiled once per process: compiling is most of a
    composition's cost (80 templates for 20 centres), rendering is cheap. Keyed
    by the source text, so an edited profile compiles anew."""
    return ENV.from_string(source)


def render(source: str, context: Mapping[str, Any]) -> str:
    """The template's text for ``context``, lines trimmed and joined, with the
    bulletin's punctuation rules applied."""
    text = _compiled(source).render(**context)
    joined = "".join(line.strip() for line in text.split("\n"))
    return normalise_text(joined)
