// SweepCurves
