import PostgresNIO
import SweepCore

/// Which trials a read loads: the rows, their reports and their notes are three queries over the
/// same set, however many trials it holds.
enum TrialSet: Sendable {
    /// These trials.
    case ids([Int64])
    /// A study's trials, optionally only those in some states.
    case study(Int64, states: Set<TrialState>?)

    /// The query `wrap` makes around SQL that selects the set's trial ids, with its parameters
    /// bound.
    func query(_ wrap: (String) -> String) -> PostgresQuery {
        var binds = PostgresBindings()
        let ids: String
        switch self {
        case .ids(let list):
            binds.append(list)
            ids = "SELECT unnest($1::int8[])"
        case .study(let study, let states):
            binds.append(study)
            if let states, states.count < TrialState.allCases.count {
                binds.append(TrialState.allCases.filter(states.contains).map(\.rawValue))
                ids = "SELECT id FROM trial WHERE study_id = $1 AND state = ANY($2::text[])"
            } else {
                ids = "SELECT id FROM trial WHERE study_id = $1"
            }
        }
        return PostgresQuery(unsafeSQL: wrap(ids), binds: binds)
    }
}
