import Hummingbird
import YibaoStore

/// `/health`: answers 200 with the database dialect when a trivial query succeeds, 503 otherwise,
/// so a load balancer or systemd watchdog can tell a live process from a useful one.
struct HealthRoutes {
    let database: any Database

    func register(on router: Router<YibaoRequestContext>) {
        router.get("/health") { _, _ -> Response in
            do {
                _ = try await database.read { db in try await db.raw("SELECT 1 AS ok").first() }
                return Self.json(status: .ok, #"{"status":"ok","database":"\#(database.dialect.rawValue)"}"#)
            } catch {
                return Self.json(status: .serviceUnavailable, #"{"status":"unavailable","database":"\#(database.dialect.rawValue)"}"#)
            }
        }
    }

    static func json(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
