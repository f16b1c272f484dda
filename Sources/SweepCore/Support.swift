/// SweepCore re-exports the shared utilities (`SplitMix64`, the spec grammar, `formatNumber`), so
/// that every module built on the engine sees them without importing `SweepSupport` itself.
@_exported import SweepSupport
