"""export_profile / import_profile: byte-identical round trips, line-numbered
refusals of hostile files, nothing saved on refusal."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from bulletins.models import Profile
from bulletins.profiles import shipped_text
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    return SeriesFactory()


def export(series, *args):
    out = io.StringIO()
    call_command("export_profile", "--series", series.slug, *args, stdout=out)
    return out.getvalue()


def import_(series, path):
    out = io.StringIO()
    call_command("import_profile", "--series", series.slug, str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_is_byte_identical(series, tmp_path, fmt):
    first = export(series, "--format", fmt)
    path = tmp_path / f"profile.{fmt}"
    path.write_text(first, encoding="utf-8")
    assert "已导入" in import_(series, path)
    assert series.profiles.count() == 2
    assert export(series, "--format", fmt) == first
    assert export(series, "--format", fmt, "--profile-version", "1") == first
    if fmt == "yaml":
        assert first == shipped_text("haidong-monthly")
    else:
        assert json.loads(first)["format"] == "bulletin-profile/1"


@pytest.mark.parametrize("name", ["haidong-quarterly", "haixi-monthly"])
def test_a_shipped_file_imports_and_exports_byte_identically(series, tmp_path, name):
    """Through the database (PostgreSQL's jsonb sorts keys) and back."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(shipped_text(name), encoding="utf-8")
    import_(series, path)
    assert export(series) == shipped_text(name)


def _refused(series, tmp_path, text: str | bytes):
    path = tmp_path / "hostile.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    before = Profile.objects.count()
    with pytest.raises(CommandError) as refused:
        import_(series, path)
    assert Profile.objects.count() == before
    return str(refused.value)


def _shipped_with(old: str, new: str) -> str:
    text = shipped_text("haidong-monthly")
    assert old in text
    return text.replace(old, new, 1)


def test_unknown_block_is_refused_with_its_line(series, tmp_path):
    text = _shipped_with("- kind: hall_work", "- kind: horoscope")
    line = text.splitlines().index("    - kind: horoscope") + 1
    message = _refused(series, tmp_path, text)
    assert f"第{line}行" in message
    assert "未知的块“horoscope”" in message


def test_template_reaching_for_attributes_is_refused_with_its_line(series, tmp_path):
    text = _shipped_with(
        "公共资源交易总量为{{ total_count }}件",
        "公共资源交易总量为{{ groups.__class__.__init__.__globals__ }}件",
    )
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "__globals__" in t)
    message = _refused(series, tmp_path, text)
    assert f"第{line}行" in message
    assert "不允许访问“__" in message


def test_a_one_megabyte_template_is_refused(series, tmp_path):
    text = _shipped_with(
        "'{{ period }}政务服务", "'" + "政" * 1_000_000 + "{{ period }}政务服务"
    )
    assert "文件过大" in _refused(series, tmp_path, text)


def test_broken_yaml_is_refused_with_its_line(series, tmp_path):
    message = _refused(
        series, tmp_path, "format: bulletin-profile/1\nname: [unclosed\ntitle: x\n"
    )
    assert "无法读取" in message and "第3行" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!python/object/apply:os.system ['true']\n", "不支持的YAML标记"),
        ("a: &a ['x','x']\nb: &b [*a,*a]\nc: [*b,*b]\n", "未知的字段"),
        (b"\xff\xfe\x00", "UTF-8"),
        ("", "文件是空的"),
        ("- just\n- a list\n", "应为一组字段"),
        ("format: bulletin-profile/1\nformat: again\n", "重复"),
        ("format: bulletin-profile/1\nname: 1.5\n", "只能写文字、整数或真假值"),
        # PostgreSQL's jsonb cannot hold a NUL, XML (feeds, PDF) no control character.
        (
            'format: bulletin-profile/1\nname: "a\\0b"\n',
            "第2行：含有不可见的控制字符（U+0000）",
        ),
        ('format: bulletin-profile/1\nname: "a\\x08"\n', "U+0008"),
    ],
)
def test_other_hostile_files_are_refused(series, tmp_path, text, message):
    assert message in _refused(series, tmp_path, text)
