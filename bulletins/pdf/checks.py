"""A system check that reports when the PDF cannot embed its fonts.

Registered from ``BulletinsConfig.ready`` (``from bulletins.pdf import checks``);
``manage.py check`` then warns when the renderer fell back to the built-in,
non-embedded STSong-Light, or when a configured font file could not be used.
"""

from django.core.checks import Warning, register

from .fonts import font_status

FALLBACK_ID = "bulletins.W101"
PROBLEM_ID = "bulletins.W102"


@register("bulletins")
def check_pdf_fonts(app_configs=None, **kwargs):
    status = font_status()
    messages = []
    if status.fallback:
        messages.append(
            Warning(
                status.summary,
                hint="apt-get install fonts-arphic-uming fonts-wqy-zenhei "
                "fonts-lxgw-wenkai fonts-liberation2, or set PDF_FONT_SONG.",
                id=FALLBACK_ID,
            )
        )
    for problem in status.problems:
        messages.append(Warning(problem, id=PROBLEM_ID))
    return messages
