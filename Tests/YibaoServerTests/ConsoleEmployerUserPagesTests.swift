import Foundation
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The console for an employer's own user: it lands on its employer's page, its menu holds that page and the
/// public reference pages, it imports its roster changes and downloads its statement, and every other
/// employer's page, the region's lists and the agency's pages are a 403 page.
@Suite struct ConsoleEmployerUserPagesTests {
    @Test(arguments: TestBackend.all)
    func anEmployerUserWorksOnItsOwnEmployerPageOnly(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let region = LiveServer.Client.municipal
            let admin = try await client.municipalAdmin()
            let (a, _) = try await client.registerEmployer(region: region, organisation: "MA1CQN001", name: "甲公司", auth: admin)
            let (b, _) = try await client.registerEmployer(region: region, organisation: "MA1CQN002", name: "乙公司", auth: admin)
            let user = #"{"username":"unit-a","role":"employer_user","admdvs":"\#(region)","employer_id":"\#(a)","password":"\#(DemoData.password)"}"#
            #expect(try await client.send(.post, "/api/users", body: user, auth: admin).status == .created)
            let zhao = try await client.municipalPerson("赵一", sequence: 21, auth: admin)
            let qian = try await client.municipalPerson("钱二", sequence: 23, auth: admin)
            let hire = #"{"kind":"hire","psn_no":"\#(qian.psnNo)","month":"2025-01"}"#
            #expect(try await client.send(.post, "/api/employers/\(region)/\(b)/roster", body: hire, auth: admin).status == .noContent)

            let unit = try await client.firstSignIn("unit-a")
            #expect(try await client.send(.get, "/", auth: unit).headers[.location] == "/company")
            let company = try await client.send(.get, "/company", auth: unit)
            #expect(company.status == .seeOther && company.headers[.location] == "/employers/\(region)/\(a)")

            // It imports its hires on its own page, as a job of its own.
            let empty = try await client.send(.get, "/employers/\(region)/\(a)?month=2025-01", auth: unit)
            #expect(empty.status == .ok)
            #expect(ConsolePagesTests.menu(empty.body) == ["/company", "/policies", "/calculator"])
            #expect(empty.body.contains("id=\"roster-import\"") && empty.body.contains("甲公司") && !empty.body.contains("乙公司"))
            let token = try #require(ConsolePagesTests.csrf(empty.body))
            let csv = "kind,certno,month\n增员,\(zhao.certno),2025-01\n".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let imported = try await ConsoleRecordsPagesTests.finish(
                client, try await client.send(.post, "/employers/\(region)/\(a)/roster-import", body: "csrf=\(token)&csv=\(csv)", auth: unit,
                                              contentType: LiveServer.form), auth: unit)
            #expect(imported.contains("已导入 1 条增减员记录。"))
            let page = try await client.send(.get, "/employers/\(region)/\(a)?month=2025-01", auth: unit)
            #expect(page.body.contains("参保名单（1 人）") && page.body.contains("赵一"))
            #expect(page.body.contains("<code>\(ConsoleRecordsPagesTests.masked(zhao.certno))</code>") && !page.body.contains(zhao.certno))
            #expect(!page.body.contains("href=\"/persons/"), "no person pages for an employer")
            #expect(page.body.contains("href=\"/employers/\(region)/\(a)/statement.csv?from=2025-01&amp;through=2025-01\""))

            // Its statement: the bills the agency ran, with the employee's name.
            _ = try await client.send(.post, "/api/employers/\(region)/\(a)/bases", body: #"{"year":2025,"bases":[{"psn_no":"\#(zhao.psnNo)","declared":"8000.00"}]}"#,
                                      auth: unit)
            #expect(try await client.send(.post, "/api/regions/\(region)/billing-runs", body: #"{"month":"2025-01"}"#, auth: admin).status == .ok)
            let download = try await client.send(.get, "/employers/\(region)/\(a)/statement.csv?from=2025-01&through=2025-03", auth: unit)
            #expect(download.status == .ok && download.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = download.body.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "\u{FEFF}费款所属期,人员编号,姓名,单位缴纳（元）,个人缴纳（元）,合计（元）,已缴（元）,缴费截止日,结清日期")
            #expect(lines.dropFirst() == ["2025-01,\(zhao.psnNo),赵一,720.00,160.00,880.00,0.00,2025-02-15,"])

            // Another employer, the region's lists and the agency's pages: 403 pages that say why.
            for address in ["/employers/\(region)/\(b)?month=2025-01", "/employers/\(region)/\(b)/statement.csv?from=2025-01&through=2025-01",
                            "/employers", "/persons", "/persons/\(zhao.psnNo)", "/payments", "/dashboard", "/audit", "/settlements", "/me",
                            "/institution"] {
                let refused = try await client.send(.get, address, auth: unit)
                #expect(refused.status == .forbidden, "\(address)")
                #expect(!refused.body.contains("乙公司") && !refused.body.contains("钱二"), "\(address)")
            }
            let other = try await client.send(.get, "/employers/\(region)/\(b)?month=2025-01", auth: unit)
            #expect(other.body.contains("FORBIDDEN_SCOPE") && other.body.contains("只能办理本单位"))
            let otherImport = try await client.send(.post, "/employers/\(region)/\(b)/roster-import", body: "csrf=\(token)&csv=\(csv)", auth: unit,
                                                    contentType: LiveServer.form)
            #expect(otherImport.status == .forbidden && otherImport.body.contains("FORBIDDEN_SCOPE"))
            #expect(try await client.send(.get, "/policies?admdvs=\(region)", auth: unit).status == .ok)
        }
    }
}
