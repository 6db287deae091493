"""A profile as data: validation, and reading and writing it as a file.

A profile (版式) is a plain dict (stored as JSON on ``bulletins.Profile``):

    format: bulletin-profile/1
    name, masthead {style, subtitle}, title, issuer, introduction,
    units {amount, sentence_places, table_places, rate_places},
    words {region, centre, hall, window, platform},
    cases {accepted, completed, in_progress}   (codes of figure definitions),
    charts [code, …]   (the figures the public trends page charts),
    blocks [ {kind, key, heading, numbering, blocks | templates …} ],
    attachments [ {kind, title, meta, columns, units} ]

``validate`` checks every field and every template and returns the profile
with nothing missing; problems are raised together as ``ProfileError`` with
the place of each (the file's line when read from a file). ``load`` reads YAML
or JSON (JSON is read as YAML, whose superset it is); ``dump`` writes the
canonical YAML that ``load`` reads back to the same profile, so export →
import → export gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from bulletins.profiles import cases, library
from bulletins.profiles.attachment_spec import attachments
from bulletins.profiles.sandbox import TemplateProblem, check_template
from bureaus.units import AMOUNT_UNITS, YI
from config.xmltext import illegal_characters

FORMAT = "bulletin-profile/1"
MAX_FILE_BYTES = 256 * 1024
MAX_BLOCKS = 200
MAX_NODES = 20_000

Path = tuple[Any, ...]


class ProfileError(ValueError):
    """Everything wrong with a profile, one Chinese message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Checker:
    def __init__(self, lines: dict[Path, int] | None):
        self.lines = lines or {}
        self.problems: list[str] = []

    def place(self, path: Path, label: str) -> str:
        line = self._line(path)
        return f"第{line}行（{label}）" if line else label

    def _line(self, path: Path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def fail(self, path: Path, label: str, message: str) -> None:
        self.problems.append(f"{self.place(path, label)}：{message}")

    def text(self, data: dict, key: str, path: Path, label: str, default="") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.fail(path + (key,), label, "应为文字")
            return default
        return value

    def template(self, data, key, path, label, sample, default="") -> str:
        source = self.text(data, key, path, label, default)
        try:
            check_template(source, sample)
        except TemplateProblem as problem:
            line = self._line(path + (key,))
            if line and problem.line:
                where = f"第{line + problem.line - 1}行（{label}第{problem.line}行）"
                self.problems.append(f"{where}：{problem.message}")
            else:
                self.problems.append(problem.where(self.place(path + (key,), label)))
        return source

    def choice(self, data, key, path, label, choices, default) -> str:
        value = data.get(key, default)
        if value not in choices:
            self.fail(path + (key,), label, f"应为{'、'.join(map(str, choices))}之一")
            return default
        return value

    def places(self, data, key, path, label, default) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
            self.fail(path + (key,), label, "小数位数应为0到6的整数")
            return default
        return value

    def unknown(self, data: dict, allowed: set[str], path: Path, label: str) -> None:
        for key in data:
            if key not in allowed:
                self.fail(path + (key,), label, f"未知的字段“{key}”")


def validate(data: Any, lines: dict[Path, int] | None = None) -> dict[str, Any]:
    """The complete profile from ``data``, or ``ProfileError``."""
    c = _Checker(lines)
    if not isinstance(data, dict):
        raise ProfileError([f"{c.place((), '版式')}：应为一组字段（名称: 值）"])
    top = {
        "format",
        "name",
        "masthead",
        "title",
        "issuer",
        "introduction",
        "units",
        "words",
        "cases",
        "charts",
        "blocks",
        "attachments",
    }
    c.unknown(data, top, (), "版式")
    if data.get("format") != FORMAT:
        c.fail(("format",), "format", f"应为“{FORMAT}”")
    doc = library.DOCUMENT_TEMPLATES
    profile = {
        "format": FORMAT,
        "name": c.text(data, "name", (), "版式名称"),
        "masthead": _masthead(c, data.get("masthead", {})),
        "title": c.template(data, "title", (), "标题模板", doc["title"]),
        "issuer": c.template(data, "issuer", (), "发文机关模板", doc["issuer"]),
        "introduction": c.template(
            data, "introduction", (), "导语模板", doc["introduction"]
        ),
        "units": _units(c, data.get("units", {}), ("units",), "金额单位", full=True),
        "words": _words(c, data.get("words", {})),
        "cases": _cases(c, data.get("cases", {})),
        "charts": _charts(c, data.get("charts", [])),
    }
    blocks = data.get("blocks", [])
    profile["blocks"] = _blocks(c, blocks, ("blocks",), set(), depth=0)
    profile["attachments"] = attachments(c, data.get("attachments", []), _units)
    if not profile["name"].strip():
        c.fail(("name",), "版式名称", "不能为空")
    if c.problems:
        raise ProfileError(c.problems)
    return profile


def _masthead(c: _Checker, data: Any) -> dict[str, str]:
    path = ("masthead",)
    if not isinstance(data, dict):
        c.fail(path, "刊头", "应为一组字段")
        data = {}
    c.unknown(data, {"style", "subtitle"}, path, "刊头")
    return {
        "style": c.choice(
            data, "style", path, "刊头样式", list(library.MASTHEAD_STYLES), "masthead"
        ),
        "subtitle": c.text(data, "subtitle", path, "副标题"),
    }


def _units(c: _Checker, data: Any, path: Path, label: str, *, full: bool) -> dict:
    if not isinstance(data, dict):
        c.fail(path, label, "应为一组字段")
        data = {}
    keys = {"amount", "sentence_places", "table_places"} | (
        {"rate_places"} if full else set()
    )
    c.unknown(data, keys, path, label)
    units = {}
    if full or "amount" in data:
        units["amount"] = c.choice(
            data, "amount", path, "金额单位", list(AMOUNT_UNITS), YI
        )
    for key, default, name in (
        ("sentence_places", 2, "句中金额小数位"),
        ("table_places", 4, "表中金额小数位"),
        ("rate_places", 2, "比率小数位"),
    ):
        if key in keys and (full or key in data):
            units[key] = c.places(data, key, path, name, default)
    return units


def _words(c: _Checker, data: Any) -> dict[str, str]:
    path = ("words",)
    if not isinstance(data, dict):
        c.fail(path, "层级用语", "应为一组字段")
        data = {}
    c.unknown(data, set(library.WORDS), path, "层级用语")
    return {
        k: c.text(data, k, path, f"层级用语“{k}”", v) for k, v in library.WORDS.items()
    }


def _cases(c: _Checker, data: Any) -> dict[str, str]:
    """The codes of the definitions stated as 受理, 办结 and 正在办理 (blank:
    none)."""
    path = ("cases",)
    if not isinstance(data, dict):
        c.fail(path, "办件指标", "应为一组字段")
        data = {}
    c.unknown(data, set(cases.ROLES), path, "办件指标")
    return {
        key: c.text(data, key, path, f"办件指标“{name}”").strip()
        for key, name in cases.ROLES.items()
    }


def _charts(c: _Checker, data: Any) -> list[str]:
    """Codes of the figure definitions the trends page charts, one chart each,
    in order (a code once)."""
    path = ("charts",)
    if not isinstance(data, list):
        c.fail(path, "趋势图指标", "应为指标代码的列表")
        return []
    codes: list[str] = []
    for n, code in enumerate(data):
        if not isinstance(code, str) or not code.strip():
            c.fail(path + (n,), f"趋势图指标第{n + 1}项", "应为指标代码")
        elif code.strip() in codes:
            c.fail(path + (n,), f"趋势图指标第{n + 1}项", f"“{code}”重复")
        else:
            codes.append(code.strip())
    return codes


def _blocks(c, data: Any, path: Path, keys: set[str], depth: int) -> list[dict]:
    if not isinstance(data, list):
        c.fail(path, "块", "应为块的列表")
        return []
    if len(data) > MAX_BLOCKS or depth > 3:
        c.fail(path, "块", "块过多或嵌套过深")
        return []
    return [_block(c, b, path + (n,), keys, depth) for n, b in enumerate(data)]


def _block(c: _Checker, data: Any, path: Path, keys: set[str], depth: int) -> dict:
    if not isinstance(data, dict):
        c.fail(path, "块", "应为一组字段")
        return {}
    kind_name = data.get("kind")
    kind = library.BLOCKS.get(kind_name)
    if kind is None:
        known = "、".join(library.BLOCKS)
        c.fail(path + ("kind",), "块", f"未知的块“{kind_name}”（可用：{known}）")
        return {}
    label = f"块“{data.get('heading') or kind.name}”"
    if depth == 0 and not kind.container:
        c.fail(path + ("kind",), label, "正文的第一层只能是部分（part）或节（section）")
    allowed = {"kind", "heading", "numbering", *kind.templates, *kind.texts}
    if kind.container:
        allowed |= {"key", "blocks"}
    if kind.amounts:
        allowed.add("units")
    c.unknown(data, allowed, path, label)
    block = {
        "kind": kind_name,
        "heading": c.text(data, "heading", path, f"{label}的标题"),
        "numbering": c.choice(
            data, "numbering", path, f"{label}的编号", library.NUMBERING, "none"
        ),
    }
    if kind.container:
        key = c.text(data, "key", path, f"{label}的键")
        if not key or key in keys:
            c.fail(path + ("key",), f"{label}的键", "不能为空，也不能与其他块重复")
        keys.add(key)
        block["key"] = key
        block["blocks"] = _blocks(
            c, data.get("blocks", []), path + ("blocks",), keys, depth + 1
        )
    for name in kind.texts:
        block[name] = c.text(data, name, path, f"{label}的{name}")
    for name, sample in kind.templates.items():
        block[name] = c.template(data, name, path, f"{label}的模板“{name}”", sample)
    if kind.amounts and "units" in data:
        block["units"] = _units(
            c, data["units"], path + ("units",), f"{label}的单位", full=False
        )
    return block


# --- files ------------------------------------------------------------------------


def load(text: str | bytes) -> dict[str, Any]:
    """A profile from a YAML or JSON file's contents, validated; errors name lines."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise ProfileError([f"文件过大（超过{MAX_FILE_BYTES // 1024} KB）"])
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProfileError(["文件不是UTF-8编码的文字"]) from None
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ProfileError([f"文件过大（超过{MAX_FILE_BYTES // 1024} KB）"])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else "文件"
        raise ProfileError([f"{where}：无法读取（YAML/JSON格式错误）"]) from None
    if node is None:
        raise ProfileError(["文件是空的"])
    lines: dict[Path, int] = {}
    data = _plain(node, (), lines)
    return validate(data, lines)


def _plain(node: yaml.Node, path: Path, lines: dict[Path, int]) -> Any:
    """The node as plain data, recording the line of every value by its path.

    Only strings, integers, booleans, null, lists and mappings are read: no
    anchors' tags, no Python objects.
    """
    if len(lines) > MAX_NODES:
        raise ProfileError([f"文件中的项目过多（超过{MAX_NODES}项）"])
    lines[path] = _first_line(node)
    if node.tag not in _PLAIN_TAGS and isinstance(node, yaml.ScalarNode):
        raise ProfileError([f"第{_first_line(node)}行：只能写文字、整数或真假值"])
    if node.tag not in _PLAIN_TAGS:
        raise ProfileError([f"第{_first_line(node)}行：不支持的YAML标记“{node.tag}”"])
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key in result:
                raise ProfileError(
                    [f"第{key_node.start_mark.line + 1}行：字段名无效或重复"]
                )
            result[key] = _plain(value_node, path + (key,), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v, path + (n,), lines) for n, v in enumerate(node.value)]
    return _scalar(node)


_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "bool", "null", "seq", "map")
}


def _first_line(node: yaml.Node) -> int:
    """The line a value's text starts on: a block scalar's after its ``|``."""
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    return node.start_mark.line + (2 if block else 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    loader = yaml.SafeLoader("")
    try:
        value = loader.construct_object(node)
    finally:
        loader.dispose()
    if isinstance(value, str) and (codes := illegal_characters(value)):
        line = node.start_mark.line + 1
        raise ProfileError(
            [f"第{line}行：含有不可见的控制字符（{'、'.join(codes[:5])}），请删除"]
        )
    if isinstance(value, bool | int | str) or value is None:
        return value
    raise ProfileError([f"第{node.start_mark.line + 1}行：只能写文字、整数或真假值"])


def dump(profile: dict[str, Any], fmt: str = "yaml") -> str:
    """The canonical file text of a valid profile: fields in the order
    ``validate`` gives them (stored JSON may have its keys sorted)."""
    profile = validate(profile)
    if fmt == "json":
        return json.dumps(profile, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(
        profile,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)
