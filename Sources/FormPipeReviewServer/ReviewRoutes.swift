import FormPipeRecord
import Foundation
import Hummingbird
import FormPipeReview

/// The server's addresses. The page and its script; the queue as JSON; a field's page crop;
/// the decisions; and the outbox's own files (the review pages, records and XML), read-only.
struct ReviewRoutes: Sendable {
    let store: ReviewStore
    let outbox: URL
    let reviewer: Reviewer

    /// Decisions are a few hundred bytes; anything much larger is not one.
    private static let maximumBody = 1 << 20

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            HTTPAnswer.bytes(Data(ReviewAppPage.html.utf8), type: "text/html; charset=utf-8")
        }
        router.get("/app.js") { _, _ in
            HTTPAnswer.bytes(Data(ReviewAppScript.source.utf8), type: "text/javascript; charset=utf-8")
        }
        router.get("/app.css") { _, _ in
            HTTPAnswer.bytes(Data(ReviewAppStyle.css.utf8), type: "text/css; charset=utf-8")
        }
        router.get("/api/state") { _, _ in
            HTTPAnswer.json(.object([("state", .string(await store.refresh()))]))
        }
        router.get("/api/queue") { request, _ in
            await queue(request)
        }
        router.get("/api/documents/:name/crops/:key") { _, context in
            await crop(context)
        }
        router.post("/api/documents/:name/decisions") { request, context in
            await decide(request, context)
        }
        router.get("/outbox/**") { _, context in
            OutboxFiles(outbox: outbox).answer(context.parameters.getCatchAll())
        }
    }

    private func queue(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        let text = { (key: String) -> String? in
            query[Substring(key)].flatMap { String($0).removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var below: Double?
        if let limit = text("below") {
            guard let value = Double(limit), (0...1).contains(value) else {
                return HTTPAnswer.badRequest("below takes a confidence from 0 to 1, not '\(limit)'")
            }
            below = value
        }
        let filter = ReviewQueue.Filter(
            rule: text("rule"), document: text("document"), below: below, openOnly: text("open") == "1")
        let snapshot = await store.snapshot(filter)
        return HTTPAnswer.json(
            .object([
                ("state", .string(snapshot.state)),
                ("outbox", .string(outbox.path)),
                ("reviewer", .string(reviewer.name)),
                ("documents", .array(snapshot.documents.map(\.json))),
                ("items", .array(snapshot.items.map(\.json))),
                ("rules", .array(snapshot.rules.map { .string($0) })),
                ("problems", .array(snapshot.problems.map { .string($0) })),
            ]))
    }

    private func crop(_ context: BasicRequestContext) async -> Response {
        guard let name = Self.parameter("name", context), let key = Self.parameter("key", context) else {
            return HTTPAnswer.text(.notFound, "no such crop\n")
        }
        do throws(ReviewError) {
            guard let image = try await store.crops(of: name).images[key] else {
                return HTTPAnswer.text(.notFound, "\(name) has no crop \(key)\n")
            }
            return HTTPAnswer.bytes(image, type: ScanCrops.contentType(of: image))
        } catch {
            return HTTPAnswer.error(error)
        }
    }

    private func decide(_ request: Request, _ context: BasicRequestContext) async -> Response {
        guard let name = Self.parameter("name", context) else { return HTTPAnswer.text(.notFound, "no document\n") }
        // A form on another site cannot send JSON without the browser asking first: together
        // with the SameSite cookie this keeps other pages from posting decisions.
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            return HTTPAnswer.text(.unsupportedMediaType, "decisions are posted as application/json\n")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumBody)
        } catch {
            return HTTPAnswer.badRequest("the decision could not be read: \(error)")
        }
        do throws(ReviewError) {
            let decision = try DecisionBody(json: String(buffer: body))
            let (decisions, document) = try await store.decide(
                decision.requests, on: name, expecting: decision.version)
            return HTTPAnswer.json(
                .object([
                    ("decisions", .array(decisions.map(\.json))),
                    ("document", document.json),
                    ("items", .array(document.items.map(\.json))),
                ]))
        } catch {
            return HTTPAnswer.error(error)
        }
    }

    /// A path parameter, percent-decoded (the router matches the raw path; names may be CJK).
    private static func parameter(_ name: String, _ context: BasicRequestContext) -> String? {
        context.parameters.get(name).flatMap { $0.removingPercentEncoding }
    }
}
