import SQLKit
import Testing
import YibaoStore
import YibaoTestSupport

@Suite struct ServerBasicsTests {
    @Test(arguments: TestBackend.all)
    func healthMetricsAndUnknownRoutes(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let health = try await client.send(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            #expect(health.json["database"] as? String == backend.rawValue)

            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.body.contains("hb_requests"), "request counter from MetricsMiddleware is exported")
            // SQLite's single writer reports its use; PostgreSQL has no single writer to report.
            let before = client.database.writerStatistics?.transactions ?? 0
            try await client.database.write { db in try await db.raw("SELECT 1").run() }
            let after = try await client.send(.get, "/metrics").body
            func gauge(_ name: String, in text: String) -> Double? {
                text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
            }
            // The server's CPU time is a running total: positive, and never less at a later scrape.
            let cpuBefore = try #require(gauge("yibao_process_cpu_seconds", in: metrics.body))
            let cpuAfter = try #require(gauge("yibao_process_cpu_seconds", in: after))
            #expect(cpuBefore > 0 && cpuAfter >= cpuBefore)
            if backend == .sqlite {
                #expect(gauge("yibao_sqlite_writer_transactions", in: after) == Double(before + 1))
                #expect(after.contains("yibao_sqlite_writer_busy_seconds "))
            } else {
                // (The Prometheus registry is per process, so an SQLite case run earlier in this test
                // process may have left the gauges; the store itself reports nothing.)
                #expect(client.database.writerStatistics == nil)
            }

            let missing = try await client.send(.get, "/api/no-such-thing")
            #expect(missing.status == .notFound || missing.status == .unauthorized)
            // The console's root sends an anonymous visitor to its sign-in page.
            let console = try await client.send(.get, "/")
            #expect(console.status == .seeOther)
            #expect(console.headers[.location] == "/signin")
            let signIn = try await client.send(.get, "/signin")
            #expect(signIn.status == .ok)
            #expect(signIn.body.contains("医保"))
        }
    }

    @Test(arguments: TestBackend.all)
    func badBodiesGetFieldLevelErrorsNot500(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let notJSON = try await client.send(.post, "/api/session", body: "{username:")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.code == "BODY_NOT_JSON")

            let missing = try await client.send(.post, "/api/session", body: #"{"username":"admin"}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.code == "FIELD_MISSING")
            #expect(missing.json["path"] as? String == "password")
            #expect((missing.json["message"] as? String)?.contains("缺少必填字段") == true)
            #expect(missing.json["message_en"] as? String == "required field password is missing")

            let admin = try await client.signIn("admin")
            let badMoney = try await client.send(.put, "/api/regions/350200/parameters/2026", body: #"{"avg_wage":"1.234"}"#, auth: admin)
            #expect(badMoney.status == .badRequest)
            #expect(badMoney.json["path"] as? String == "avg_wage")
            #expect((badMoney.json["message"] as? String)?.contains("两位小数") == true)

            let floatMoney = try await client.send(.put, "/api/regions/350200/parameters/2026", body: #"{"avg_wage":85000.5}"#, auth: admin)
            #expect(floatMoney.status == .badRequest, "money as a JSON number is refused")
        }
    }
}
