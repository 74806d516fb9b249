import Foundation
import Hummingbird

/// Lets a request through only with the server's token: in the query (`?token=`, the URL
/// printed at start; the answer then sets it as a cookie so the page's own requests carry it),
/// in the cookie, or in the `X-Formpipe-Token` header (scripts).
///
/// The cookie is `SameSite=Strict` and `HttpOnly`, and decisions must be posted as JSON, so a
/// page on another site can neither read the token nor make the browser post a decision.
struct AccessTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    static var cookieName: String { "formpipe-review-token" }
    static var headerName: String { "X-Formpipe-Token" }

    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let query = request.uri.queryParameters["token"], AccessToken.matches(query, token) {
            var response = try await next(request, context)
            response.setCookie(
                Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        let header = request.headers.first { $0.name.canonicalName == Self.headerName.lowercased() }?.value
        let cookie = request.cookies[Self.cookieName]?.value
        guard let presented = header ?? cookie, AccessToken.matches(presented, token) else {
            return HTTPAnswer.text(
                .forbidden,
                "formpipe review: this server needs its token. Open the URL that 'formpipe review --serve' printed "
                    + "when it started (http://…/?token=…).\n")
        }
        return try await next(request, context)
    }
}
