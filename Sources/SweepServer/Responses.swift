import Foundation
import Hummingbird
import SweepCore
import SweepWire

/// The two kinds of body the server sends.
enum Responses {
    /// `value` as JSON under SweepWire's rules (ISO 8601 times, seeds as strings, non-finite as null).
    static func json(_ value: some Encodable) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try Wire.text(value) + "\n")))
    }

    /// A page.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Runs a storage call, turning its errors into the HTTP errors they mean.
func answering<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as SweepError {
        throw ServerError(error)
    }
}

/// Reads an integer query parameter within `range`; nil when it is absent.
func queryInt(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
    guard let text = request.uri.queryParameters[name[...]] else { return nil }
    guard let value = Int(text), range.contains(value) else {
        throw ServerError(.badRequest, "query parameter \(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
    }
    return value
}

/// The `:name` path parameter, percent-decoded (links encode every character but the unreserved).
func studyName(_ context: BasicRequestContext) throws -> String {
    let raw = try context.parameters.require("name")
    return raw.removingPercentEncoding ?? raw
}

/// The `:number` path parameter: a trial number, 0 or more; anything else is a 400 naming it.
func trialNumber(_ context: BasicRequestContext) throws -> Int {
    let raw = try context.parameters.require("number")
    guard let number = Int(raw), (0...APISchemas.exactInteger).contains(number) else {
        throw ServerError(.badRequest, "a trial number in the path must be a whole number from 0 to \(APISchemas.exactInteger), got '\(raw)'")
    }
    return number
}
