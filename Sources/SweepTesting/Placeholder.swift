// SweepTesting
