"""Read a profile (版式) from a YAML or JSON file as the series' new version.

python manage.py import_profile --bureau haixi --series tongbao haixi-monthly.yaml

The file is validated first (fields, blocks, every template in the sandbox);
any problem is reported with its line and nothing is saved.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bulletins.profiles.services import import_profile
from bulletins.profiles.spec import MAX_FILE_BYTES, ProfileError
from bureaus.commands import add_bureau_argument, bureau_from_option

from ._series import add_series_argument, series_from_option

UNREADABLE = "无法读取文件“{path}”。"
REFUSED = "版式未导入，请修改后重试：\n{problems}"


class Command(BaseCommand):
    help = "从 YAML 或 JSON 文件导入版式，作为刊物版式的新版本。"

    def add_arguments(self, parser):
        add_bureau_argument(parser)
        add_series_argument(parser)
        parser.add_argument("path", help="版式文件（.yaml 或 .json）")
        parser.add_argument("--note", default="", help="修改说明")

    def handle(self, *args, **options):
        series = series_from_option(
            bureau_from_option(options["bureau"]), options["series"]
        )
        path = Path(options["path"])
        try:
            with path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
        except OSError:
            raise CommandError(UNREADABLE.format(path=path)) from None
        try:
            profile = import_profile(series, data, note=options["note"])
        except ProfileError as error:
            raise CommandError(
                REFUSED.format(problems="\n".join(error.problems))
            ) from None
        self.stdout.write(f"已导入：{series}版式第{profile.version}版。")
