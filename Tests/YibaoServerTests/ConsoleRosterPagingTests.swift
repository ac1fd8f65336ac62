import Testing
import YibaoStore
import YibaoTestSupport

/// An employer's roster is shown a page of `EmployerPages.rosterPageSize` (200) at a time: the largest
/// employer of a generated population of 2,000 has more, and every page but the last is full.
@Suite struct ConsoleRosterPagingTests {
    @Test(arguments: TestBackend.all)
    func aLargeRosterIsPaged(backend: TestBackend) async throws {
        try await LiveServer.run(backend) { client in
            _ = try await DemoData.loadPopulation(into: client.database, logger: TestBackend.logger)
            let roster = try await client.database.read { db in try await EmployerRepository.roster(admdvs: "350200", month: "2026-11", in: db) }
            let sizes = Dictionary(grouping: roster, by: \.employerID).mapValues(\.count)
            let (employer, members) = try #require(sizes.max { $0.value < $1.value })
            try #require(members > 200, "the generated population has an employer of more than one page")
            let pages = (members + 199) / 200
            let admin = try await client.signIn("admin")
            func rows(_ page: Int) async throws -> (count: Int, body: String) {
                let body = try await client.send(.get, "/employers/350200/\(employer)?month=2026-11&roster_page=\(page)", auth: admin).body
                let start = try #require(body.range(of: "<table id=\"roster\">"))
                let end = try #require(body.range(of: "</table>", range: start.upperBound..<body.endIndex))
                return (body[start.upperBound..<end.lowerBound].components(separatedBy: "<tr>").count - 2, body)
            }
            let first = try await rows(1)
            #expect(first.count == 200)
            #expect(first.body.contains("参保名单（\(members) 人）"))
            #expect(first.body.contains("第 1 / \(pages) 页，每页 200 人"))
            #expect(first.body.contains("id=\"roster-next\"") && !first.body.contains("id=\"roster-prev\""))
            let last = try await rows(pages)
            #expect(last.count == members - (pages - 1) * 200)
            #expect(last.body.contains("id=\"roster-prev\"") && !last.body.contains("id=\"roster-next\""))
            // Past the last page the table says there is nobody to show.
            let beyond = try await rows(pages + 1)
            #expect(beyond.count == 1 && beyond.body.contains("<tr><td colspan=\"6\">"))
            let bad = try await client.send(.get, "/employers/350200/\(employer)?roster_page=0", auth: admin)
            #expect(bad.status == .badRequest && bad.body.contains("roster_page"))
        }
    }
}
