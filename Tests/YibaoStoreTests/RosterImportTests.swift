import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// The CSV roster import (增员/减员): every bad line reported with its number and field before anything
/// is written; nothing written while a problem remains unless the clerk asks for the good lines alone.
@Suite struct RosterImportTests {
    static let actor = AuditActor(name: "test", role: "enrolment_clerk", region: "329900")

    static func roster(_ db: any Database, _ employer: EmployerRecord, _ month: String) async throws -> [Int64] {
        try await db.read { sql in
            try await EmployerRepository.roster(admdvs: employer.admdvs, month: month, employerID: employer.id, in: sql).map(\.psnNo)
        }
    }

    @Test(arguments: TestBackend.all)
    func aBadLineStopsTheImportUntilTheGoodLinesAreChosen(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let region = "329900"
            let a = try await BillingRunTests.person(db, region: region, category: .employee, sequence: 302)
            let b = try await BillingRunTests.person(db, region: region, category: .employee, sequence: 304)
            let employerID = try await BillingRunTests.employer(db, region: region, organisation: "MA1RTE001")
            let employer = try #require(try await db.read { sql in try await EmployerRepository.find(admdvs: region, id: employerID, in: sql) })
            func certno(_ psnNo: Int64) async throws -> String {
                try #require(try await db.read { sql in try await PersonRepository.find(psnNo: psnNo, in: sql) }).certno
            }
            let (ca, cb) = (try await certno(a), try await certno(b))
            // The Benxi demo person is registered, but not in this employer's region.
            let foreign = try #require(DemoData.insuredCertno("赵丽"))
            let broken = String(ca.dropLast()) + (ca.last == "1" ? "2" : "1")
            let csv = """
                kind,certno,month,name
                增员,\(ca),2025-01,A
                hire,\(cb),2025-02,B

                减员,\(ca),2025-03,A
                增员,\(broken),2025-01,wrong check digit
                调动,\(cb),2025-01,unknown kind
                增员,\(foreign),2025-13,foreign person and bad month
                减员,\(cb),2025-01,not yet hired in January
                增员,\(cb),2025-04,already on the roster
                """
            let report = try await RosterImport.run(csv, employer: employer, skipInvalid: false, by: Self.actor, database: db)
            #expect(report.lines == 8)
            #expect(report.hires == 2 && report.leaves == 1)
            #expect(!report.written)
            // Line numbers count the header and the blank line; one line may have several problems.
            #expect(report.errors.map { "\($0.line):\($0.field)" } == ["6:certno", "7:kind", "8:month", "8:certno", "9:certno", "10:certno"])
            #expect(report.errors[4].message.contains("不在本单位参保名单"))
            #expect(report.errors[5].message.contains("已在本单位参保名单"))
            #expect(try await Self.roster(db, employer, "2025-02").isEmpty, "nothing is written while a problem remains")

            let imported = try await RosterImport.run(csv, employer: employer, skipInvalid: true, by: Self.actor, database: db)
            #expect(imported.written && imported.valid == 3)
            #expect(try await Self.roster(db, employer, "2025-02").sorted() == [a, b].sorted())
            #expect(try await Self.roster(db, employer, "2025-03") == [b])
            // The same file again: A was hired and left, so the hire in January is refused as a duplicate now.
            let again = try await RosterImport.run(csv, employer: employer, skipInvalid: false, by: Self.actor, database: db)
            #expect(again.errors.contains { $0.line == 2 && $0.message.contains("已在本单位参保名单") })
            let header = try await RosterImport.run("certno,month\n\(ca),2025-01", employer: employer, skipInvalid: true, by: Self.actor, database: db)
            #expect(header.errors.map(\.field) == ["kind"] && !header.written)
        }
    }
}
