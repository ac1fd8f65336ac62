import Foundation
import Testing
import YibaoStore
import YibaoTestSupport

/// The web console over real HTTP on both backends: role menus and home pages, deny by default with
/// a 403 page, CSRF refusals, the sign-in form sharing the API's session, policy tables, the
/// calculator with hand-computed figures, charts with CSV, and the language switch.
@Suite struct ConsolePagesTests {
    /// The `href`s of the menu, in order.
    static func menu(_ html: String) -> [String] {
        guard let start = html.range(of: "<ul class=\"menu\">"), let end = html.range(of: "</ul>", range: start.upperBound..<html.endIndex) else {
            return []
        }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "href=\"").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
    }

    /// The value of the first hidden `csrf` field of a page.
    static func csrf(_ html: String) -> String? {
        html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
    }

    /// The amount cell of a national field on a settlement breakdown (calculator or stored settlement).
    static func field(_ html: String, _ name: String) -> String? {
        html.components(separatedBy: "<code>\(name)</code></td><td class=\"num\">").dropFirst().first.map { String($0.prefix { $0 != "<" }) }
    }

    @Test(arguments: TestBackend.all)
    func eachRoleLandsOnItsHomeAndSeesOnlyItsMenu(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            // Hand-written from Role.permissions: audit.read only for administrator and auditor;
            // employer.read not for the auditor; contribution.reconcile (statement imports) for the
            // administrator, collection clerk and fund accountant; the dashboard, persons and employers for agency roles; the
            // institution page and its settlements for institution users.
            let expected: [(String, String, [String])] = [
                ("admin", "/dashboard", ["/dashboard", "/persons", "/employers", "/payments", "/policies", "/calculator", "/audit", "/users"]),
                ("enrol", "/dashboard", ["/dashboard", "/persons", "/employers", "/policies", "/calculator"]),
                ("analyst", "/dashboard", ["/dashboard", "/persons", "/employers", "/policies", "/calculator"]),
                ("auditor", "/audit", ["/dashboard", "/persons", "/policies", "/calculator", "/audit"]),
                ("fund", "/dashboard", ["/dashboard", "/payments", "/policies", "/calculator"]),
                ("hospital", "/institution", ["/institution", "/settlements", "/policies", "/calculator"]),
            ]
            for (user, home, menu) in expected {
                let session = try await client.signIn(user)
                let root = try await client.send(.get, "/", auth: session)
                #expect(root.status == .seeOther)
                #expect(root.headers[.location] == home, "\(user) lands on \(home)")
                let page = try await client.send(.get, home, auth: session)
                #expect(page.status == .ok)
                #expect(Self.menu(page.body) == menu, "menu of \(user)")
            }
            let anonymous = try await client.send(.get, "/")
            #expect(anonymous.headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestBackend.all)
    func aForbiddenPageIsA403ThatSaysWhy(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let clerk = try await client.signIn("enrol")
            let audit = try await client.send(.get, "/audit", auth: clerk)
            #expect(audit.status == .forbidden)
            #expect(audit.body.contains("FORBIDDEN_ROLE"))
            #expect(audit.body.contains("无权查看操作日志"))
            #expect(audit.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await client.send(.get, "/dashboard/audit-per-day.csv", auth: clerk).status == .forbidden)

            let hospital = try await client.signIn("hospital")
            #expect(try await client.send(.get, "/dashboard", auth: hospital).status == .forbidden)
            // The Xiamen administrator may not read Benxi's policies (neither above nor below 350200).
            let admin = try await client.signIn("admin")
            let foreign = try await client.send(.get, "/policies?admdvs=210500", auth: admin)
            #expect(foreign.status == .forbidden)
            #expect(foreign.body.contains("FORBIDDEN_SCOPE"))
            // Without a session every page sends the visitor to sign in.
            let anonymous = try await client.send(.get, "/audit")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestBackend.all)
    func formPostsWithoutTheSessionTokenAreRefused(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let auditor = try await client.signIn("auditor")
            let form = "application/x-www-form-urlencoded"
            let missing = try await client.send(.post, "/audit/verify", body: "", auth: auditor, contentType: form)
            #expect(missing.status == .forbidden)
            #expect(missing.body.contains("CSRF_TOKEN_INVALID"))
            // A token of another session is refused too.
            let other = try await client.send(.get, "/audit", auth: try await client.signIn("admin"))
            let foreignToken = try #require(Self.csrf(other.body))
            let forged = try await client.send(.post, "/audit/verify", body: "csrf=\(foreignToken)", auth: auditor, contentType: form)
            #expect(forged.status == .forbidden)

            let page = try await client.send(.get, "/audit", auth: auditor)
            let token = try #require(Self.csrf(page.body))
            let verified = try await client.send(.post, "/audit/verify", body: "csrf=\(token)", auth: auditor, contentType: form)
            #expect(verified.status == .ok)
            #expect(verified.body.contains("哈希链完整"))

            // Sign-out is a form post as well: refused without the token, and the session stays valid.
            #expect(try await client.send(.post, "/signout", body: "csrf=x", auth: auditor, contentType: form).status == .forbidden)
            #expect(try await client.send(.get, "/audit", auth: auditor).status == .ok)
            let out = try await client.send(.post, "/signout", body: "csrf=\(token)", auth: auditor, contentType: form)
            #expect(out.status == .seeOther)
            #expect(try await client.send(.get, "/audit", auth: auditor).headers[.location] == "/signin")
        }
    }

    @Test(arguments: TestBackend.all)
    func theSignInFormGivesTheAPISession(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let form = try await client.send(.get, "/signin")
            #expect(form.status == .ok)
            let token = try #require(Self.csrf(form.body))
            let cookie = "yibao_csrf=\(token)"
            let body = { (password: String) in "csrf=\(token)&username=hospital&password=\(password)" }
            let noCookie = try await client.send(.post, "/signin", body: body("DemoDemo2025"), contentType: "application/x-www-form-urlencoded")
            #expect(noCookie.status == .forbidden)

            let wrong = try await client.send(.post, "/signin", body: body("wrong-password"), auth: cookie, contentType: "application/x-www-form-urlencoded")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("id=\"problem\""))
            #expect(wrong.body.contains("value=\"hospital\""))

            let right = try await client.send(.post, "/signin", body: body("DemoDemo2025"), auth: cookie, contentType: "application/x-www-form-urlencoded")
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/institution")
            let session = try #require(right.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(session.hasPrefix("yibao_session="))
            let me = try await client.send(.get, "/api/me", auth: session)
            #expect(me.json["fixmedins_code"] as? String == "H35020000001")
        }
    }

    @Test(arguments: TestBackend.all)
    func thePolicyPagesShowTablesHistoryAndDiff(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let page = try await client.send(.get, "/policies?admdvs=350200&insutype=310&on=2025-08-01", auth: admin)
            #expect(page.status == .ok)
            #expect(page.body.contains("<dd id=\"doc-id\">xiamen-employee-2025</dd>"))
            // Xiamen preset: deductible 5% of W per admission, pooled fund 85%, caps 53,000 and 8,000,
            // supplementary layer 90% up to 150,000.
            #expect(page.body.contains("<td class=\"num\">5% × W</td><td>每次住院</td>"))
            #expect(page.body.contains("<td class=\"num\">85%</td>"))
            #expect(page.body.contains("<td>统筹基金</td><td class=\"num\">53,000.00</td>"))
            #expect(page.body.contains("<td class=\"num\">90%</td><td class=\"num\">150,000.00</td>"))
            #expect(page.body.contains("<td class=\"nowrap\">2025-07-01</td>"))

            let published = try await client.send(.post, "/api/policies", body: PolicyFixtures.valid(id: "xm-310-2031", effectiveFrom: "2031-01-01"),
                                                  auth: admin, contentType: "application/yaml")
            #expect(published.status == .created)
            let later = try await client.send(.get, "/policies?admdvs=350200&insutype=310&on=2031-06-01", auth: admin)
            #expect(later.body.contains("<dd id=\"doc-id\">xm-310-2031</dd>"))
            #expect(later.body.contains("没有待遇支付（benefits）部分"))
            let before = try await client.send(.get, "/policies?admdvs=350200&insutype=310&on=2025-06-30", auth: admin)
            #expect(before.body.contains("id=\"no-policy\""))

            let diff = try await client.send(.get, "/policies/diff?a=xiamen-employee-2025&b=xm-310-2031", auth: admin)
            #expect(diff.status == .ok)
            #expect(diff.body.contains("<tr class=\"changed\"><td><code>title</code></td>"))
            #expect(diff.body.contains("<tr class=\"removed\"><td><code>benefits</code></td>"))
            let same = try await client.send(.get, "/policies/diff?a=xm-310-2031&b=xm-310-2031", auth: admin)
            #expect(same.body.contains("两个版本内容相同"))
            #expect(try await client.send(.get, "/policies/no-such-id", auth: admin).status == .notFound)
        }
    }

    @Test(arguments: TestBackend.all)
    func theCalculatorSettlesTheFormAndItsLinkReproducesIt(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let analyst = try await client.signIn("analyst")
            let query = "preset=xiamen-employee-2025&category=employee&date=2025-03-01&setting=inpatient&grade=grade3a"
                + "&code1=A1&class1=01&amount1=12000.00&code2=B1&class2=02&amount2=3000&run=1"
            let page = try await client.send(.get, "/calculator?" + query, auth: analyst)
            #expect(page.status == .ok)
            // Xiamen inpatient, benefit year from 2024-07-01 so W = 115,000.00; no class-B self-pay:
            // in scope 15,000.00; deductible 5% × 115,000 = 5,750.00; pooled fund 85% × 9,250.00 =
            // 7,862.50; the person pays 15,000.00 − 7,862.50 = 7,137.50 (no account balance).
            func field(_ name: String) -> String? { Self.field(page.body, name) }
            #expect(field("medfee_sumamt") == "15,000.00")
            #expect(field("act_pay_dedc") == "5,750.00")
            #expect(field("hifp_pay") == "7,862.50")
            #expect(field("pool_prop_selfpay") == "1,387.50")
            #expect(field("psn_cash_pay") == "7,137.50")
            #expect(page.body.contains("<th scope=\"row\">统筹基金支出</th>"))
            #expect(page.body.contains("起付线 5,750.00 元"))
            #expect(page.body.contains("href=\"/calculator?preset=xiamen-employee-2025&amp;category=employee"))

            let english = try await client.send(.get, "/calculator?" + query + "&lang=en", auth: analyst)
            #expect(english.body.contains("<th scope=\"row\">pooled fund pays</th>"))
            #expect(english.body.contains("deductible 5,750.00"))

            let bad = try await client.send(.get, "/calculator?preset=xiamen-employee-2025&date=2025-03-01&amount1=12x&run=1", auth: analyst)
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("<code>amount1</code>"))
            #expect(bad.body.contains("value=\"12x\""))
        }
    }

    @Test(arguments: TestBackend.all)
    func theDashboardDrawsChartsWithTablesAndCSV(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let page = try await client.send(.get, "/dashboard", auth: admin)
            #expect(page.body.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-chart\""))
            #expect(page.body.contains("<rect class=\"bar\""))
            #expect(page.body.contains("<polyline class=\"series\""))
            #expect(page.body.contains("<tr><td>厦门市</td><td class=\"num\">1</td></tr>"))
            let csv = try await client.send(.get, "/dashboard/policy-versions.csv", auth: admin)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body == "\u{FEFF}统筹区,版本数\r\n厦门市,1\r\n")
            // Every audit row of the region was written today by the demo load: the charts must count
            // what the audit API lists (18 rows before any person data: 1 region, 3 W, 3 institutions,
            // 10 users, 1 policy).
            let listed = try await client.send(.get, "/api/audit?limit=1000", auth: admin)
            let actions = try #require(listed.json["items"] as? [[String: Any]]).compactMap { $0["action"] as? String }
            #expect(actions.count >= 18)
            let perDay = try await client.send(.get, "/dashboard/audit-per-day.csv", auth: admin).body.split(separator: "\r\n")
            #expect(perDay.count == 15)
            #expect(perDay.last?.hasSuffix(",\(actions.count)") == true)
            let byAction = try await client.send(.get, "/dashboard/audit-by-action.csv", auth: admin).body.split(separator: "\r\n")
            #expect(byAction.first == "\u{FEFF}操作类型,操作数")
            #expect(byAction.contains("user.create,\(actions.filter { $0 == "user.create" }.count)"))
            #expect(byAction.contains("policy.publish,1"))
        }
    }

    @Test(arguments: TestBackend.all)
    func theLanguageSwitchIsRemembered(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let enrol = try await client.signIn("enrol")
            let chinese = try await client.send(.get, "/dashboard", auth: enrol)
            #expect(chinese.body.contains("<html lang=\"zh-CN\">"))
            #expect(chinese.body.contains("<a id=\"lang-switch\" href=\"/dashboard?lang=en\""))
            let switched = try await client.send(.get, "/dashboard?lang=en", auth: enrol)
            #expect(switched.body.contains("<html lang=\"en\">"))
            #expect(switched.body.contains(">Dashboard</a>"))
            #expect(switched.headers[.setCookie]?.hasPrefix("lang=en") == true)
            let remembered = try await client.send(.get, "/policies", auth: enrol + "; lang=en")
            #expect(remembered.body.contains("Version history"))
            #expect(!remembered.body.contains("版本历史"))
        }
    }
}
