import Logging
import SQLKit
import YibaoCore

/// The demo region set loaded by `yibao serve --demo` and `yibao demo load`: the three preset
/// pooling regions with their published W, their policy presets, a few designated institutions and
/// a catalogue, declared lists and insured persons (`DemoSettlementData`),
/// one user per role with the password `DemoDemo2025` (documented in the README; never for production).
/// Loading is idempotent: an already loaded demo is left as it is.
public enum DemoData {
    public static let password = "DemoDemo2025"

    struct Region { var code: String; var name: String; var nameEn: String }
    static let regions = [
        Region(code: "350200", name: "厦门市", nameEn: "Xiamen"),
        Region(code: "210500", name: "本溪市", nameEn: "Benxi"),
        // The seed-004 municipal scheme names no city: a placeholder code outside real use (see the preset).
        Region(code: "329900", name: "示例市（统账结合职工医保）", nameEn: "Example city (seed 004 employee scheme)"),
    ]

    static let institutions = [
        InstitutionRecord(admdvs: "350200", code: "H35020000001", name: "厦门市第一医院（演示）", kind: "hospital", grade: "3A"),
        InstitutionRecord(admdvs: "350200", code: "H35020000002", name: "厦门市社区卫生服务中心（演示）", kind: "clinic", grade: "1"),
        InstitutionRecord(admdvs: "350200", code: "P35020000001", name: "厦门市大药房（演示）", kind: "pharmacy", grade: "none"),
        InstitutionRecord(admdvs: "210500", code: "H21050000001", name: "本溪市中心医院（演示）", kind: "hospital", grade: "3A"),
        InstitutionRecord(admdvs: "210500", code: "H21050000002", name: "本溪市第二人民医院（演示）", kind: "hospital", grade: "2"),
    ]

    static let demoUsers: [UserRecord] = [
        UserRecord(id: 0, username: "admin", displayName: "系统管理员", role: Role.administrator.rawValue, region: "350200"),
        UserRecord(id: 0, username: "enrol", displayName: "参保登记员", role: Role.enrolmentClerk.rawValue, region: "350200"),
        UserRecord(id: 0, username: "collect", displayName: "征缴专员", role: Role.collectionClerk.rawValue, region: "350200"),
        UserRecord(id: 0, username: "review", displayName: "审核员", role: Role.claimsReviewer.rawValue, region: "350200"),
        UserRecord(id: 0, username: "auditor", displayName: "稽核员", role: Role.auditor.rawValue, region: "350200"),
        UserRecord(id: 0, username: "fund", displayName: "基金会计", role: Role.fundAccountant.rawValue, region: "350200"),
        UserRecord(id: 0, username: "complaint", displayName: "投诉处理员", role: Role.complaintHandler.rawValue, region: "350200"),
        UserRecord(id: 0, username: "analyst", displayName: "分析员（只读）", role: Role.analyst.rawValue, region: "350200"),
        UserRecord(id: 0, username: "hospital", displayName: "第一医院医保办", role: Role.institutionUser.rawValue, region: "350200",
                   institution: "H35020000001"),
        UserRecord(id: 0, username: "his", displayName: "第一医院 HIS", role: Role.systemClient.rawValue, region: "350200",
                   institution: "H35020000001"),
        UserRecord(id: 0, username: "pharmacy-pos", displayName: "大药房收银系统", role: Role.systemClient.rawValue, region: "350200",
                   institution: "P35020000001"),
        UserRecord(id: 0, username: "benxi-admin", displayName: "本溪管理员", role: Role.administrator.rawValue, region: "210500"),
    ]

    /// Loads the demo unless it is there already; returns whether it loaded anything.
    @discardableResult
    public static func load(into database: any Database, bcryptCost: UInt8 = 10, logger: Logger) async throws -> Bool {
        let present = try await database.read { db in
            try await db.select().column("admdvs").from("regions").where("admdvs", .equal, regions[0].code).first() != nil
        }
        if present { return false }
        let users = UserRepository(database: database, bcryptCost: bcryptCost)
        let hash = try await users.hashPassword(password, of: nil)
        let documents = try PolicyPresets.documents()
        let parameters = try PolicyPresets.all.map { try PolicyPresets.regionParameters($0) }
        try await database.write { db in
            let regionRepository = RegionRepository(database: database)
            for region in regions {
                let actor = AuditActor.commandLine(region: region.code)
                try await regionRepository.create(RegionRecord(admdvs: region.code, name: region.name, nameEn: region.nameEn), by: actor, in: db)
            }
            for parameters in parameters {
                for (year, bases) in parameters.years.sorted(by: { $0.key < $1.key }) {
                    try await regionRepository.setParameters(region: parameters.region.value, year: year, averageWage: bases.avgWage,
                                                             averagePension: bases.avgPension, minimumWage: bases.minWage,
                                                             by: .commandLine(region: parameters.region.value), in: db)
                }
            }
            for institution in institutions {
                try await InstitutionRepository(database: database).create(institution, by: .commandLine(region: institution.admdvs), in: db)
            }
            for user in demoUsers {
                _ = try await users.create(user, passwordHash: user.role == Role.systemClient.rawValue ? nil : hash,
                                           by: .commandLine(region: user.region), in: db)
            }
            let policies = PolicyRepository(database: database)
            for document in documents {
                try await policies.store(document, by: .commandLine(region: document.metadata.region.value), in: db)
            }
            try await DemoSettlementData.load(into: database, in: db)
            try await DemoSchools.load(in: db)
        }
        logger.info("demo data loaded: \(regions.count) regions, \(documents.count) policies, \(demoUsers.count) users (password \(password))")
        return true
    }

    /// The generated population `yibao serve --demo` adds to Xiamen (350200, where the demo users work):
    /// 2,000 persons with their employers, 20 institutions and the synthetic catalogue, as of November 2026
    /// (`SyntheticRegionWriter`; Xiamen's policy has no resident scheme, so all are in the employee
    /// scheme). Idempotent like `load`: a second start finds it generated and writes nothing.
    @discardableResult
    public static func loadPopulation(into database: any Database, logger: Logger) async throws -> SyntheticRegionWriter.Summary {
        let summary = try await SyntheticRegionWriter(database: database).generate(
            region: regions[0].code, persons: Generated.persons, institutions: Generated.institutions, seed: Generated.seed, month: Generated.month,
            by: .commandLine(region: regions[0].code))
        if summary.generated {
            logger.info("demo population generated: \(summary.persons) persons, \(summary.employers) employers, \(summary.institutions) institutions")
        }
        return summary
    }

    /// A settlement history for the generated population: `count` encounters (outpatient visits, pharmacy
    /// purchases, admissions) of August–October 2026 settled at its 20 institutions through real-time
    /// settlement (`SyntheticEncounterWriter`), so the console's settlement, account and fund pages have
    /// something to show. The named demo persons are left out: the guide and the walkthroughs quote their
    /// balances and accumulators as loaded. Idempotent: a second start finds the stream settled.
    @discardableResult
    public static func loadEncounters(into database: any Database, count: Int = Generated.encounters,
                                      logger: Logger) async throws -> SyntheticEncounterWriter.Summary {
        let region = regions[0].code
        let named = Set(try DemoSettlementData.persons.filter { $0.admdvs == region }.map(DemoSettlementData.certno))
        let summary = try await SyntheticEncounterWriter(database: database).write(
            region: region, providers: SyntheticProviders(region: try RegionCode.parse(region), institutions: Generated.institutions, seed: Generated.seed),
            encounters: count, seed: Generated.seed, month: Generated.month, excluding: named, by: .commandLine(region: region))
        if summary.generated {
            logger.info("demo encounters settled: \(summary.settled) of \(summary.bills), medfee \(summary.medfee)")
        }
        return summary
    }

    /// What `loadPopulation` and `loadEncounters` generate from; `population()` regenerates from the same.
    public enum Generated {
        static let persons = 2_000
        static let institutions = 20
        public static let encounters = 2_000
        static let seed: UInt64 = 2025
        static let month = "2026-11"
    }

    /// The persons `loadPopulation` writes, regenerated without a database from the Xiamen preset it finds
    /// in force there (`load` stores it), so a load generator can settle for many insured people while
    /// speaking only HTTP. `SyntheticRegionWriterTests` checks the two agree.
    public static func population() throws -> [SyntheticPopulation.Person] {
        let asOf = try BillingMonth.parse(Generated.month).firstDay
        let preset = PolicyPresets.xiamenEmployee
        guard let wage = try PolicyPresets.regionParameters(preset).years[asOf.year]?.avgWage else {
            throw SettlementError.wageMissing(regions[0].code, asOf.year)
        }
        var generator = try SyntheticPopulation(.init(
            region: try RegionCode.parse(regions[0].code), persons: Generated.persons, seed: Generated.seed, asOf: asOf,
            employeePolicy: try PolicyPresets.document(preset).section(ContributionPolicy.self), residents: false, averageWage: wage))
        return try generator.next(Generated.persons)
    }
}
