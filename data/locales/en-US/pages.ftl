# What a front end adds when a reply is longer than its platform allows in
# one message: a field carried on, a list of choices split over menus.

page-field-continued = { $name } (continued)
page-menu-part = { $placeholder } ({ $n } of { $count })
page-menu-some-shown = { $placeholder } ({ $shown } of { $count } shown; type to search in the command instead)
