import PropertyBased
import SQLKit
import Testing
import YibaoCore
import YibaoTestSupport
@testable import YibaoStore

/// The dashboard's insured count kept as events are appended (`InsuredCountChanges`) equals the count
/// found from the events (`RegionFigures.insuredByCategoryFromEvents`) on every day, after random
/// sequences of enrolments, interruptions, resumptions, transfers and terminations (refused ones
/// included: they must leave the count alone), and migration 9's backfill rebuilds the same count.
@Suite struct InsuredCountPropertyTests {
    static let actor = AuditActor(name: "test", role: "enrolment_clerk", region: "350200")
    static let categories: [PersonCategory] = [.employee, .retiree, .migrant, .businessOwner]
    /// (person, operation, days after the previous change)
    static let step = zip(Gen.int(in: 0...3), Gen.int(in: 0...5), Gen.int(in: 0...20))

    static func event(_ operation: Int, on date: LocalDate, category: PersonCategory) throws -> EnrolmentEvent {
        switch operation {
        case 0: return .enrolled(on: date, scheme: InsuredScheme(region: try RegionCode.parse("350200"), insutype: .employeeBasic), category: category)
        case 1: return .interrupted(on: date)
        case 2: return .resumed(on: date, gapPaidOn: nil)
        case 3: return .transferred(on: date, to: try RegionCode.parse("210500"))
        case 4: return .terminated(on: date, reason: .other)
        default: return .terminated(on: date, reason: .death)
        }
    }

    static func compare(_ db: any Database, on days: Set<LocalDate>) async throws {
        for day in days {
            let (kept, derived) = try await db.read { sql in
                (try await RegionFigures.insuredByCategory(admdvs: "350200", on: day, in: sql),
                 try await RegionFigures.insuredByCategoryFromEvents(admdvs: "350200", on: day, in: sql))
            }
            #expect(kept == derived, "on \(day)")
        }
    }

    actor Days {
        var all: Set<LocalDate> = []
        func add(_ days: Set<LocalDate>) { all.formUnion(days) }
    }

    @Test(arguments: TestBackend.all)
    func keptCountEqualsTheEventsOnEveryDay(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let counter = AccountTransferTests.Counter()
            let days = Days()
            await propertyCheck(count: 12, input: Self.step.array(of: 1...25)) { steps in
                let base = await counter.next(by: 4)
                let first = LocalDate(year: 2025, month: 1, day: 1)!
                var date = first
                var persons: [PersonRecord] = []
                for i in 0..<4 {
                    let birth = LocalDate(year: 1980, month: 3, day: 1 + i)!
                    let certno = try IdentityNumber.make(region: RegionCode.parse("350200"), birthDate: birth, sequence: 2 * (base + i) + 1, sex: .male).value
                    persons.append(try await db.write { sql in
                        try await PersonRepository(database: db).create(
                            PersonRecord(admdvs: "350200", certno: certno, name: "计数\(base + i)", sex: .male, birthDate: birth,
                                         category: Self.categories[i], insutype: "310", enrolBegin: first), by: Self.actor, in: sql)
                    })
                }
                var tried: Set<LocalDate> = [date, date.adding(days: -1)]
                for (who, operation, later) in steps {
                    date = date.adding(days: later)
                    tried.formUnion([date, date.adding(days: -1)])
                    let person = persons[who]
                    let event = try Self.event(operation, on: date, category: person.category)
                    // An illegal change is refused and its transaction rolled back, count included.
                    _ = try? await db.write { sql in
                        try await EnrolmentRepository.append(event, admdvs: person.admdvs, psnNo: person.psnNo, by: Self.actor, in: sql)
                    }
                }
                try await Self.compare(db, on: tried)
                await days.add(tried)
            }
            // Migration 9's backfill, run again over the same events, gives the same count.
            try await db.write { sql in
                try await sql.raw("DELETE FROM insured_count_changes").run()
                try await sql.raw(SQLQueryString(Schema.v9InsuredCounts.statements[1])).run()
            }
            try await Self.compare(db, on: await days.all.union([LocalDate(year: 2000, month: 1, day: 1)!, LocalDate(year: 2030, month: 1, day: 1)!]))
        }
    }

    /// The generator's bulk writer keeps the count too: the demo population on its own days.
    @Test(arguments: TestBackend.all)
    func generatedPersonsAreCounted(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            _ = try await SyntheticRegionWriter(database: db, chunkSize: 50).generate(region: "350200", persons: 150, institutions: 2, seed: 3,
                                                                                       month: "2026-11", by: Self.actor)
            let days = try await db.read { sql in
                try await sql.raw("SELECT DISTINCT event_date FROM enrolment_events WHERE admdvs = '350200'").all()
                    .map { try LocalDate.parse(try $0.decode(column: "event_date", as: String.self)) }
            }
            try await Self.compare(db, on: Set(days + days.map { $0.adding(days: -1) }))
            let today = try await db.read { sql in try await RegionFigures.insuredByCategory(admdvs: "350200", on: LocalDate(year: 2026, month: 11, day: 20)!, in: sql) }
            #expect(today.values.reduce(0, +) > 100)
        }
    }
}
