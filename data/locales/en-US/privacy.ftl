# /privacy: a member's export and deletion of their own data.

delete-confirm-or-cancel = Use the Delete or Cancel button.
export-own = All your skillbot data in this server: your profile and { $levels ->
    [one] 1 recorded level
   *[other] { $levels } recorded levels
}.
kept-ratings-given = the { $count ->
    [one] 1 rating
   *[other] { $count } ratings
} you gave others as a lead (they are part of their history)
kept-audit = the record of the { $count ->
    [one] 1 report
   *[other] { $count } reports
} you pulled as a lead (the team's audit trail)
kept-own-exports = the record that you exported your own data ({ $count ->
    [one] once
   *[other] { $count } times
}), without your name
kept-without-name = {"\u000A"}Kept, without your name: { $parts }.
delete-question-plain = This deletes your profile and everything recorded for you in this server. It cannot be undone.
delete-what-profile = your profile
delete-what-levels = your { $count ->
    [one] 1 recorded level
   *[other] { $count } recorded levels
}
delete-what-dialogs = your unfinished dialogs
delete-what-checkins = your weekly check-in log
delete-question = This deletes { $what } in this server. It cannot be undone.
delete-title = Delete all your data?
delete-button = Delete my data
delete-done = Deleted all your skillbot data in this server.
