# Choosing between several things a name fits.

pick-a-button = Pick one of the buttons, or Cancel.
pick-which = "{ $input }" matches several { $what }s: which one?
