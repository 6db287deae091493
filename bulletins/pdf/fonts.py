"""Fonts for the PDF: one face per typographic role, found, registered and embedded.

A bulletin uses four roles, as GB/T 9704 does: ``song`` (宋体, body and titles),
``hei`` (黑体, 一、 headings), ``kai`` (楷体, （一） headings), ``latin`` (digits
and Latin letters in a Times-like face), plus an optional ``fangsong`` (仿宋)
that, when configured, sets the body instead of ``song``. Each role is read from
a setting (``PDF_FONT_SONG`` …, a path, optionally ``path#index`` for a face of a
.ttc collection) or else searched at known Debian paths (and in
``PDF_FONT_DIRS``). Faces are registered with reportlab once per process and
embedded as subsets.

reportlab embeds TrueType outlines only; when no CJK TrueType face is found at
all the text falls back to reportlab's built-in ``STSong-Light`` CID font, which
is *not* embedded. ``font_status()`` reports that for the health page and the
system check.

    >>> status = font_status()
    >>> status.role("song").family  # on a Debian host with fonts-arphic-uming
    'AR PL UMing CN'
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass

from .faces import CID_FONT, Face, register, register_cid

ROLES = ("song", "hei", "kai", "fangsong", "latin")
ROLE_LABELS = {
    "song": "宋体",
    "hei": "黑体",
    "kai": "楷体",
    "fangsong": "仿宋",
    "latin": "西文",
}
SETTING_NAMES = {role: f"PDF_FONT_{role.upper()}" for role in ROLES}

SEARCH_DIRS = (
    "/usr/share/fonts/truetype",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
)

# Candidates per role, best first, as (path relative to a font dir, face index).
# Song: AR PL UMing's CN face has mainland glyph shapes; its 。、 sit centred
# (Taiwan style) and are moved to the bottom left when drawn (see _adjustments).
# Kai: LXGW WenKai has mainland punctuation; AR PL UKai's is centred.
# Hei: WenQuanYi Zen Hei sets brackets at the edges of the em like a mainland
# 黑体 (Micro Hei centres them); its half-width quotes are taken from song.
# Latin: Liberation Serif has the metrics of Times New Roman.
CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "song": (("arphic/uming.ttc", 0),),
    "hei": (("wqy/wqy-zenhei.ttc", 0), ("wqy/wqy-microhei.ttc", 0)),
    "kai": (("lxgw-wenkai/LXGWWenKai-Regular.ttf", 0), ("arphic/ukai.ttc", 0)),
    # No free 仿宋 is packaged for Debian: the body is set in song unless one
    # is configured.
    "fangsong": (),
    "latin": (
        ("liberation2/LiberationSerif-Regular.ttf", 0),
        ("liberation/LiberationSerif-Regular.ttf", 0),
        ("dejavu/DejaVuSerif.ttf", 0),
    ),
}
# A role with no face of its own borrows one, in this order.
SUBSTITUTES = {
    "song": ("fangsong", "kai", "hei"),
    "hei": ("song", "kai"),
    "kai": ("song", "hei"),
    "fangsong": ("song", "kai", "hei"),
    "latin": (),
}
CJK_ROLES = ("song", "hei", "kai", "fangsong")
MISSING_GLYPH = "□"


@dataclass(frozen=True)
class RoleStatus:
    """Which face serves a role, and where it came from."""

    role: str
    family: str
    path: str
    index: int = 0
    source: str = "search"  # setting | search | substitute | builtin
    embedded: bool = True
    note: str = ""

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class FontStatus:
    """What the PDF renderer will use; read by the health page and system check."""

    roles: tuple[RoleStatus, ...]
    fallback: bool  # True: the built-in, non-embedded STSong-Light CID font
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.fallback and not self.problems

    def role(self, role: str) -> RoleStatus:
        for status in self.roles:
            if status.role == role:
                return status
        raise KeyError(role)

    @property
    def summary(self) -> str:
        if self.fallback:
            return (
                "未找到可嵌入的中文 TrueType 字体，PDF 使用 reportlab 内置的 "
                f"{CID_FONT}（不嵌入，其他电脑上显示可能不同）。"
                "请安装 fonts-arphic-uming 等字体包或设置 PDF_FONT_SONG。"
            )
        if self.problems:
            return "；".join(self.problems)
        faces = "，".join(f"{s.label}：{s.family}" for s in self.roles)
        return f"PDF 字体已嵌入（{faces}）。"


class FontSet:
    """The faces for every role, and glyph selection with fallback.

    ``glyph(ch, role)`` returns the character actually drawn (``□`` when no face
    has ``ch``), the face, and its advance and offsets in ems.
    """

    def __init__(self, faces: dict[str, Face], status: FontStatus):
        self.faces = faces
        self.status = status
        self._cache: dict[tuple[str, str], tuple] = {}
        self._lock = threading.Lock()
        cjk = [faces[r] for r in ("song", "hei", "kai", "fangsong") if r in faces]
        self._cjk_chain = list(dict.fromkeys(cjk))

    def face(self, role: str) -> Face:
        return self.faces[role]

    @property
    def body_role(self) -> str:
        """仿宋 sets the body when one was found or configured, else 宋体."""
        source = self.status.role("fangsong").source
        return "fangsong" if source in ("setting", "search") else "song"

    def glyph(self, ch: str, role: str) -> tuple[str, Face, float, float, float]:
        key = (ch, role)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        face = self._pick(ch, role)
        out = ch
        if face is None:
            out = MISSING_GLYPH
            face = self._pick(MISSING_GLYPH, role) or self.faces[role]
        advance, dx, dy = face.metrics(out)
        if (dx or dy) and face.shifted is not None:
            face = face.shifted
        hit = (out, face, advance, dx, dy)
        self._cache[key] = hit
        return hit

    def _pick(self, ch: str, role: str) -> Face | None:
        own = self.faces[role]
        latin = self.faces["latin"]
        narrow = unicodedata.east_asian_width(ch) in ("Na", "H", "N")
        if narrow and role != "hei":
            order = [latin, own, *self._cjk_chain]
        else:
            order = [own, *self._cjk_chain, latin]
        for face in order:
            if face.has(ch) and ch not in face.avoid:
                return face
        for face in order:
            if face.has(ch):
                return face
        return None

    def width(self, text: str, role: str, size: float) -> float:
        return size * sum(self.glyph(ch, role)[2] for ch in text)


# --- Resolution and registration ------------------------------------------------

_lock = threading.Lock()
_fontsets: dict[tuple, FontSet] = {}


def _config() -> tuple:
    """The font settings, read lazily; defaults when Django is not configured."""
    values = {"dirs": ()}
    values.update({role: "" for role in ROLES})
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
            values["dirs"] = tuple(getattr(settings, "PDF_FONT_DIRS", ()) or ())
            for role in ROLES:
                values[role] = getattr(settings, SETTING_NAMES[role], "") or ""
    except ImproperlyConfigured:  # no settings module: the bench, bare scripts
        pass
    return (values["dirs"] + SEARCH_DIRS, *(values[r] for r in ROLES))


def get_fontset() -> FontSet:
    """The FontSet for the current settings, resolved and registered once."""
    key = _config()
    fontset = _fontsets.get(key)
    if fontset is None:
        with _lock:
            fontset = _fontsets.get(key)
            if fontset is None:
                fontset = _resolve(key)
                _fontsets[key] = fontset
    return fontset


def font_status() -> FontStatus:
    """Which fonts the PDF uses, whether they embed, and what went wrong."""
    return get_fontset().status


def reset_fonts() -> None:
    """Forget resolved font sets (registered faces stay registered)."""
    with _lock:
        _fontsets.clear()


def _split_index(value: str) -> tuple[str, int]:
    path, sep, index = value.rpartition("#")
    if sep and index.isdigit():
        return path, int(index)
    return value, 0


def _search(role: str, dirs: tuple[str, ...]) -> list[tuple[str, int]]:
    found = []
    for relative, index in CANDIDATES[role]:
        for base in dirs:
            for candidate in (
                os.path.join(base, relative),
                os.path.join(base, os.path.basename(relative)),
            ):
                if os.path.isfile(candidate):
                    found.append((candidate, index))
    return list(dict.fromkeys(found))


def _resolve(key: tuple) -> FontSet:
    dirs, *configured = key
    settings_by_role = dict(zip(ROLES, configured, strict=True))
    problems: list[str] = []
    faces: dict[str, Face] = {}
    statuses: dict[str, RoleStatus] = {}
    for role in ROLES:
        tried: list[tuple[str, int, str]] = []
        if settings_by_role[role]:
            path, index = _split_index(settings_by_role[role])
            tried.append((path, index, "setting"))
        tried += [(p, i, "search") for p, i in _search(role, dirs)]
        for path, index, source in tried:
            try:
                face = register(path, index)
            except Exception as exc:  # unreadable, not TrueType, not embeddable
                if source == "setting":
                    problems.append(
                        f"{SETTING_NAMES[role]}={path} 无法使用（{exc}），"
                        "已改用其他字体"
                    )
                continue
            faces[role] = face
            statuses[role] = RoleStatus(role, face.family, path, index, source)
            break
    fallback = not any(role in faces for role in CJK_ROLES)
    if fallback:
        cid = register_cid()
        for role in CJK_ROLES:
            faces[role] = cid
            statuses[role] = RoleStatus(
                role, CID_FONT, "", 0, "builtin", embedded=False, note="未嵌入"
            )
    for role in ROLES:
        if role in faces:
            continue
        for other in SUBSTITUTES[role] or CJK_ROLES:
            if other in faces:
                faces[role] = faces[other]
                base = statuses[other]
                statuses[role] = RoleStatus(
                    role,
                    base.family,
                    base.path,
                    base.index,
                    "substitute",
                    base.embedded,
                    note=f"借用{ROLE_LABELS[other]}",
                )
                break
    status = FontStatus(
        roles=tuple(statuses[r] for r in ROLES),
        fallback=fallback,
        problems=tuple(problems),
    )
    return FontSet(faces, status)
