"""The admin's export form with the columns named as the files name them.

django-import-export labels each selectable column "Code (项目编号)": the model
attribute title-cased, then the column. Here the label is the column alone, so
the admin reads in Chinese like the rest of the site.
"""

from import_export.forms import SelectableFieldsExportForm


class ChineseExportForm(SelectableFieldsExportForm):
    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return field.column_name if field else field_name
