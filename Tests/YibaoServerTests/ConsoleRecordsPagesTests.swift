import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The console's record pages over real HTTP on both backends: person search and page, a stored
/// settlement's breakdown and explanation, the institution portal with cancel, insured self-service
/// (and nothing of anyone else), employers with the CSV roster import as a job, and statement imports.
@Suite struct ConsoleRecordsPagesTests {
    /// HISOutpatientTests' visit (2026-11-20, `HISClient.outpatientLines`): 71.00 in total, 25.00 fully
    /// self-paid (class C), 6.00 above the ceiling, 40.00 in scope; no pooled fund for Xiamen
    /// outpatients, the account pays 46.00, cash 25.00; 张伟's balance 3,000.00 → 2,954.00.
    static func settleOutpatient(_ his: HISClient, _ name: String, msgid: String = UUID().uuidString) async throws -> (psn: String, setlID: String) {
        let psn = try await his.psnNo(name)
        let mdtrt = try await his.register(psn)
        let upload = try await his.call("2204", #"{"feedetail":[\#(HISClient.outpatientLines(mdtrt, psn).joined(separator: ","))]}"#)
        try #require(upload.infcode == 0, "\(upload.text)")
        let settled = try await his.call("2207", #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":71.00,"insutype":"310"}}"#,
                                         msgid: msgid)
        try #require(settled.infcode == 0, "\(settled.text)")
        return (psn, try #require(settled.setl("setl_id")))
    }

    static func masked(_ certno: String) -> String { String(certno.prefix(6)) + "********" + String(certno.suffix(4)) }

    /// Follows a console job's page until it stops reloading itself, and returns its final page.
    static func finish(_ client: LiveServer.Client, _ reply: LiveServer.Client.Reply, auth: String) async throws -> String {
        #expect(reply.status == .seeOther)
        let location = try #require(reply.headers[.location])
        #expect(location.hasPrefix("/jobs/job_"))
        for _ in 0..<100 {
            let page = try await client.send(.get, location, auth: auth)
            #expect(page.status == .ok)
            if !page.body.contains("http-equiv=\"refresh\"") { return page.body }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("job \(location) did not finish")
    }

    @Test(arguments: TestBackend.all)
    func personSearchFindsByNameNumberAndMaskedIdentity(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let certno = try #require(DemoData.insuredCertno("张伟"))
            let analyst = try await client.signIn("analyst")
            let byName = try await client.send(.get, "/persons?q=%E5%BC%A0", auth: analyst)   // 张
            #expect(byName.status == .ok)
            #expect(byName.body.contains(">张伟</td>"))
            // The analyst may not see identity numbers in full: the list shows them masked.
            #expect(byName.body.contains("<code>\(Self.masked(certno))</code>"))
            #expect(!byName.body.contains(certno))
            let psn = try #require(byName.body.components(separatedBy: "<a href=\"/persons/").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
            for q in [Self.masked(certno).replacingOccurrences(of: "*", with: "%2A"), certno, psn] {
                let found = try await client.send(.get, "/persons?q=\(q)", auth: analyst)
                #expect(found.body.contains("<a href=\"/persons/\(psn)\">"), "search by \(q)")
                #expect(found.body.contains("找到 1 人"))
            }
            let part = try await client.send(.get, "/persons?q=%E5%BB%BA%E5%9B%BD", auth: analyst)   // 建国
            #expect(part.body.contains(">王建国</td>"))
            // Benxi's 赵丽 is outside Xiamen: not found, and her page is refused by scope.
            let foreign = try await client.send(.get, "/persons?q=%E8%B5%B5%E4%B8%BD", auth: analyst)   // 赵丽
            #expect(foreign.body.contains("没有符合条件的参保人"))
            let benxi = try await client.signIn("benxi-admin")
            let zhao = try await client.send(.get, "/persons?q=%E8%B5%B5%E4%B8%BD", auth: benxi)
            let zhaoPsn = try #require(zhao.body.components(separatedBy: "<a href=\"/persons/").dropFirst().first.map { String($0.prefix { $0 != "\"" }) })
            let refused = try await client.send(.get, "/persons/\(zhaoPsn)", auth: analyst)
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("FORBIDDEN_SCOPE"))

            // The enrolment clerk may read identity numbers in full; the page shows the number itself.
            let clerk = try await client.signIn("enrol")
            #expect(try await client.send(.get, "/persons/\(psn)", auth: clerk).body.contains("<code id=\"person-certno\">\(certno)</code>"))
            let masked = try await client.send(.get, "/persons/\(psn)", auth: analyst)
            #expect(masked.body.contains("<code id=\"person-certno\">\(Self.masked(certno))</code>"))
            #expect(!masked.body.contains(certno))

            // Who may not search: the fund accountant holds no person.read; an institution user's
            // role does, but the page is the agency's.
            let fund = try await client.signIn("fund")
            let noRole = try await client.send(.get, "/persons", auth: fund)
            #expect(noRole.status == .forbidden && noRole.body.contains("FORBIDDEN_ROLE"))
            let hospital = try await client.signIn("hospital")
            let noPage = try await client.send(.get, "/persons/\(psn)", auth: hospital)
            #expect(noPage.status == .forbidden && noPage.body.contains("FORBIDDEN_PAGE"))
            #expect(try await client.send(.get, "/persons/123", auth: analyst).status == .notFound)
        }
    }

    @Test(arguments: TestBackend.all)
    func personPageShowsEligibilityContributionsAccountAndSettlements(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let (psn, setlID) = try await Self.settleOutpatient(his, "张伟")
            // A month billed to 张伟 alone and left unpaid: 2025-01, 200.00 due 2025-02-15.
            _ = try await client.database.write { db in
                try await ContributionBillRepository.insert(ContributionBill(
                    admdvs: "350200", employerID: 0, psnNo: Int64(psn)!, month: "2025-01", employerShare: .zero,
                    individualShare: Money(fen: 20_000), dueDate: LocalDate(year: 2025, month: 2, day: 15)!), in: db)
            }
            let admin = try await client.signIn("admin")
            let before = try await client.send(.get, "/persons/\(psn)?on=2025-02-10", auth: admin)
            #expect(before.status == .ok)
            #expect(before.body.contains("2025-02-10 正常享受医保待遇"))
            #expect(before.body.contains("<td>参保</td><td>350200 · 310 职工基本医疗保险 · 在职职工</td>"))
            let page = try await client.send(.get, "/persons/\(psn)?on=2025-03-01&from=2000-01-01&through=2099-12-31", auth: admin)
            // Unpaid since the day after the due date: no fund pays meanwhile, and the reason says so.
            #expect(page.body.contains("2025-03-01 不能享受统筹基金待遇"))
            #expect(page.body.contains("自 2025-02-16 起欠费"))
            #expect(page.body.contains("<td class=\"num\" id=\"arrears-total\">200.00</td>"))
            #expect(page.body.contains("<td>2025-01</td><td>个人缴费</td><td class=\"num\">0.00</td><td class=\"num\">200.00</td>\n"
                + "<td class=\"num\">200.00</td><td class=\"num\">0.00</td><td class=\"nowrap\">2025-02-15</td><td class=\"nowrap\">未结清</td>"))
            // Account: opened with 3,000.00, 46.00 paid at the settlement → 2,954.00.
            #expect(page.body.contains("<dd class=\"num\" id=\"balance-total\">2,954.00</dd>"))
            #expect(page.body.contains("<td>开户余额</td><td>一级账户</td><td class=\"num\">3,000.00</td>"))
            #expect(page.body.contains("<td>就医结算支付</td><td>一级账户</td><td class=\"num\">-46.00</td>"))
            #expect(page.body.contains("<td class=\"num\" id=\"statement-closing\">2,954.00</td>"))
            #expect(page.body.contains("<a href=\"/settlements/\(setlID)\">\(setlID)</a>"))
            #expect(page.body.contains("<td class=\"num\">71.00</td><td class=\"num\">0.00</td><td class=\"num\">46.00</td><td class=\"num\">25.00</td><td>已结算</td>"))
            // The claims reviewer holds no contribution.read or account.read: those parts are left out.
            let reviewer = try await client.signIn("review")
            let partial = try await client.send(.get, "/persons/\(psn)", auth: reviewer)
            #expect(partial.status == .ok)
            #expect(!partial.body.contains("id=\"h-contributions\"") && !partial.body.contains("id=\"h-account\""))
            #expect(partial.body.contains("id=\"h-coverage\"") && partial.body.contains("id=\"h-settlements\""))
            let bad = try await client.send(.get, "/persons/\(psn)?on=2025-13-01", auth: admin)
            #expect(bad.status == .badRequest && bad.body.contains("<code>on</code>"))
        }
    }

    @Test(arguments: TestBackend.all)
    func aSettlementOpensToItsBreakdownAndTheInstitutionMayCancelIt(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let (psn, setlID) = try await Self.settleOutpatient(his, "张伟")
            let reviewer = try await client.signIn("review")
            let page = try await client.send(.get, "/settlements/\(setlID)", auth: reviewer)
            #expect(page.status == .ok)
            #expect(ConsolePagesTests.field(page.body, "medfee_sumamt") == "71.00")
            #expect(ConsolePagesTests.field(page.body, "fulamt_ownpay_amt") == "25.00")
            #expect(ConsolePagesTests.field(page.body, "overlmt_selfpay") == "6.00")
            #expect(ConsolePagesTests.field(page.body, "acct_pay") == "46.00")
            #expect(ConsolePagesTests.field(page.body, "psn_cash_pay") == "25.00")
            #expect(ConsolePagesTests.field(page.body, "balc") == "2,954.00")
            // Plain Chinese label with the English one alongside.
            #expect(page.body.contains("<th scope=\"row\">个人账户支出</th><td class=\"muted\" lang=\"en\">personal account pays</td>"))
            #expect(page.body.contains("<ol id=\"explanation\"><li>"))
            #expect(page.body.contains("<a href=\"/persons/\(psn)\">张伟</a>"))
            #expect(!page.body.contains("id=\"cancel-form\""), "agency staff do not cancel")
            let english = try await client.send(.get, "/settlements/\(setlID)?lang=en", auth: reviewer)
            #expect(english.body.contains("<th scope=\"row\">personal account pays</th><td class=\"muted\" lang=\"zh-CN\">个人账户支出</td>"))

            // The institution portal: the day's totals and list, then the cancel.
            let hospital = try await client.signIn("hospital")
            let days = try await client.send(.get, "/settlements?from=2026-11-01&through=2026-11-30&day=2026-11-20", auth: hospital)
            #expect(days.status == .ok)
            #expect(days.body.contains("<td class=\"num\">1</td><td class=\"num\">0</td>\n<td class=\"num\">71.00</td><td class=\"num\">0.00</td><td class=\"num\">46.00</td><td class=\"num\">25.00</td>"))
            #expect(days.body.contains("<a href=\"/settlements/\(setlID)\">"))
            let own = try await client.send(.get, "/settlements/\(setlID)", auth: hospital)
            #expect(own.body.contains("id=\"cancel-form\""))
            let token = try #require(ConsolePagesTests.csrf(own.body))
            #expect(try await client.send(.post, "/settlements/\(setlID)/cancel", body: "csrf=x", auth: hospital, contentType: LiveServer.form).status == .forbidden)
            #expect(try await his.balance(psn) == 295_400)

            // Another institution's user can neither read nor cancel it.
            let admin = try await client.signIn("admin")
            let created = try await client.send(.post, "/api/users", body: #"{"username":"clinic","role":"institution_user","admdvs":"350200","fixmedins_code":"H35020000002","password":"DemoDemo2025"}"#, auth: admin)
            #expect(created.status == .created)
            let clinic = try await client.firstSignIn("clinic")
            #expect(try await client.send(.get, "/settlements/\(setlID)", auth: clinic).status == .forbidden)
            let clinicToken = try #require(ConsolePagesTests.csrf(try await client.send(.get, "/settlements", auth: clinic).body))
            let foreign = try await client.send(.post, "/settlements/\(setlID)/cancel", body: "csrf=\(clinicToken)", auth: clinic, contentType: LiveServer.form)
            #expect(foreign.status == .forbidden && foreign.body.contains("FORBIDDEN_SCOPE"))

            let cancelled = try await client.send(.post, "/settlements/\(setlID)/cancel", body: "csrf=\(token)", auth: hospital, contentType: LiveServer.form)
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == "/settlements/\(setlID)?cancelled=1")
            let after = try await client.send(.get, "/settlements/\(setlID)?cancelled=1", auth: hospital)
            #expect(after.body.contains("id=\"notice\""))
            #expect(after.body.contains("<dd id=\"settlement-status\">已撤销（"))
            #expect(!after.body.contains("id=\"cancel-form\""))
            #expect(try await his.balance(psn) == 300_000, "the account gets its 46.00 back")
            let again = try await client.send(.post, "/settlements/\(setlID)/cancel", body: "csrf=\(token)", auth: hospital, contentType: LiveServer.form)
            #expect(again.status == .conflict)
            #expect(again.body.contains("SETTLEMENT_CANCELLED"))
            let totals = try await client.send(.get, "/settlements?from=2026-11-01&through=2026-11-30", auth: hospital)
            #expect(totals.body.contains("<td class=\"num\">0</td><td class=\"num\">1</td>\n<td class=\"num\">0.00</td>"))
            // Agency staff and the insured do not get the institution's list.
            #expect(try await client.send(.get, "/settlements", auth: reviewer).status == .forbidden)
        }
    }

    @Test(arguments: TestBackend.all)
    func anInsuredPersonSeesOnlyTheirOwnRecords(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let his = try await HISClient.make(client)
            let (psn, own) = try await Self.settleOutpatient(his, "张伟")
            let (otherPsn, other) = try await Self.settleOutpatient(his, "李娜")
            let admin = try await client.signIn("admin")
            let created = try await client.send(.post, "/api/users", body: #"{"username":"zhangwei","role":"insured_person","admdvs":"350200","psn_no":\#(psn),"password":"DemoDemo2025"}"#, auth: admin)
            #expect(created.status == .created, "\(created.body)")
            let me = try await client.firstSignIn("zhangwei")
            let root = try await client.send(.get, "/", auth: me)
            #expect(root.headers[.location] == "/me")
            let page = try await client.send(.get, "/me", auth: me)
            #expect(page.status == .ok)
            #expect(ConsolePagesTests.menu(page.body) == ["/me", "/policies", "/calculator"])
            #expect(page.body.contains("<dd id=\"person-name\">张伟</dd>"))
            #expect(page.body.contains("<dd class=\"num\" id=\"balance-total\">2,954.00</dd>"))
            #expect(page.body.contains("<a href=\"/settlements/\(own)\">"))
            #expect(!page.body.contains(other) && !page.body.contains("李娜"))
            // Their own settlement opens; nothing of anyone else does, whichever address is tried.
            let mine = try await client.send(.get, "/settlements/\(own)", auth: me)
            #expect(mine.status == .ok && ConsolePagesTests.field(mine.body, "acct_pay") == "46.00")
            #expect(mine.body.contains("<a href=\"/me\">张伟</a>"))
            let theirs = try await client.send(.get, "/settlements/\(other)", auth: me)
            #expect(theirs.status == .forbidden && theirs.body.contains("FORBIDDEN_SCOPE") && !theirs.body.contains("李娜"))
            for address in ["/persons/\(otherPsn)", "/persons/\(psn)", "/persons?q=%E6%9D%8E", "/employers", "/settlements", "/dashboard"] {
                #expect(try await client.send(.get, address, auth: me).status == .forbidden, "\(address)")
            }
            #expect(try await client.send(.get, "/api/persons/\(otherPsn)/account-statement?from=2026-01-01&through=2026-12-31", auth: me).status == .forbidden)
        }
    }

    @Test(arguments: TestBackend.all)
    func employerPagesAndTheRosterImportReportEveryBadLine(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let (id, code) = try await client.registerEmployer(organisation: "MA1RTE002", name: "厦门演示科技有限公司")
            let clerk = try await client.signIn("enrol")
            let list = try await client.send(.get, "/employers", auth: clerk)
            #expect(list.body.contains("<a href=\"/employers/350200/\(id)\">厦门演示科技有限公司</a>"))
            let page = try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: clerk)
            #expect(page.status == .ok && page.body.contains("id=\"roster-import\""))
            let token = try #require(ConsolePagesTests.csrf(page.body))

            let zhang = try #require(DemoData.insuredCertno("张伟"))
            let li = try #require(DemoData.insuredCertno("李娜"))
            let wang = try #require(DemoData.insuredCertno("王建国"))
            let csv = "kind,certno,month\n增员,\(zhang),2025-01\n增员,\(li),2025-01\n增员,\(String(wang.prefix(17)) + (wang.last == "0" ? "1" : "0")),2025-01\n"
            func post(_ body: String) async throws -> String {
                let reply = try await client.send(.post, "/employers/350200/\(id)/roster-import", body: body, auth: clerk, contentType: LiveServer.form)
                return try await Self.finish(client, reply, auth: clerk)
            }
            let encoded = csv.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let report = try await post("csrf=\(token)&csv=\(encoded)")
            #expect(report.contains("发现 1 处问题，未导入任何记录"))
            #expect(report.contains("<tr><td class=\"num\">4</td><td><code>certno</code></td>"))
            #expect(report.contains("id=\"job-retry\""))
            #expect(report.contains("仅导入正确的 2 行"))
            #expect(try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: clerk).body.contains("参保名单（0 人）"))
            // The clerk chooses to import the good lines.
            let written = try await post("csrf=\(token)&skip_invalid=1&csv=\(encoded)")
            #expect(written.contains("已导入 2 条增减员记录，跳过 1 处问题"))
            let roster = try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: clerk)
            #expect(roster.body.contains("参保名单（2 人）"))
            #expect(roster.body.contains("<code>\(zhang)</code>"), "the clerk may see identity numbers in full")
            // A file chosen in the form arrives as multipart/form-data; a spreadsheet's byte-order mark
            // and CRLF line ends are fine. 李娜 leaves from February.
            let boundary = "----yibao-test-boundary"
            let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"csv_file\"; filename=\"roster.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "\u{FEFF}kind,certno,month\r\n减员,\(li),2025-02\r\n\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n\r\n--\(boundary)--\r\n"
            let uploaded = try await Self.finish(client, try await client.send(.post, "/employers/350200/\(id)/roster-import", body: multipart,
                                                                               auth: clerk, contentType: "multipart/form-data; boundary=\(boundary)"), auth: clerk)
            #expect(uploaded.contains("已导入 1 条增减员记录。"))
            #expect(try await client.send(.get, "/employers/350200/\(id)?month=2025-02", auth: clerk).body.contains("参保名单（1 人）"))
            let analyst = try await client.signIn("analyst")
            let read = try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: analyst)
            #expect(read.body.contains("<code>\(Self.masked(zhang))</code>") && !read.body.contains(zhang))
            #expect(!read.body.contains("id=\"roster-import\""), "no import form without employer.write")
            let analystToken = try #require(ConsolePagesTests.csrf(read.body))
            let refused = try await client.send(.post, "/employers/350200/\(id)/roster-import", body: "csrf=\(analystToken)&csv=x", auth: analyst, contentType: LiveServer.form)
            #expect(refused.status == .forbidden && refused.body.contains("FORBIDDEN_ROLE"))
            // A job is its starter's alone.
            let jobReply = try await client.send(.post, "/employers/350200/\(id)/roster-import", body: "csrf=\(token)&csv=\(encoded)", auth: clerk, contentType: LiveServer.form)
            let job = try #require(jobReply.headers[.location])
            #expect(try await client.send(.get, job, auth: analyst).status == .forbidden)
            #expect(try await client.send(.get, "/jobs/job_nothing", auth: clerk).status == .notFound)
            #expect(try await client.send(.get, "/employers", auth: try await client.signIn("hospital")).status == .forbidden)

            // A bank statement imported from the console pays the employer's bill; it shows on its page.
            try await client.database.write { db in
                let psn = try #require(try await PersonRepository.find(certno: zhang, in: db).first).psnNo
                try await ContributionBillRepository.insert(ContributionBill(
                    admdvs: "350200", employerID: Int64(id)!, psnNo: psn, month: "2025-01", employerShare: Money(fen: 60_000),
                    individualShare: Money(fen: 20_000), dueDate: LocalDate(year: 2025, month: 2, day: 15)!), in: db)
            }
            let collector = try await client.signIn("collect")
            let paymentsPage = try await client.send(.get, "/payments", auth: collector)
            #expect(paymentsPage.status == .ok)
            let collectToken = try #require(ConsolePagesTests.csrf(paymentsPage.body))
            let statement = "payer,amount,paid_on\n\(code),500.00,2025-02-10\n\(code),abc,2025-02-10\n"
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let stopped = try await Self.finish(client, try await client.send(.post, "/payments/import", body: "csrf=\(collectToken)&statement=BANK-1&csv=\(statement)", auth: collector, contentType: LiveServer.form), auth: collector)
            #expect(stopped.contains("发现 1 处问题，未导入任何行") && stopped.contains("<code>amount</code>"))
            let imported = try await Self.finish(client, try await client.send(.post, "/payments/import", body: "csrf=\(collectToken)&statement=BANK-1&skip_invalid=1&csv=\(statement)", auth: collector, contentType: LiveServer.form), auth: collector)
            #expect(imported.contains("已导入 1 行，冲抵 500.00 元"))
            let paid = try await client.send(.get, "/employers/350200/\(id)?month=2025-01", auth: collector)
            // 800.00 billed, 500.00 paid: 300.00 still open and overdue.
            #expect(paid.body.contains("<td>BANK-1</td><td class=\"num\">2</td><td class=\"nowrap\">2025-02-10</td><td class=\"num\">500.00</td><td class=\"num\">0.00</td>"))
            #expect(paid.body.contains("<td class=\"num\" id=\"employer-arrears-total\">300.00</td>"))
        }
    }
}
