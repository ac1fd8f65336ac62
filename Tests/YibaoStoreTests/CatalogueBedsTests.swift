import SQLKit
import Testing
import YibaoCore
import YibaoTestSupport
@testable import YibaoStore

/// Bed fees in the catalogue (migration 17): a bed entry imports, the rows catalogued before are kept,
/// the catalogue still raises the reference version, and an uploaded bed line is billed by its
/// bed-days — so the municipal preset's cap for disabled servicemen (50 a bed-day) applies.
@Suite struct CatalogueBedsTests {
    static let actor = AuditActor(name: "test", role: "administrator", region: "329800")

    @Test(arguments: TestBackend.all)
    func bedsImportAndEarlierRowsAreKept(backend: TestBackend) async throws {
        try await backend.withDatabase(migrate: false) { db in
            try await Migrator(database: db, logger: TestBackend.logger, migrations: Schema.all.filter { $0.version < 17 }).migrate()
            try await CatalogueImportTests.region(db)
            let catalogue = CatalogueRepository(database: db)
            let actor = AuditActor.commandLine(region: "350200")
            let before = try await catalogue.importCSV(CatalogueImportTests.csv, region: "350200", skipInvalid: true, by: actor)
            #expect(before.imported == 3)
            let kept = try await catalogue.list(region: "350200", insutype: "310", query: nil)
            try await Migrator(database: db, logger: TestBackend.logger).migrate()
            #expect(try await catalogue.list(region: "350200", insutype: "310", query: nil) == kept)

            let version = { try await db.read { sql in try await sql.raw("SELECT version AS n FROM reference_version").first()!.decode(column: "n", as: Int.self) } }
            let raised = try await version()
            let beds = """
                med_list_codg,insutype,name,kind,chrgitm_lv,pric_uplmt_amt,begndate
                120100001,310,普通病房床位费,bed,01,40.00,2025-01-01
                """
            let report = try await catalogue.importCSV(beds, region: "350200", skipInvalid: false, by: actor)
            #expect(report.errors.isEmpty && report.imported == 1)
            #expect(try await catalogue.list(region: "350200", insutype: "310", query: "床位").map(\.kind) == [.bed])
            #expect(try await version() > raised)
        }
    }

    /// Ten days in a double room at 60.00 a day, the room's ceiling: an employee pays nothing over
    /// the limit, a 1–6 grade disabled serviceman the 10.00 a day above his cap (100.00).
    @Test(arguments: TestBackend.all)
    func aBedLineIsCappedPerBedDayForDisabledServicemen(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            _ = try await SyntheticRegionWriter(database: db).generate(region: "329800", persons: 0, institutions: 6, seed: 3, month: "2026-11",
                                                                       by: Self.actor)
            let region = try RegionCode.parse("329800")
            var overLimit: [Money] = []
            for (sequence, statuses) in [(101, SpecialStatuses()), (103, .disabledServiceman)] as [(Int, SpecialStatuses)] {
                let birth = LocalDate(year: 1970, month: 3, day: 1)!
                let certno = try IdentityNumber.make(region: region, birthDate: birth, sequence: sequence, sex: .male).value
                let person = try await db.write { sql in
                    try await PersonRepository(database: db).create(
                        PersonRecord(admdvs: "329800", certno: certno, name: "床位测试", sex: .male, birthDate: birth, category: .employee,
                                     statuses: statuses, insutype: "310", enrolBegin: LocalDate(year: 2015, month: 1, day: 1)!,
                                     continuousYears: 10, seriousIllnessYears: 10),
                        account: AccountBalances(), by: Self.actor, in: sql)
                }
                let hospital = "H32980090000"
                let admitted = LocalDate(year: 2026, month: 10, day: 1)!, discharged = LocalDate(year: 2026, month: 10, day: 11)!
                let desk = RealTimeSettlement(database: db)
                let encounter = try await db.write { sql in
                    try await desk.register(psnNo: person.psnNo, insutype: "310", medType: "21", referral: false, begntime: admitted,
                                            iptOtpNo: "BED-\(sequence)", institution: hospital, admission: true, in: sql)
                }
                let uploading = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: hospital, for: .upload(codes: ["912010002"]))
                let classified = try await db.write { sql in
                    try await desk.uploadFees([FeeDetail(feedetlSn: "B1", code: "912010002", medinsCode: DemoData.declaredCode("912010002"),
                                                         amount: Money(yuan: 600), price: Money(yuan: 60), countE4: 100_000, date: admitted)],
                                              basis: uploading, in: sql)
                }
                #expect(classified.map(\.priceCeiling) == [Money(yuan: 60)])
                _ = try await db.write { sql in try await desk.discharge(mdtrtID: encounter.mdtrtID, endtime: discharged, institution: hospital, in: sql) }
                let basis = try await desk.basis(mdtrtID: encounter.mdtrtID, institution: hospital)
                let bill = try await db.write { sql in
                    try await desk.settle(basis: basis, medfeeSumamt: Money(yuan: 600), msgid: "BED-\(sequence)", by: Self.actor, in: sql)
                }
                overLimit.append(bill.settlement.overlmtSelfpay)
            }
            #expect(overLimit == [.zero, Money(yuan: 100)])
        }
    }
}
