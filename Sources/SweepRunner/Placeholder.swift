// SweepRunner
