import Testing
import YibaoCore

/// A synthetic region's bills (`SyntheticBills`): the same from the same seed however chunked, and
/// bills a hospital's HIS could upload — catalogue codes the institution declared (but for a few),
/// whole counts that make up each amount, bed-days only on admissions, every kind at its place.
@Suite struct SyntheticBillsTests {
    static let providers = SyntheticProviders(region: try! RegionCode.parse("329800"), institutions: 40, seed: 5)
    static let start = LocalDate(year: 2026, month: 8, day: 3)!

    static func bills(seed: UInt64, count: Int = 3_000) throws -> SyntheticBills {
        try SyntheticBills(providers: providers, persons: 1_000, count: count, seed: seed, start: start, days: 90)
    }

    @Test func theSameSeedGivesTheSameBillsHoweverChunked() throws {
        var whole = try Self.bills(seed: 9), chunked = try Self.bills(seed: 9), other = try Self.bills(seed: 10)
        let a = whole.next(3_000)
        var b: [SyntheticBills.Bill] = []
        while chunked.remaining > 0 { b += chunked.next(701) }
        #expect(a.count == 3_000 && whole.remaining == 0)
        // Compared as one Bool: a failing comparison of 3,000 bills would print them all.
        let same = a == b, differs = a != other.next(3_000)
        #expect(same)
        #expect(a.map(\.index) == Array(0..<3_000))
        #expect(differs)
    }

    @Test func billsAreUploadableAndEachKindIsAtItsPlace() throws {
        var generator = try Self.bills(seed: 9)
        let bills = generator.next(3_000)
        let providers = Self.providers
        let items = Dictionary(uniqueKeysWithValues: providers.items.map { ($0.code, $0) })
        var undeclared = 0, lines = 0
        for bill in bills {
            let institution = providers.institutions[bill.institution]
            let declared = Set(providers.declared(by: institution, index: bill.institution).map(\.code))
            #expect(!bill.lines.isEmpty)
            #expect((0..<1_000).contains(bill.person))
            #expect(bill.begin >= Self.start && bill.end >= bill.begin)
            for line in bill.lines {
                lines += 1
                let item = try #require(items[line.code])
                if !declared.contains(line.code) { undeclared += 1 }
                #expect(line.countE4 % 10_000 == 0 && line.countE4 > 0 && line.price.fen > 0)
                #expect(line.date >= bill.begin && line.date <= bill.end)
                #expect(item.kind != "bed" || (bill.isAdmission && line.countE4 / 10_000 == Int64(bill.begin.days(until: bill.end))))
            }
            switch bill.setting {
            case .pharmacy:
                #expect(institution.kind == "pharmacy")
                #expect(bill.lines.allSatisfy { items[$0.code]!.kind == "drug" } && (1...6).contains(bill.lines.count))
            case .inpatient:
                #expect(["3A", "3B", "3", "2"].contains(institution.grade))
                #expect((5...200).contains(bill.lines.count))
                #expect(bill.lines.filter { items[$0.code]!.kind == "bed" }.count == 1)
            default:
                #expect(bill.setting == .outpatient && institution.kind != "pharmacy" && (1...10).contains(bill.lines.count))
            }
        }
        // The stream marks one line in fifty undeclared; a drawn entry may happen to be declared anyway.
        #expect(undeclared > 0 && undeclared * 50 <= lines * 2)
        // Admissions carry most of the cost; about one line in ten is above its ceiling.
        let admissions = bills.filter(\.isAdmission).reduce(Money.zero) { $0 + $1.total }
        #expect(admissions > bills.filter { !$0.isAdmission }.reduce(Money.zero) { $0 + $1.total })
        let ceilinged = bills.flatMap(\.lines).compactMap { line in items[line.code]!.ceiling.map { (line.price, $0) } }
        let above = ceilinged.filter { $0.0 > $0.1 }.count
        #expect(above * 100 > ceilinged.count * 6 && above * 100 < ceilinged.count * 14)
    }

    @Test func aRegionWithoutPersonsOrCareHasNoBills() {
        #expect(throws: DomainError.self) {
            try SyntheticBills(providers: Self.providers, persons: 0, count: 10, seed: 1, start: Self.start, days: 90)
        }
        let onlyPharmacies = SyntheticProviders(region: try! RegionCode.parse("329800"), institutions: 0, seed: 1)
        #expect(throws: DomainError.self) {
            try SyntheticBills(providers: onlyPharmacies, persons: 10, count: 10, seed: 1, start: Self.start, days: 90)
        }
    }
}
