import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// CSV import of the catalogue: every bad line reported with its number and field; nothing imported
/// from a file with errors unless `skipInvalid`.
@Suite struct CatalogueImportTests {
    static let csv = """
        med_list_codg,insutype,name,kind,chrgitm_lv,pric_uplmt_amt,lmt_sex,lmt_age_min,lmt_age_max,lmt_indication,min_hosp_lv,begndate,enddate
        XA10BAA001A001010100001,310,二甲双胍片,drug,01,15.00,,,,,,2025-01-01,
        XG03DAA004A001010100010,310,黄体酮注射液,drug,02,5.00,2,,,"限先兆流产, 习惯性流产",,2025-01-01,2027-12-31
        110200001,310,普通门诊诊查费,service,01,10.005,,,,,,2025-01-01,
        480000001,310,美容性皮肤护理,service,丙,,,,,,,2025-01-01,
        """

    static func region(_ db: any Database) async throws {
        try await db.write { sql in
            try await RegionRepository(database: db).create(RegionRecord(admdvs: "350200", name: "厦门市"), by: .commandLine(region: "350200"), in: sql)
        }
    }

    @Test(arguments: TestBackend.all)
    func oneBadLineStopsTheImportUnlessSkipped(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await Self.region(db)
            let catalogue = CatalogueRepository(database: db)
            let actor = AuditActor.commandLine(region: "350200")
            let refused = try await catalogue.importCSV(Self.csv, region: "350200", skipInvalid: false, by: actor)
            #expect(refused.imported == 0)
            #expect(refused.errors.count == 1)
            #expect(refused.errors.first?.line == 4)
            #expect(refused.errors.first?.field == "pric_uplmt_amt")
            #expect(refused.errors.first?.message.contains("最高限价") == true)
            #expect(try await catalogue.list(region: "350200", insutype: nil, query: nil).isEmpty)

            let skipped = try await catalogue.importCSV(Self.csv, region: "350200", skipInvalid: true, by: actor)
            #expect(skipped.imported == 3)
            #expect(skipped.skipped == 1)
            let items = try await catalogue.list(region: "350200", insutype: "310", query: nil)
            #expect(items.map(\.code) == ["480000001", "XA10BAA001A001010100001", "XG03DAA004A001010100010"])
            let progesterone = try #require(items.last)
            #expect(progesterone.sex == .female)
            #expect(progesterone.indication == "限先兆流产, 习惯性流产")
            #expect(progesterone.enddate == LocalDate(year: 2027, month: 12, day: 31))
            #expect(progesterone.listClass == .classB)
            #expect(items.first?.listClass == .classC)
            #expect(try await catalogue.list(region: "350200", insutype: nil, query: "双胍").map(\.code) == ["XA10BAA001A001010100001"])
        }
    }

    @Test func everyProblemOfALineIsReported() {
        let parsed = CatalogueCSV.parse("""
            med_list_codg,insutype,name,kind,chrgitm_lv,begndate,lmt_age_min,lmt_age_max
            ,999,x,pill,04,2025-02-30,70,18
            A1,310,x,drug,01,2025-01-01,,
            A1,310,y,drug,01,2025-01-01,,
            """, region: "350200")
        #expect(parsed.items.count == 1)
        let fields = parsed.errors.filter { $0.line == 2 }.map(\.field)
        #expect(Set(fields) == ["med_list_codg", "insutype", "kind", "chrgitm_lv", "begndate", "lmt_age_max"])
        #expect(parsed.errors.filter { $0.line == 4 }.map(\.field) == ["med_list_codg"])
        #expect(CatalogueCSV.parse("a,b\n1,2", region: "350200").errors.first?.line == 1)
    }
}
