import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Opening PostgreSQL makes one connection first (`PostgresStore.probe`), so a wrong `--database`
/// is reported at once and by name, not after the pool has retried for a minute.
@Suite struct PostgresProbeTests {
    static func opening(_ url: DatabaseLocation.PostgresURL) async -> DomainError? {
        do {
            try await DatabaseOpening.with(.postgres(url), logger: TestBackend.logger) { _ in }
            return nil
        } catch {
            return error as? DomainError
        }
    }

    @Test func noServerIsUnreachable() async throws {
        guard case .postgres(let url) = try DatabaseLocation.parse("postgres://yibao@127.0.0.1:1/yibao") else { return }
        let error = try #require(await Self.opening(url))
        #expect(error.code == "DATABASE_UNREACHABLE")
        #expect(error.message.contains("127.0.0.1:1"))
        #expect(error.path == "database")
    }

    @Test(arguments: TestBackend.all.filter { $0 == .postgres })
    func aMissingDatabaseOrRoleIsNamed(backend: TestBackend) async throws {
        guard let text = TestBackend.postgresURL, case .postgres(var url) = try DatabaseLocation.parse(text) else { return }
        url.database = "yibao_no_such_database"
        let missing = try #require(await Self.opening(url))
        #expect(missing.code == "DATABASE_MISSING")
        #expect(missing.message.contains("yibao_no_such_database") && missing.messageEn.contains("yibao_no_such_database"))
        url.username = "yibao_no_such_role"
        let login = try #require(await Self.opening(url))
        #expect(login.code == "DATABASE_LOGIN")
        #expect(login.messageEn.contains("yibao_no_such_role"))
    }
}
