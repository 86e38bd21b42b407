# English as spoken in a Nordic contact centre: weeks start on Monday, 24-hour clock, ISO dates.
# One date style per context, the same on every page:
#   lists and tables   SHORT_DATE_FORMAT / SHORT_DATETIME_FORMAT
#   headings and text  DATE_FORMAT / DATETIME_FORMAT (MONTH_DAY_FORMAT within the current year)
#   chart axes         MONTH_DAY_FORMAT, YEAR_MONTH_FORMAT for long periods
#   forms              the first of DATE_INPUT_FORMATS / DATETIME_INPUT_FORMATS (ISO, as <input type=date>)
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "l j F Y, H:i"  # a booking in a heading: the weekday matters
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
