import PostgresNIO

/// A prepared statement whose rows the caller reads as they come (`SQL.rows`): the hot
/// statements (`ClaimStatement`, the report statements, `EndStatement`) decode their own columns.
protocol RowStatement: PostgresPreparedStatement where Row == PostgresRow {}

extension RowStatement {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// The two forms of the report statement: the same bindings (`ReportArguments`), different SQL.
protocol ReportStatementForm: RowStatement {
    var arguments: ReportArguments { get }
}

extension ReportStatementForm {
    func makeBindings() throws -> PostgresBindings { arguments.bindings() }
}
