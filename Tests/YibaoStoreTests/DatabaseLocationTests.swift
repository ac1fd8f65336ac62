import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// `--database` values: SQLite paths and PostgreSQL URLs, with the pool's size as `pool_max_conns`.
@Suite struct DatabaseLocationTests {
    @Test func postgresURLsParse() throws {
        guard case .postgres(let url) = try DatabaseLocation.parse("postgres://yb:p%40ss@db.local:6543/yibao?sslmode=disable&pool_max_conns=48") else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(url.host == "db.local" && url.port == 6543 && url.username == "yb" && url.password == "p@ss" && url.database == "yibao")
        #expect(url.poolMaxConnections == 48)
        #expect(DatabaseLocation.postgres(url).description == "postgres://yb@db.local:6543/yibao?pool_max_conns=48")

        guard case .postgres(let plain) = try DatabaseLocation.parse("postgresql://yb@127.0.0.1/yibao") else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(plain.port == 5432 && plain.poolMaxConnections == 16)
        #expect(DatabaseLocation.postgres(plain).description == "postgres://yb@127.0.0.1:5432/yibao")
        #expect(try DatabaseLocation.parse("sqlite:/var/lib/yibao/data.sqlite") == .sqlite(path: "/var/lib/yibao/data.sqlite"))
    }

    @Test(arguments: ["0", "1001", "", "many", "-3"])
    func badPoolSizesAreRefused(value: String) {
        #expect {
            _ = try DatabaseLocation.parse("postgres://yb@127.0.0.1/yibao?pool_max_conns=\(value)")
        } throws: { error in
            guard let error = error as? DomainError else { return false }
            return error.code == "DATABASE_URL" && error.path == "database" && error.message.contains("pool_max_conns")
                && error.messageEn.contains("1 to 1000")
        }
    }

    /// Ten reads at once on a pool of three: PostgreSQL sees three of the pool's connections at most,
    /// and all three are used.
    @Test(arguments: TestBackend.all.filter { $0 == .postgres })
    func thePoolKeepsToItsSize(backend: TestBackend) async throws {
        let most = try await backend.withDatabase(poolMaxConnections: 3) { db in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await db.read { sql in
                            try await sql.raw("SELECT pg_sleep(0.2)").run()
                            return try await sql.raw("""
                                SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
                                """).first()!.decode(column: "n", as: Int.self)
                        }
                    }
                }
                return try await group.reduce(0) { max($0, $1) }
            }
        }
        #expect(most == 3)
    }
}
