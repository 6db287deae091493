"""Write a series' profile (版式) to a YAML or JSON file, or to standard output.

python manage.py export_profile --bureau haidong --series dongtai > haidong.yaml
python manage.py export_profile --series dongtai --format json --version 1 -o v1.json
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.models import Profile
from bulletins.profiles.services import export_profile
from bureaus.commands import add_bureau_argument, bureau_from_option

from ._series import add_series_argument, series_from_option

NO_VERSION = "{series}没有第{version}版版式。"


class Command(BaseCommand):
    help = "把一种刊物的版式导出为 YAML 或 JSON 文件。"

    def add_arguments(self, parser):
        add_bureau_argument(parser)
        add_series_argument(parser)
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
        parser.add_argument(
            "--profile-version", type=int, help="版本号（默认为最新版）"
        )
        parser.add_argument("-o", "--output", help="写入的文件（默认输出到屏幕）")

    def handle(self, *args, **options):
        series = series_from_option(
            bureau_from_option(options["bureau"]), options["series"]
        )
        if options["profile_version"]:
            profile = Profile.objects.filter(
                series=series, version=options["profile_version"]
            ).first()
        else:
            profile = series.current_profile()
        if profile is None:
            raise CommandError(
                NO_VERSION.format(series=series, version=options["profile_version"])
            )
        text = export_profile(profile, options["format"])
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(
                f"已导出{series}版式第{profile.version}版到{options['output']}。"
            )
        else:
            self.stdout.write(text, ending="")
