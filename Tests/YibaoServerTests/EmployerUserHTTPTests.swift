import Hummingbird
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// An employer's own user (`employer_user`, 参保单位经办人) over real HTTP: what a unit does in its online
/// service hall for itself, and a bilingual 403 for anything of another employer or of the agency.
@Suite struct EmployerUserHTTPTests {
    /// Municipal region 329900 (004: 9% + 2%, floor 60% of W/12 = 4,000.00 in 2025). The administrator
    /// registers 甲公司 and 乙公司 and a user of 甲公司 (refused without an employer, with another region's,
    /// with a bad id). The user hires 赵一 (by identity number) and 钱二 (by number) from January 2025, declares
    /// their 2025 bases — 8,000.00 kept, 3,000.00 raised to 4,000.00 (a person on 乙公司's roster refused,
    /// and nothing of the declaration stored) — and sees the March bills the agency runs: 720.00 + 160.00 and
    /// 360.00 + 80.00 = 1,320.00. 甲公司 pays 1,000.00 on 2025-04-10: 320.00 stays open, due 2025-04-15, and
    /// its fee from 1 May (next_month) at 0.05% is 10 × 320.00 × 0.05% = 1.60 on 2025-05-10.
    @Test(arguments: TestBackend.all)
    func anEmployerUserSeesAndDeclaresOnlyForItsOwnEmployer(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let region = LiveServer.Client.municipal
            let admin = try await client.municipalAdmin()
            let (a, aCode) = try await client.registerEmployer(region: region, organisation: "MA1EMP001", name: "甲公司", auth: admin)
            let (b, _) = try await client.registerEmployer(region: region, organisation: "MA1EMP002", name: "乙公司", auth: admin)
            let (xiamen, _) = try await client.registerEmployer(organisation: "MA1EMP003", name: "厦门丙公司")

            func user(_ name: String, employer: String?) -> String {
                #"{"username":"\#(name)","role":"employer_user","admdvs":"\#(region)","password":"\#(DemoData.password)""#
                    + (employer.map { #","employer_id":"\#($0)"}"# } ?? "}")
            }
            let unbound = try await client.send(.post, "/api/users", body: user("unit-x", employer: nil), auth: admin)
            #expect(unbound.status == .badRequest && unbound.code == "PRINCIPAL_BINDING")
            #expect(unbound.json["message"] as? String == "角色“参保单位经办人”必须绑定一家参保单位")
            let foreign = try await client.send(.post, "/api/users", body: user("unit-x", employer: xiamen), auth: admin)
            #expect(foreign.status == .badRequest && foreign.code == "EMPLOYER_UNKNOWN")
            #expect(foreign.json["path"] as? String == "employer_id")
            #expect((foreign.json["message_en"] as? String)?.contains("has no employer") == true)
            let bad = try await client.send(.post, "/api/users", body: user("unit-x", employer: "abc"), auth: admin)
            #expect(bad.code == "EMPLOYER_ID_INVALID" && bad.json["path"] as? String == "employer_id")
            #expect(try await client.send(.post, "/api/users", body: user("unit-a", employer: a), auth: admin).status == .created)
            let unit = try await client.firstSignIn("unit-a")
            let me = try await client.send(.get, "/api/me", auth: unit)
            #expect(me.json["role"] as? String == "employer_user" && me.json["employer_id"] as? String == a)

            let zhao = try await client.municipalPerson("赵一", sequence: 11, auth: admin)
            let qian = try await client.municipalPerson("钱二", sequence: 13, auth: admin)
            let sun = try await client.municipalPerson("孙三", sequence: 15, auth: admin)
            func roster(_ employer: String, _ kind: String, _ person: String, _ month: String, auth: String) async throws -> LiveServer.Client.Reply {
                try await client.send(.post, "/api/employers/\(region)/\(employer)/roster", body: #"{"kind":"\#(kind)",\#(person),"month":"\#(month)"}"#,
                                      auth: auth)
            }
            #expect(try await roster(a, "hire", #""certno":"\#(zhao.certno)""#, "2025-01", auth: unit).status == .noContent)
            #expect(try await roster(a, "hire", #""psn_no":"\#(qian.psnNo)""#, "2025-01", auth: unit).status == .noContent)
            let twice = try await roster(a, "hire", #""psn_no":"\#(qian.psnNo)""#, "2025-02", auth: unit)
            #expect(twice.status == .conflict && twice.code == "ROSTER_CHANGE_REFUSED")
            #expect(try await roster(a, "leave", #""psn_no":"\#(sun.psnNo)""#, "2025-02", auth: unit).code == "ROSTER_CHANGE_REFUSED")
            #expect(try await roster(b, "hire", #""psn_no":"\#(sun.psnNo)""#, "2025-01", auth: admin).status == .noContent)
            let changes = try await client.send(.get, "/api/employers/\(region)/\(a)/roster-changes?from=2025-01&through=2025-12", auth: unit)
            #expect((changes.json["items"] as? [[String: Any]])?.map { "\($0["kind"]!) \($0["name"]!) \($0["recorded_by"]!)" }
                    == ["hire 赵一 unit-a", "hire 钱二 unit-a"])

            let page = try await client.send(.get, "/api/employers/\(region)/\(a)?month=2025-03", auth: unit)
            #expect(page.status == .ok && (page.json["employer"] as? [String: Any])?["name"] as? String == "甲公司")
            let members = try #require(page.json["roster"] as? [[String: Any]])
            #expect(Set(members.compactMap { $0["name"] as? String }) == ["赵一", "钱二"])
            #expect(members.allSatisfy { ($0["certno"] as? String)?.contains("*") == true }, "identity numbers masked")

            // 乙公司's data, and its roster, answer 403 whatever the address, in both languages.
            for address in ["/api/employers/\(region)/\(b)?month=2025-03", "/api/employers/\(region)/\(b)/bills?month=2025-03",
                            "/api/employers/\(region)/\(b)/roster-changes?month=2025-01",
                            "/api/employers/\(region)/\(b)/arrears?on=2025-05-10", "/api/employers/\(region)/\(b)/payments",
                            "/api/employers/\(region)/\(b)/bases?year=2025", "/api/employers/350200/\(xiamen)"] {
                let refused = try await client.send(.get, address, auth: unit)
                #expect(refused.status == .forbidden && refused.code == "FORBIDDEN_SCOPE", "\(address)")
                #expect((refused.json["message"] as? String)?.hasPrefix("用户“unit-a”只能办理本单位（参保单位 \(region)/\(a)）的业务") == true)
                #expect((refused.json["message_en"] as? String)?.contains("may act only on data of their own employer") == true)
            }
            #expect(try await roster(b, "leave", #""psn_no":"\#(sun.psnNo)""#, "2025-06", auth: unit).code == "FORBIDDEN_SCOPE")

            // The 2025 declaration: all or nothing.
            func declare(_ entries: [(String, String)]) async throws -> LiveServer.Client.Reply {
                let list = entries.map { #"{"psn_no":"\#($0.0)","declared":"\#($0.1)"}"# }.joined(separator: ",")
                return try await client.send(.post, "/api/employers/\(region)/\(a)/bases", body: #"{"year":2025,"bases":[\#(list)]}"#, auth: unit)
            }
            let stranger = try await declare([(zhao.psnNo, "8000.00"), (sun.psnNo, "5000.00")])
            #expect(stranger.status == .conflict && stranger.code == "BASE_NOT_ON_ROSTER")
            #expect(stranger.json["path"] as? String == "bases[1].psn_no")
            let declared = try await declare([(zhao.psnNo, "8000.00"), (qian.psnNo, "3000.00")])
            #expect(declared.status == .created, "\(declared.body)")
            let locked = try #require(declared.json["items"] as? [[String: Any]])
            #expect(locked.map { $0["base"] as? String } == ["8000.00", "4000.00"])
            #expect(locked.map { $0["adjustment"] as? String } == ["none", "raised_to_floor"])
            #expect(try await declare([(zhao.psnNo, "9000.00")]).code == "CONTRIBUTION_BASE_LOCKED")
            let bases = try await client.send(.get, "/api/employers/\(region)/\(a)/bases?year=2025", auth: unit)
            #expect((bases.json["items"] as? [[String: Any]])?.count == 2)
            #expect(try await client.send(.post, "/api/employers/\(region)/\(b)/bases", body: #"{"year":2025,"bases":[{"psn_no":"\#(sun.psnNo)","declared":"5000.00"}]}"#,
                                          auth: admin).status == .created)

            // The agency bills March; the unit reads its bills, one employee's record, its payments and arrears.
            #expect(try await client.send(.post, "/api/regions/\(region)/billing-runs", body: #"{"month":"2025-03"}"#, auth: unit).code == "FORBIDDEN_ROLE")
            #expect(try await client.send(.post, "/api/regions/\(region)/billing-runs", body: #"{"month":"2025-03"}"#, auth: admin).json["billed"] as? Int == 3)
            let bills = try await client.send(.get, "/api/employers/\(region)/\(a)/bills?month=2025-03", auth: unit)
            #expect(bills.json["employer_share"] as? String == "1080.00")
            #expect(bills.json["individual_share"] as? String == "240.00")
            #expect(bills.json["total"] as? String == "1320.00")
            #expect((bills.json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.sorted() == ["赵一", "钱二"].sorted())
            let record = try await client.send(.get, "/api/employers/\(region)/\(a)/bills?from=2025-01&through=2025-12&psn_no=\(zhao.psnNo)", auth: unit)
            #expect((record.json["items"] as? [[String: Any]])?.map { $0["total"] as? String } == ["880.00"])
            let statement = "payer,amount,paid_on\n\(aCode),1000.00,2025-04-10\n"
            #expect(try await client.send(.post, "/api/regions/\(region)/payment-statements?statement=BANK-1", body: statement, auth: unit,
                                          contentType: "text/csv").code == "FORBIDDEN_ROLE")
            #expect(try await client.send(.post, "/api/regions/\(region)/payment-statements?statement=BANK-1", body: statement, auth: admin,
                                          contentType: "text/csv").status == .ok)
            let payments = try await client.send(.get, "/api/employers/\(region)/\(a)/payments", auth: unit)
            #expect((payments.json["items"] as? [[String: Any]])?.map { $0["amount"] as? String } == ["1000.00"])
            let arrears = try await client.send(.get, "/api/employers/\(region)/\(a)/arrears?on=2025-05-10", auth: unit)
            #expect(arrears.json["outstanding"] as? String == "320.00")
            #expect(arrears.json["late_fees"] as? String == "1.60")
            #expect(try await client.send(.post, "/api/employers/\(region)/\(a)/wage-totals", body: #"{"year":2025,"wage_total":"132000.00"}"#,
                                          auth: unit).status == .created)

            // Nothing of the agency's, of persons (even its own employees' person records) or of the region's lists.
            for (method, address, body): (HTTPRequest.Method, String, String?) in [
                (.get, "/api/employers?admdvs=\(region)", nil), (.get, "/api/persons/\(zhao.psnNo)/arrears?on=2025-05-10", nil),
                (.get, "/api/regions/\(region)/collection-kpis?month=2025-03", nil), (.get, "/api/regions/\(region)/payments/unallocated", nil),
                (.get, "/api/regions/\(region)/back-payments", nil),
            ] {
                let refused = try await client.send(method, address, body: body, auth: unit)
                #expect(refused.status == .forbidden && refused.code == "FORBIDDEN_SCOPE", "\(address)")
            }
            for (method, address, body): (HTTPRequest.Method, String, String?) in [
                (.get, "/api/persons/\(zhao.psnNo)", nil), (.post, "/api/employers", #"{"admdvs":"\#(region)","credit_code":"x","name":"x","kind":"x"}"#),
                (.get, "/api/persons/\(zhao.psnNo)/account-statement?from=2025-01-01&through=2025-12-31", nil),
                (.post, "/api/regions/\(region)/refunds/1/approve", "{}"), (.get, "/api/audit", nil),
            ] {
                let refused = try await client.send(method, address, body: body, auth: unit)
                #expect(refused.status == .forbidden && refused.code == "FORBIDDEN_ROLE", "\(address)")
                #expect((refused.json["message"] as? String)?.hasPrefix("角色“参保单位经办人”无权") == true)
            }
            // The published reference set stays readable.
            #expect(try await client.send(.get, "/api/policies/in-force?admdvs=\(region)&insutype=310&on=2025-03-01", auth: unit).status == .ok)
        }
    }
}
