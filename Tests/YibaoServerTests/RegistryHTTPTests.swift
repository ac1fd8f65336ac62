import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The eligibility query, enrolment changes and the billing run over real HTTP, with their roles.
@Suite struct RegistryHTTPTests {
    static func psnNo(_ client: LiveServer.Client, _ name: String) async throws -> Int64 {
        try await client.database.read { db in try await PersonRepository.find(certno: DemoData.insuredCertno(name)!, in: db) }.first!.psnNo
    }

    /// 张伟 (enrolled 2015) is covered on 2026-11-20; interrupted on 2026-11-01 by the enrolment clerk,
    /// he is not covered on 2026-11-20, "interrupted since 2026-11-01", and still covered on 2026-10-31.
    /// A second interruption is refused (409).
    @Test(arguments: TestBackend.all)
    func eligibilityFollowsEnrolmentChanges(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let psnNo = try await Self.psnNo(client, "张伟")
            let before = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-11-20", auth: clerk)
            #expect(before.status == .ok)
            #expect(before.json["covered"] as? Bool == true)
            let change = try await client.send(.post, "/api/persons/\(psnNo)/enrolment-events",
                                               body: #"{"kind":"interrupt","date":"2026-11-01"}"#, auth: clerk)
            #expect(change.status == .created)
            let after = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-11-20", auth: clerk)
            #expect(after.json["covered"] as? Bool == false)
            #expect(after.json["status"] as? String == "interrupted")
            #expect(after.json["since"] as? String == "2026-11-01")
            #expect((after.json["reason"] as? String)?.contains("中断") == true)
            let earlier = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-10-31", auth: clerk)
            #expect(earlier.json["covered"] as? Bool == true)
            let again = try await client.send(.post, "/api/persons/\(psnNo)/enrolment-events",
                                              body: #"{"kind":"interrupt","date":"2026-11-02"}"#, auth: clerk)
            #expect(again.status == .conflict)
            #expect(again.code == "ENROLMENT_TRANSITION")
        }
    }

    /// Roles and scopes: a hospital user may not read enrolments, the enrolment clerk may not run
    /// billing, Benxi's administrator may not query a Xiamen person; the collection clerk may bill
    /// Xiamen (nothing on any roster in the demo: 0 billed) but not Benxi; the account statement is
    /// readable by the collection clerk, not by the hospital.
    @Test(arguments: TestBackend.all)
    func forbiddenRolesAndScopesGet403(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let psnNo = try await Self.psnNo(client, "张伟")
            let hospital = try await client.signIn("hospital")
            let denied = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-11-20", auth: hospital)
            #expect(denied.status == .forbidden)
            let clerk = try await client.signIn("enrol")
            #expect(try await client.send(.post, "/api/regions/350200/billing-runs", body: #"{"month":"2025-09"}"#, auth: clerk).status
                    == .forbidden)
            let benxi = try await client.signIn("benxi-admin")
            let foreign = try await client.send(.get, "/api/persons/\(psnNo)/eligibility?on=2026-11-20", auth: benxi)
            #expect(foreign.status == .forbidden)
            #expect(foreign.code == "FORBIDDEN_SCOPE")
            let collector = try await client.signIn("collect")
            let run = try await client.send(.post, "/api/regions/350200/billing-runs", body: #"{"month":"2025-09"}"#, auth: collector)
            #expect(run.status == .ok)
            #expect(run.json["billed"] as? Int == 0)
            #expect(try await client.send(.post, "/api/regions/210500/billing-runs", body: #"{"month":"2025-09"}"#, auth: collector).status
                    == .forbidden)
            // The account statement: 张伟's opening credit of 3,000.00 (first level) is his one movement.
            let statement = try await client.send(.get, "/api/persons/\(psnNo)/account-statement?from=2000-01-01&through=2100-12-31",
                                                  auth: collector)
            #expect(statement.status == .ok)
            let movements = try #require(statement.json["movements"] as? [[String: Any]])
            #expect(movements.map { $0["amount"] as? String } == ["3000.00"])
            #expect(try await client.send(.get, "/api/persons/\(psnNo)/account-statement?from=2000-01-01&through=2100-12-31",
                                          auth: hospital).status == .forbidden)
        }
    }
}
