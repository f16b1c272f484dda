import Hummingbird
import SweepCore
import SweepWire

/// A request that cannot be answered, as the status and message the client gets.
struct ServerError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    /// Headers the answer carries besides its content type (`Allow` on a 405).
    var headers: HTTPFields = [:]

    /// The response for a storage or engine error: a missing study or trial is 404, a finished
    /// trial or a taken name 409, a sampler with nothing left 409, a busy or unreachable storage
    /// 503 (try again), bad input 400, a damaged or newer database 500.
    init(_ error: SweepError) {
        switch error {
        case .unknownStudy, .unknownTrial: status = .notFound
        case .trialFinished, .duplicateStudy, .samplerExhausted: status = .conflict
        case .storageUnavailable: status = .serviceUnavailable
        case .invalidArgument, .invalidSpec: status = .badRequest
        case .corrupt, .schemaTooNew, .storage: status = .internalServerError
        }
        message = "\(error)"
    }

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = (try? Wire.text(["error": message])) ?? "{}"
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }
}
