# The five levels of the ladder every skill uses.

level-junior = Junior
level-middle = Middle
level-senior = Senior
level-lead = Lead
level-principal = Principal
