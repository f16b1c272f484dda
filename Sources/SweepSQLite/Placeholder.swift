// SweepSQLite
