import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import YibaoCore
import YibaoServer
import YibaoStore
import YibaoTestSupport

/// Runs the real application on 127.0.0.1 (an ephemeral port) over a fresh database with the demo
/// loaded, and hands the test a client that speaks real HTTP to it.
enum LiveServer {
    /// The content type of a console form post.
    static let form = "application/x-www-form-urlencoded"

    static func run(_ backend: TestBackend, _ test: @escaping @Sendable (Client) async throws -> Void) async throws {
        try await backend.withDatabase { database in
            try await DemoData.load(into: database, bcryptCost: 4, logger: TestBackend.logger)
            try await serve(database, test)
        }
    }

    /// A new application over `database`, stopped when `test` returns: a second call on the same
    /// database is a restart.
    static func serve(_ database: any Database, _ test: @escaping @Sendable (Client) async throws -> Void) async throws {
        let app = YibaoApplication.make(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, bcryptCost: 4),
            database: database, logger: TestBackend.logger, runsDatabase: false)
        try await app.test(.live) { client in try await test(Client(client: client, database: database)) }
    }

    /// A thin JSON client: sign in, then send requests with the session cookie or a bearer token.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let database: any Database

        struct Reply: Sendable {
            var status: HTTPResponse.Status
            var headers: HTTPFields
            var body: String
            var json: [String: Any] {
                (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
            }
            var code: String? { json["code"] as? String }
        }

        func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil,
                  auth: String? = nil, contentType: String = "application/json") async throws -> Reply {
            try await send(method, uri, bytes: body.map { Array($0.utf8) }, auth: auth, contentType: contentType)
        }

        /// A body sent as these very bytes (a file in another encoding than UTF-8).
        func send(_ method: HTTPRequest.Method, _ uri: String, bytes body: [UInt8]?,
                  auth: String? = nil, contentType: String = "application/json") async throws -> Reply {
            var headers = HTTPFields()
            if let auth {
                headers[auth.hasPrefix("ybt_") ? .authorization : .cookie] = auth.hasPrefix("ybt_") ? "Bearer \(auth)" : auth
            }
            if body != nil { headers[.contentType] = contentType }
            return try await client.execute(uri: uri, method: method, headers: headers,
                                            body: body.map { ByteBuffer(bytes: $0) }) { response in
                Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
            }
        }

        /// Signs in and returns the `Cookie` header value for later requests.
        func signIn(_ username: String, _ password: String = DemoData.password) async throws -> String {
            let reply = try await send(.post, "/api/session", body: #"{"username":"\#(username)","password":"\#(password)"}"#)
            guard reply.status == .ok, let setCookie = reply.headers[.setCookie] else {
                throw TestSetupError("sign-in of \(username) failed: \(reply.status) \(reply.body)")
            }
            return String(setCookie.split(separator: ";")[0])
        }

        /// The first sign-in of a user an administrator created with `initial`: the password is replaced
        /// (with `initial` + "-own"), as the console and the API require before anything else, and a
        /// session with the new one is returned.
        func firstSignIn(_ username: String, initial: String = DemoData.password) async throws -> String {
            let first = try await signIn(username, initial)
            let changed = try await send(.post, "/api/me/password",
                                         body: #"{"current_password":"\#(initial)","password":"\#(initial)-own"}"#, auth: first)
            guard changed.status == .noContent else { throw TestSetupError("password change of \(username) failed: \(changed.body)") }
            return try await signIn(username, initial + "-own")
        }
    }
}
