import Testing
import YibaoTestSupport

/// The dashboard's figures of the user's region, as of a fixed day (`?on=`), checked against what the
/// demo region holds and what the test does to it.
@Suite struct ConsoleDashboardFiguresTests {
    /// Xiamen's five demo persons (张伟, 李娜, 林志强 employees; 王建国 retiree; 陈小红 migrant) are insured
    /// on 2026-11-20. 林志强's interruption from 2026-11-01 leaves two employees on the 20th but three on
    /// 2026-10-31.
    ///
    /// Bills for 2026-10: 张伟 and 李娜, 1,000.00 each (800.00 + 200.00); 张伟's 1,000.00 and 李娜's 500.00
    /// arrive: due 2,000.00, received 1,500.00, outstanding 500.00, rate 75.0%. November is not billed, so
    /// the chart as of 2026-11-20 shows October.
    ///
    /// Two outpatient settlements for 张伟 on 2026-11-20 (71.00 each; Xiamen's pool pays nothing for
    /// outpatient care), one of them cancelled: one settlement that day, fund 0.00.
    @Test(arguments: TestBackend.all)
    func figuresOfTheRegionAsOfADay(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            let admin = try await client.signIn("admin")
            let lin = try await RegistryHTTPTests.psnNo(client, "林志强")
            let interrupted = try await client.send(.post, "/api/persons/\(lin)/enrolment-events",
                                                    body: #"{"kind":"interrupt","date":"2026-11-01"}"#, auth: admin)
            #expect(interrupted.status.code < 300, "\(interrupted.body)")
            let insured = try await client.send(.get, "/dashboard/insured.csv?on=2026-11-20", auth: admin).body
            #expect(insured == "\u{FEFF}人员类别,人数\r\n在职职工,2\r\n退休人员,1\r\n外来从业人员,1\r\n")
            let before = try await client.send(.get, "/dashboard/insured.csv?on=2026-10-31", auth: admin).body
            #expect(before.contains("在职职工,3\r\n"))

            let zhang = try await client.bill("张伟", month: "2026-10", due: "2026-11-15")
            let li = try await client.bill("李娜", month: "2026-10", due: "2026-11-15")
            let csv = "payer,amount,paid_on\n\(zhang.certno),1000.00,2026-11-10\n\(li.certno),500.00,2026-11-12\n"
            let imported = try await client.send(.post, "/api/regions/350200/payment-statements?statement=D1", body: csv,
                                                 auth: try await client.signIn("collect"), contentType: "text/csv")
            #expect(imported.json["allocated"] as? String == "1500.00", "\(imported.body)")
            let collection = try await client.send(.get, "/dashboard/collection.csv?on=2026-11-20", auth: admin).body
            #expect(collection == "\u{FEFF}项目,金额（元）\r\n应缴,2000.00\r\n实缴,1500.00\r\n欠缴,500.00\r\n")
            let page = try await client.send(.get, "/dashboard?on=2026-11-20", auth: admin).body
            #expect(page.contains("2026-10 征缴（2 张账单，收缴率 75.0%）"))
            #expect(page.contains("href=\"/dashboard/collection.csv?on=2026-11-20\""))

            let his = try await HISClient.make(client)
            let psn = String(zhang.psnNo)
            var settled: [(setl: String, mdtrt: String)] = []
            for _ in 0..<2 {
                let mdtrt = try await his.register(psn)
                _ = try await his.call("2204", #"{"feedetail":[\#(HISClient.outpatientLines(mdtrt, psn).joined(separator: ","))]}"#)
                let reply = try await his.call("2207", #"{"data":{"psn_no":"\#(psn)","mdtrt_id":"\#(mdtrt)","medfee_sumamt":71.00,"insutype":"310"}}"#)
                #expect(reply.infcode == 0, "\(reply.text)")
                settled.append((try #require(reply.setl("setl_id")), mdtrt))
            }
            let cancel = try await his.call("2208", #"{"data":{"setl_id":"\#(settled[0].setl)","mdtrt_id":"\#(settled[0].mdtrt)","psn_no":"\#(psn)"}}"#)
            #expect(cancel.infcode == 0, "\(cancel.text)")
            let perDay = try await client.send(.get, "/dashboard/settlements-per-day.csv?on=2026-11-20", auth: admin).body
                .split(separator: "\r\n")
            #expect(perDay.count == 15)
            #expect(perDay.first == "\u{FEFF}日期,结算笔数")
            #expect(perDay[1] == "2026-11-07,0")
            #expect(perDay.last == "2026-11-20,1")
            let fund = try await client.send(.get, "/dashboard/fund-per-day.csv?on=2026-11-20", auth: admin).body
            #expect(fund.hasSuffix("2026-11-20,0.00\r\n"))
            // The month's totals so far: November has the one settlement; October none.
            let november = try await client.send(.get, "/dashboard?on=2026-11-20", auth: admin).body
            #expect(november.contains("近 14 天每日结算笔数（本月 1 笔）") && november.contains("近 14 天每日基金支付（本月 0.00 元）"))
            let october = try await client.send(.get, "/dashboard?on=2026-10-31", auth: admin).body
            #expect(october.contains("近 14 天每日结算笔数（本月 0 笔）"))

            // Each chart only for roles that may read what it counts; a bad day is refused at `on`.
            let reviewer = try await client.signIn("review")
            #expect(try await client.send(.get, "/dashboard/collection.csv", auth: reviewer).status == .forbidden)
            let reviewerPage = try await client.send(.get, "/dashboard", auth: reviewer).body
            #expect(!reviewerPage.contains("chart-collection") && reviewerPage.contains("chart-settlements-per-day"))
            let enrol = try await client.signIn("enrol")
            #expect(try await client.send(.get, "/dashboard/settlements-per-day.csv", auth: enrol).status == .forbidden)
            #expect(try await client.send(.get, "/dashboard?on=2026-13-01", auth: admin).status == .badRequest)
        }
    }
}
