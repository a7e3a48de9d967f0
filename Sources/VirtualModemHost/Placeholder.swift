// Runners for virtual modems.
