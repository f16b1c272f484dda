/// The version `sweep --version` prints (and `sweep --help` shows). Bump it with each release.
enum SweepVersion {
    static let number = "0.1.0"
}
