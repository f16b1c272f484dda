import Hummingbird
import SweepCore

/// A request to a path of the API with a method the API does not serve there (`DELETE
/// /api/studies`, `TRACE ...`) is 405 Method Not Allowed with an `Allow` header listing the ones it
/// does (RFC 9110), not a 404 that says the path is unknown. The paths and their methods come from
/// `/openapi.json`, so the two cannot disagree.
struct MethodCheck: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// A documented path: its segments (nil matches any one segment, for `{name}`) and methods.
    struct Route {
        var segments: [String?]
        var methods: [String]

        func matches(_ parts: [Substring]) -> Bool {
            parts.count == segments.count && zip(parts, segments).allSatisfy { part, segment in segment.map { $0 == part } ?? !part.isEmpty }
        }
    }

    static let routes: [Route] = {
        guard case .object(let document) = OpenAPI.document, case .object(let paths)? = document["paths"] else { return [] }
        return paths.compactMap { path, item in
            guard case .object(let operations) = item else { return nil }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part -> String? in
                part.hasPrefix("{") && part.hasSuffix("}") ? nil : String(part)
            }
            return Route(segments: segments, methods: operations.keys.map { $0.uppercased() }.sorted())
        }
    }()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let method = request.method.rawValue
        let documented = Self.routes.filter { $0.matches(Array(parts)) }
        guard !documented.isEmpty, !documented.contains(where: { $0.methods.contains(method) }) else {
            return try await next(request, context)
        }
        let allowed = Set(documented.flatMap(\.methods)).sorted()
        throw ServerError(
            .methodNotAllowed, "\(method) is not served at \(request.uri.path); it takes \(allowed.joined(separator: ", "))",
            headers: [.allow: allowed.joined(separator: ", ")])
    }
}
