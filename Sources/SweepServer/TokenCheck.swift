import Hummingbird

/// With `sweep serve --token T`, every request must carry the token: `Authorization: Bearer T`
/// (programs), or `?token=T` once in a browser, which then keeps it in a cookie so the pages'
/// links work. Anything else is 401 with a message saying how. Compared in constant time.
struct TokenCheck: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String

    static let cookie = "sweep_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "), same(String(header.dropFirst(7))) {
            return try await next(request, context)
        }
        if let cookies = request.headers[.cookie], cookies.split(separator: ";").contains(where: { part in
            let pair = part.trimmingCharacters(in: .whitespaces)
            return pair.hasPrefix(Self.cookie + "=") && same(String(pair.dropFirst(Self.cookie.count + 1)))
        }) {
            return try await next(request, context)
        }
        if let query = request.uri.queryParameters["token"], same(String(query)) {
            var response = try await next(request, context)
            response.headers[.setCookie] = "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
        throw ServerError(
            .unauthorized, "this server needs its token: send Authorization: Bearer TOKEN, or open a page once with ?token=TOKEN")
    }

    /// Equal to the token, in time that does not depend on where they differ.
    private func same(_ given: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(token.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}
