import Hummingbird

/// What a page route answers when it cannot show its page: a page (not JSON) with the status and
/// the message naming what was wrong, so a person who typed or followed a bad link reads why.
enum ErrorPage {
    /// Runs a page's handler; a `ServerError` it throws becomes an error page with its status.
    static func answering(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as ServerError {
            return response(error)
        }
    }

    static func response(_ error: ServerError) -> Response {
        let body = """
            <p><a href="/">Studies</a></p>
            <h1>\(error.status.code) \(escaped(error.status.reasonPhrase))</h1>
            <p id="error">\(escaped(error.message))</p>
            """
        return Responses.html(page(title: "\(error.status.code)", body: body), status: error.status)
    }
}
