# Days and months, as replies, charts and the console write them.

date = { $day } { $month } { $year }
day-month = { $day } { $month }
# A month's short name, by its number.
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-time = { $date } { $time } { $zone }
