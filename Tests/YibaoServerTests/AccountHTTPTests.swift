import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Account transfers, inheritance and pensions, the resident billing run and the falling-base audit over
/// real HTTP, with their roles.
@Suite struct AccountHTTPTests {
    /// 张伟 (3,000.00 first level) transferred to Benxi by the enrolment clerk: his account is emptied
    /// into Benxi's clearing account (the statement shows −3,000.00), and his eligibility names 210500.
    /// 王建国 (retiree, 5,000.00) dies; the collection clerk may not pass on his account (403), the
    /// administrator passes it to 李娜 (1,200.00 → 6,200.00). A pension is recorded for a retiree only.
    @Test(arguments: TestBackend.all)
    func transferAndInheritance(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let admin = try await client.signIn("admin")
            let zhang = try await RegistryHTTPTests.psnNo(client, "张伟")
            let moved = try await client.send(.post, "/api/persons/\(zhang)/enrolment-events",
                                              body: #"{"kind":"transfer","date":"2026-05-01","to":"210500"}"#, auth: clerk)
            #expect(moved.status == .created)
            let statement = try await client.send(.get, "/api/persons/\(zhang)/account-statement?from=2000-01-01&through=2100-12-31", auth: admin)
            #expect((statement.json["movements"] as? [[String: Any]])?.map { $0["amount"] as? String } == ["3000.00", "-3000.00"])
            #expect((statement.json["closing"] as? [String: Any])?["first_level"] as? String == "0.00")
            let eligibility = try await client.send(.get, "/api/persons/\(zhang)/eligibility?on=2026-06-01", auth: clerk)
            #expect((eligibility.json["scheme"] as? String)?.contains("210500") == true)
            let badRegion = try await client.send(.post, "/api/persons/\(zhang)/enrolment-events",
                                                  body: #"{"kind":"transfer","date":"2026-06-01","to":"21"}"#, auth: clerk)
            #expect(badRegion.json["path"] as? String == "to")

            let wang = try await RegistryHTTPTests.psnNo(client, "王建国")
            let li = try await RegistryHTTPTests.psnNo(client, "李娜")
            #expect(try await client.send(.post, "/api/persons/\(wang)/pensions", body: #"{"year":2026,"monthly":"4500.00"}"#, auth: admin).status
                    == .created)
            #expect(try await client.send(.post, "/api/persons/\(li)/pensions", body: #"{"year":2026,"monthly":"4500.00"}"#, auth: admin).code
                    == "PENSION_NOT_RETIREE")
            let alive = try await client.send(.post, "/api/persons/\(wang)/account-inheritance", body: #"{"heir_psn_no":"\#(li)"}"#, auth: admin)
            #expect(alive.code == "INHERITANCE_NOT_DECEASED")
            #expect(try await client.send(.post, "/api/persons/\(wang)/enrolment-events",
                                          body: #"{"kind":"terminate","date":"2026-04-01","reason":"death"}"#, auth: clerk).status == .created)
            let collector = try await client.signIn("collect")
            #expect(try await client.send(.post, "/api/persons/\(wang)/account-inheritance", body: #"{"heir_psn_no":"\#(li)"}"#,
                                          auth: collector).status == .forbidden)
            let inherited = try await client.send(.post, "/api/persons/\(wang)/account-inheritance", body: #"{"heir_psn_no":"\#(li)"}"#,
                                                  auth: admin)
            #expect(inherited.status == .created)
            #expect((inherited.json["moved"] as? [String: Any])?["first_level"] as? String == "5000.00")
            let heir = try await client.send(.get, "/api/persons/\(li)/account-statement?from=2000-01-01&through=2100-12-31", auth: admin)
            #expect((heir.json["closing"] as? [String: Any])?["first_level"] as? String == "6200.00")
        }
    }

    /// Benxi's three demo residents billed for 2026 by the Benxi administrator: 赵丽 adult 255 + 40,
    /// 孙浩 student 40 + 40, 周桂兰 elderly 195 + 100 — personal 490.00, subsidy 180.00 (city 108.00,
    /// county 72.00). The Xiamen collection clerk may not bill Benxi. Xiamen has no declared-base rule (its
    /// bases are fractions of W), so its falling-base report is refused naming the missing rule.
    @Test(arguments: TestBackend.all)
    func residentBillingAndTheFallingBaseReport(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let benxi = try await client.signIn("benxi-admin")
            let collector = try await client.signIn("collect")
            #expect(try await client.send(.post, "/api/regions/210500/resident-billing-runs", body: #"{"year":2026}"#, auth: collector).status
                    == .forbidden)
            let run = try await client.send(.post, "/api/regions/210500/resident-billing-runs", body: #"{"year":2026}"#, auth: benxi)
            #expect(run.status == .ok)
            #expect(run.json["billed"] as? Int == 3)
            #expect(run.json["personal_due"] as? String == "490.00")
            #expect(run.json["subsidy"] as? String == "180.00")
            #expect(run.json["city_subsidy"] as? String == "108.00")
            #expect(run.json["county_subsidy"] as? String == "72.00")
            let report = try await client.send(.get, "/api/regions/350200/falling-base-report?year=2026", auth: collector)
            #expect(report.status == .notFound)
            #expect(report.code == "BASE_RULE_MISSING")
            #expect(try await client.send(.get, "/api/regions/350200/falling-base-report?year=2026", auth: try await client.signIn("hospital"))
                    .status == .forbidden)
        }
    }
}
