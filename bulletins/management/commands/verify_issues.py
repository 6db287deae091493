"""python manage.py verify_issues: check every stored PDF against its SHA-256.

Each published issue and each of its revisions recorded the SHA-256 of its PDF
when it was published. This command reads every stored file back and compares;
it prints one line per file and exits non-zero when a file is missing, altered
or has no recorded checksum (after a restore from backup, say, or to catch a
tampered file on the server). Every bureau's files by default; ``--bureau
SLUG`` checks one bureau's.
"""

from __future__ import annotations

import hashlib

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from bulletins.models import Issue, IssueRevision
from bureaus.commands import bureau_from_option

OK = "正常 OK"
MISSING = "缺失 MISSING"
ALTERED = "已被改动 ALTERED"
NO_CHECKSUM = "未记录校验值 NO CHECKSUM"
LINE = "{status}  {label}  {name}"
DETAIL = "    记录 recorded {expected}\n    实际 actual   {actual}"
SUMMARY = (
    "共检查{checked}个PDF文件，{bad}个有问题。"
    " Checked {checked} PDF file(s), {bad} with problems."
)
FAILED = (
    "PDF 校验失败：{bad}个文件缺失或被改动。"
    " PDF verification failed: {bad} file(s) missing or altered."
)
NOTHING = "没有已存储的PDF。 No stored PDF to verify."


def file_sha256(name: str) -> str | None:
    """The SHA-256 of a stored file, or None when it is not there."""
    digest = hashlib.sha256()
    try:
        with default_storage.open(name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()


def stored_pdfs(bureau=None):
    """(label, file name, recorded SHA-256) of every stored PDF, once each: of
    every bureau, or of ``bureau``'s issues only."""
    seen = set()
    issues = Issue.objects.published().select_related("series").order_by("number")
    revisions = IssueRevision.objects.all()
    if bureau is not None:
        issues = issues.for_bureau(bureau)
        revisions = revisions.filter(issue__series__bureau=bureau)
    for issue in issues.defer("snapshot", "search_text"):
        if issue.pdf:
            seen.add(issue.pdf.name)
            yield f"{issue.series.title}{issue.label}", issue.pdf.name, issue.pdf_sha256
    revisions = (
        revisions.select_related("issue__series")
        .exclude(pdf="")
        .order_by("issue__number", "number")
        .defer("snapshot", "issue__snapshot", "issue__search_text")
    )
    for revision in revisions:
        if revision.pdf.name in seen:
            continue
        seen.add(revision.pdf.name)
        issue = revision.issue
        label = f"{issue.series.title}{issue.label}（第{revision.number}版）"
        yield label, revision.pdf.name, revision.pdf_sha256


class Command(BaseCommand):
    help = (
        "校验每个已发布期刊的PDF文件与发布时记录的SHA-256是否一致；有文件缺失或被改动时"
        "以非零状态退出。 Verify every stored issue PDF against its recorded SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bureau",
            default="",
            help="只校验该编发单位（网址名，如 haidong）的PDF；"
            "省略时校验全部编发单位。",
        )

    def handle(self, *args, bureau="", **options):
        chosen = bureau_from_option(bureau) if bureau else None
        checked = bad = 0
        for label, name, expected in stored_pdfs(chosen):
            checked += 1
            actual = file_sha256(name)
            if actual is None:
                status = MISSING
            elif not expected:
                status = NO_CHECKSUM
            elif actual != expected:
                status = ALTERED
            else:
                status = OK
            line = LINE.format(status=status, label=label, name=name)
            if status == OK:
                self.stdout.write(line)
                continue
            bad += 1
            self.stderr.write(line)
            if status == ALTERED:
                self.stderr.write(DETAIL.format(expected=expected, actual=actual))
        if not checked:
            self.stdout.write(NOTHING)
            return
        self.stdout.write(SUMMARY.format(checked=checked, bad=bad))
        if bad:
            raise CommandError(FAILED.format(bad=bad))
