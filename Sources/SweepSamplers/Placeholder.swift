// SweepSamplers
