"""Date formats per language (Django reads config.formats.<language>.formats).

Abbreviated months: templates use the `N` format. Django's own nb and sv catalogues write these
months in their own way (nb "sept.", sv "jan" without a dot); marking the same strings here keeps
them in our catalogue under locale/, which wins over Django's, so both languages read jan., feb., …
as locale/glossary.nb.md and locale/glossary.sv.md require. (`M` cannot be used: Django capitalises it.)
"""

from django.utils.translation import pgettext_lazy

MONTH_ABBREVIATIONS = [
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
]
