// SweepPruners
