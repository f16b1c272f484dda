import Foundation

/// Optuna's `DATETIME` columns in SQLite: SQLAlchemy's text `YYYY-MM-DD HH:MM:SS.ffffff`, naive.
/// Optuna 5 writes UTC; Optuna 3 and 4 wrote the writing machine's local time
/// (optuna/optuna#6776), so a file an Optuna before 5 set up is read in this machine's time zone.
public enum OptunaTime: Sendable, Hashable {
    case utc
    case local

    /// The zone of a file whose `version_info.library_version` is `libraryVersion`.
    public init(libraryVersion: String) {
        let major = libraryVersion.split(separator: ".").first.flatMap { Int($0) } ?? 5
        self = major >= 5 ? .utc : .local
    }

    /// Parses a stored time; nil when the text is not one.
    public func date(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard day.count == 3, let y = day[0], let m = day[1], let d = day[2], clock.count == 3,
            let h = Int(clock[0]), let mi = Int(clock[1]), let seconds = Double(clock[2]),
            (1...12).contains(m), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi),
            seconds >= 0, seconds < 61, (1...9999).contains(y)
        else { return nil }
        let naive = Double(Self.days(year: y, month: m, day: d) * 86_400 + h * 3_600 + mi * 60) + seconds
        switch self {
        case .utc: return Date(timeIntervalSince1970: naive)
        case .local:
            let guess = Date(timeIntervalSince1970: naive)
            let offset = TimeZone.current.secondsFromGMT(for: guess.addingTimeInterval(-Double(TimeZone.current.secondsFromGMT(for: guess))))
            return Date(timeIntervalSince1970: naive - Double(offset))
        }
    }

    /// The text Optuna 5 writes for a time (naive UTC, microseconds).
    public static func text(_ date: Date) -> String {
        // Clamped to years 0001-9999, which is what the column can hold.
        let seconds = min(max(date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799)
        let micros = Int64((seconds * 1_000_000).rounded())
        let (secondsOfEpoch, fraction) = (micros.floorDivided(by: 1_000_000), micros.floorModulo(1_000_000))
        let (days, secondOfDay) = (secondsOfEpoch.floorDivided(by: 86_400), secondsOfEpoch.floorModulo(86_400))
        let (y, m, d) = civil(days: Int(days))
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let frac = String(fraction)
        let h = Int(secondOfDay / 3_600)
        let mi = Int(secondOfDay % 3_600 / 60)
        let s = Int(secondOfDay % 60)
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(m))-\(two(d)) \(two(h)):\(two(mi)):\(two(s))."
            + String(repeating: "0", count: 6 - frac.count) + frac
    }

    /// Days from 1970-01-01 to a civil date (H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    fileprivate func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    fileprivate func floorModulo(_ d: Int64) -> Int64 { self - floorDivided(by: d) * d }
}
