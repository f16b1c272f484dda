import PostgresNIO
import SweepCore

/// Which trials a read loads (`TrialRead`).
enum TrialSet: Sendable {
    /// These trials.
    case ids([Int64])
    /// A study's trials, optionally only those in some states.
    case study(Int64, states: Set<TrialState>?)
    /// The trial with this number in the study.
    case numbered(study: Int64, number: Int)

    /// The query `wrap` makes around SQL that selects the set's trial ids, with its parameters
    /// bound; `extra`, when given, is bound too and `wrap` gets its placeholder.
    func query(binding extra: [String]? = nil, _ wrap: (_ ids: String, _ extra: String) -> String) -> PostgresQuery {
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
        case .numbered(let study, let number):
            binds.append(study)
            binds.append(number)
            ids = "SELECT id FROM trial WHERE study_id = $1 AND number = $2"
        }
        var placeholder = ""
        if let extra {
            binds.append(extra)
            placeholder = "$\(binds.count)"
        }
        return PostgresQuery(unsafeSQL: wrap(ids, placeholder), binds: binds)
    }
}
