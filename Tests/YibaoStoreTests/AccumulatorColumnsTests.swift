import SQLKit
import Testing
import YibaoCore
import YibaoTestSupport
@testable import YibaoStore

/// A person's accumulators, one column a figure since migration 16: what the engine kept as JSON
/// before is carried over to the fen, and every figure survives a save and a load.
@Suite struct AccumulatorColumnsTests {
    static let year = LocalDate(year: 2026, month: 1, day: 1)!

    /// Every figure different, amounts with and without cents (0.05 yuan, 1,234,567.89 yuan).
    static let sample: Accumulators = {
        var a = Accumulators(yearStart: year)
        a.admissions = 2
        a.referralAdmissions = 1
        a.inscopeCumulative = Money(fen: 123_456_789)
        for (i, setting) in BenefitSetting.allCases.enumerated() { a.deductibleConsumed[setting] = Money(fen: Int64(i + 1) * 10_001) }
        for (i, fund) in FundKind.allCases.enumerated() { a.fundPaid[fund] = Money(fen: 5 + Int64(i) * 7_000_003) }
        a.selfPayCumulative = Money(fen: 45_600)
        a.aboveCapCumulative = Money(fen: 1_000_000)
        a.beyondLayersCumulative = Money(fen: 99)
        return a
    }()

    @Test(arguments: TestBackend.all)
    func figuresKeptAsJSONAreCarriedIntoColumns(backend: TestBackend) async throws {
        try await backend.withDatabase(migrate: false) { db in
            try await Migrator(database: db, logger: TestBackend.logger, migrations: Schema.all.filter { $0.version < 16 }).migrate()
            let insert = "INSERT INTO accumulators (admdvs, psn_no, insutype, year_start, figures, hifp_paid_fen, updated_at) VALUES "
            let full = try StoredJSON.encode(Self.sample)
            // The engine's decoding reads a figure left out as zero; so must the migration.
            let partial = #"{"admissions":1,"fund_paid":{"hifp":"12.34"},"year_start":"2026-01-01"}"#
            try await db.write { sql in
                try await sql.raw("\(unsafeRaw: insert)('350200', 1, '310', '2026-01-01', \(bind: full), 0, 0)").run()
                try await sql.raw("\(unsafeRaw: insert)('350200', 2, '310', '2026-01-01', \(bind: partial), 0, 0)").run()
            }
            try await Migrator(database: db, logger: TestBackend.logger).migrate()
            let (first, second) = try await db.read { sql in
                (try await AccumulatorStore.load(admdvs: "350200", psnNo: 1, insutype: "310", yearStart: Self.year, in: sql),
                 try await AccumulatorStore.load(admdvs: "350200", psnNo: 2, insutype: "310", yearStart: Self.year, in: sql))
            }
            #expect(first == Self.sample)
            var expected = Accumulators(yearStart: Self.year)
            expected.admissions = 1
            expected.fundPaid.hifp = Money(fen: 1_234)
            #expect(second == expected)
        }
    }

    /// Random figures, written over each other for one person and year: the last one written is read.
    @Test(arguments: TestBackend.all)
    func everyFigureSurvivesASaveAndALoad(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            var random = SeededGenerator(seed: 16)
            #expect(try await Self.roundTrip(Self.sample, in: db) == Self.sample)
            for _ in 0..<20 {
                var a = Accumulators(yearStart: Self.year)
                func amount() -> Money { Money(fen: Int64.random(in: 0...9_999_999_999, using: &random)) }
                a.admissions = Int.random(in: 0...30, using: &random)
                a.referralAdmissions = Int.random(in: 0...5, using: &random)
                a.inscopeCumulative = amount()
                for setting in BenefitSetting.allCases { a.deductibleConsumed[setting] = amount() }
                for fund in FundKind.allCases { a.fundPaid[fund] = amount() }
                a.selfPayCumulative = amount()
                a.aboveCapCumulative = amount()
                a.beyondLayersCumulative = amount()
                #expect(try await Self.roundTrip(a, in: db) == a)
            }
            // A year with nothing written reads as zero, in that year.
            let unused = try await db.read { sql in
                try await AccumulatorStore.load(admdvs: "350200", psnNo: 7, insutype: "310", yearStart: LocalDate(year: 2027, month: 1, day: 1)!, in: sql)
            }
            #expect(unused == Accumulators(yearStart: LocalDate(year: 2027, month: 1, day: 1)!))
        }
    }

    static func roundTrip(_ figures: Accumulators, in db: any Database) async throws -> Accumulators {
        try await db.write { sql in
            try await AccumulatorStore.save(figures, admdvs: "350200", psnNo: 7, insutype: "310", yearStart: year, in: sql)
        }
        return try await db.read { sql in
            try await AccumulatorStore.load(admdvs: "350200", psnNo: 7, insutype: "310", yearStart: year, in: sql)
        }
    }
}
