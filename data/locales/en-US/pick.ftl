# Choosing between several things a name fits.

pick-a-button = Pick one of the buttons, or Cancel.
