"""An issue's state changes (DESIGN 3.6): draft → awaiting sign-off → signed
off → published, a leader's return with a comment, and a published issue's
correction (更正) through the same sign-off. Only these methods write
``status`` and ``correction``; ``Issue`` mixes them in."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bulletins.lapsed import discard_when_unused

# Messages shown to users; tests assert them.
ILLEGAL_STEP = "本期当前状态为“{status}”，不能{action}。"
RETURN_NEEDS_COMMENT = "退回时必须填写意见。"
MAY_NOT_SIGN_OFF = "您没有签发权限。"
SENT_BACK = (
    "签发后所依据的数据或文字有{count}处变化，发布被拒绝，已退回签发人重新签发。"
)


class IssueSteps:
    """The state changes of ``Issue`` (its ``Status`` and ``Correction``)."""

    def _step(self, allowed, action):
        if self.status not in allowed:
            raise ValidationError(
                ILLEGAL_STEP.format(status=self.get_status_display(), action=action),
                code="illegal_step",
            )

    def _record(self, user, from_status, comment=""):
        self.events.create(
            actor=user,
            from_status=from_status,
            to_status=self.status,
            comment=comment,
        )

    def submit_for_sign_off(self, user, comment=""):
        self._step([self.Status.DRAFT], "提交签发")
        before, self.status = self.status, self.Status.AWAITING_SIGN_OFF
        self.changes_since_sign_off = []
        self.save(update_fields=["status", "changes_since_sign_off", "updated_at"])
        self._record(user, before, comment)

    def withdraw(self, user):
        """The editor takes an issue back to draft (a sign-off lapses)."""
        self._step([self.Status.AWAITING_SIGN_OFF, self.Status.SIGNED_OFF], "撤回")
        before, self.status = self.status, self.Status.DRAFT
        self._forget_sign_off()
        self.save()
        self._record(user, before)

    def sign_off(self, user, *, snapshot, snapshot_sha256, pdf_name, pdf_sha256):
        """签发 the issue, or its pending correction, freezing what the leader
        saw (``services`` builds it: ``signoff.issue_sign_off``)."""
        if not may_sign_off(user):
            raise PermissionDenied(MAY_NOT_SIGN_OFF)
        if self.is_published:
            self._correction_step([self.Correction.AWAITING_SIGN_OFF], "签发更正")
            self.correction = self.Correction.SIGNED_OFF
        else:
            self._step([self.Status.AWAITING_SIGN_OFF], "签发")
        before = self.status
        self.status = (
            self.Status.PUBLISHED if self.is_published else self.Status.SIGNED_OFF
        )
        self.signed_off_by, self.signed_off_at = user, timezone.now()
        self.signed_snapshot, self.signed_sha256 = snapshot, snapshot_sha256
        self.signed_pdf.name, self.signed_pdf_sha256 = pdf_name, pdf_sha256
        self.changes_since_sign_off = []
        self.save()
        self._record(user, before, "签发更正" if self.correction else "")

    def return_to_draft(self, user, comment):
        if not may_sign_off(user):
            raise PermissionDenied(MAY_NOT_SIGN_OFF)
        if not (comment or "").strip():
            raise ValidationError(RETURN_NEEDS_COMMENT, code="comment_required")
        if self.is_published:
            self._correction_step(
                [self.Correction.AWAITING_SIGN_OFF, self.Correction.SIGNED_OFF],
                "退回更正",
            )
            self.correction = self.Correction.NONE
        else:
            self._step([self.Status.AWAITING_SIGN_OFF, self.Status.SIGNED_OFF], "退回")
        before = self.status
        if not self.is_published:
            self.status = self.Status.DRAFT
        self._forget_sign_off()
        self.save()
        self._record(user, before, comment.strip())

    def send_back_to_leader(self, user, changes):
        """Publishing found the signed content changed: the sign-off lapses and
        the issue (or correction) waits for the leader again, with the list."""
        before = self.status
        if self.is_published:
            self.correction = self.Correction.AWAITING_SIGN_OFF
        else:
            self.status = self.Status.AWAITING_SIGN_OFF
        self._forget_sign_off()
        self.changes_since_sign_off = changes
        self.save()
        self._record(user, before, SENT_BACK.format(count=len(changes)))

    def submit_correction(self, user, note, recompose):
        self._step([self.Status.PUBLISHED], "提交更正")
        self._correction_step([self.Correction.NONE], "提交更正")
        self.correction = self.Correction.AWAITING_SIGN_OFF
        self.correction_note, self.correction_recompose = note, recompose
        self.save()
        self._record(user, self.status, f"更正提交签发：{note}")

    def withdraw_correction(self, user):
        self._correction_step(
            [self.Correction.AWAITING_SIGN_OFF, self.Correction.SIGNED_OFF], "撤回更正"
        )
        self.correction = self.Correction.NONE
        self._forget_sign_off()
        self.save()
        self._record(user, self.status, "撤回更正")

    def _correction_step(self, allowed, action):
        if self.correction not in allowed:
            raise ValidationError(
                ILLEGAL_STEP.format(status=self.state_label, action=action),
                code="illegal_step",
            )

    def _forget_sign_off(self):
        discard_when_unused(self.signed_pdf.name)
        self.signed_off_by, self.signed_off_at = None, None
        self.signed_snapshot, self.signed_sha256 = None, ""
        self.signed_pdf.name, self.signed_pdf_sha256 = "", ""

    @property
    def state_label(self) -> str:
        """已发布 · 更正待签发 while a correction is under way."""
        if self.correction:
            return f"{self.get_status_display()} · {self.get_correction_display()}"
        return self.get_status_display()

    @property
    def awaits_leader(self) -> bool:
        return self.status == self.Status.AWAITING_SIGN_OFF or (
            self.correction == self.Correction.AWAITING_SIGN_OFF
        )

    @property
    def is_signed(self) -> bool:
        """Signed and not yet published (the issue or its correction)."""
        return self.status == self.Status.SIGNED_OFF or (
            self.correction == self.Correction.SIGNED_OFF
        )

    def last_return_comment(self) -> str:
        event = (
            self.events.filter(to_status=self.Status.DRAFT)
            .exclude(comment="")
            .order_by("-at", "-id")
            .first()
        )
        return event.comment if event else ""


def may_sign_off(user) -> bool:
    """签发: the leader's permission, or the editor's where the bureau allows it."""
    if user.has_perm("bulletins.signoff_issue"):
        return True
    return settings.BULLETIN_EDITOR_MAY_SIGN_OFF and user.has_perm(
        "bulletins.compose_issue"
    )
