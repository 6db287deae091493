"""Where each role lands after logging in: their work, not the public home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from config.methods import read_only

# First permission that matches decides: (permission, url name).
LANDINGS = (
    ("submissions.fill_monthlyreport", "submissions:todo"),
    ("submissions.review_monthlyreport", "submissions:review_overview"),
    ("bulletins.signoff_issue", "bulletins:issue_list"),
)


@login_required
@read_only
def landing(request):
    """Clerk: my reports; editor: the month overview; leader: issues awaiting
    sign-off; the system administrator: the admin; anyone else: the home page."""
    if request.user.is_superuser:
        # Every permission is theirs, but their work is 系统管理.
        return redirect("admin:index")
    for perm, url_name in LANDINGS:
        if request.user.has_perm(perm):
            return redirect(url_name)
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("home")
