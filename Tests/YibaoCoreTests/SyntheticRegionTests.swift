import Testing
import YibaoCore

/// The synthetic region generator: reproducible from the seed, and every generated identifier valid.
@Suite struct SyntheticRegionTests {
    static let region = try! RegionCode.parse("329800")
    static let asOf = LocalDate(year: 2026, month: 11, day: 1)!
    static let municipal = (try! PolicyPresets.document(PolicyPresets.municipalEmployee)).section(ContributionPolicy.self)!
    static let xiamen = (try! PolicyPresets.document(PolicyPresets.xiamenEmployee)).section(ContributionPolicy.self)!

    static func population(seed: UInt64, persons: Int, policy: ContributionPolicy? = municipal, residents: Bool = true) throws -> SyntheticPopulation {
        try SyntheticPopulation(.init(region: region, persons: persons, seed: seed, asOf: asOf, employeePolicy: policy, residents: residents,
                                      averageWage: Money(yuan: 84_000)))
    }

    @Test func theSameSeedGivesTheSamePeopleHoweverChunked() throws {
        var whole = try Self.population(seed: 7, persons: 3_000)
        var chunked = try Self.population(seed: 7, persons: 3_000)
        var other = try Self.population(seed: 8, persons: 3_000)
        let a = try whole.next(3_000)
        var b: [SyntheticPopulation.Person] = []
        while chunked.remaining > 0 { b += try chunked.next(701) }
        #expect(a.count == 3_000)
        #expect(a == b)
        #expect(whole.employers == chunked.employers)
        let c = try other.next(3_000)
        #expect(a.map(\.certno) != c.map(\.certno))
        #expect(SyntheticProviders(region: Self.region, institutions: 50, seed: 7).items
                == SyntheticProviders(region: Self.region, institutions: 50, seed: 7).items)
        #expect(SyntheticProviders(region: Self.region, institutions: 50, seed: 7).institutions
                == SyntheticProviders(region: Self.region, institutions: 50, seed: 7).institutions)
    }

    /// Identity numbers re-parse (GB 11643 check character), are unique, carry the person's sex and a
    /// county of the region; credit codes re-parse (GB 32100) and are unique; histories replay legally.
    @Test func identifiersAreValidAndUnique() throws {
        var population = try Self.population(seed: 42, persons: 20_000)
        let persons = try population.next(20_000)
        var certnos = Set<String>()
        for person in persons {
            let parsed = try IdentityNumber.parse(person.certno.value)
            #expect(parsed.value == person.certno.value)
            #expect(parsed.value.hasPrefix("3298") && !parsed.value.hasPrefix("329800"))
            certnos.insert(parsed.value)
            _ = try EnrolmentHistory(replaying: person.events)
            if person.employer != nil { #expect(person.roster.first?.hire == true) }
        }
        #expect(certnos.count == persons.count)
        let codes = try population.employers.map { try CreditCode.parse($0.creditCode.value).value }
        #expect(Set(codes).count == codes.count)
        #expect(population.employers.count == 200) // 20,000 / 100
        #expect(codes.allSatisfy { $0.dropFirst(2).hasPrefix("329800") })
    }

    /// The mix (per mille of 20,000, expected ± a few): employees 240, retirees 90, residents 590 (adult 330);
    /// residents' categories agree with their age on 31 December; retirees are 60 or older; only
    /// contributors have bases, each within [floor, …] of the municipal rule (60% of W/12 = 4,200.00).
    @Test func theMixIsPlausible() throws {
        var population = try Self.population(seed: 42, persons: 20_000)
        let persons = try population.next(20_000)
        func share(_ category: PersonCategory) -> Int { persons.filter { $0.category == category }.count * 1_000 / persons.count }
        #expect((225...255).contains(share(.employee)))
        #expect((80...100).contains(share(.retiree)))
        #expect((315...345).contains(share(.residentAdult)))
        #expect((90...110).contains(share(.student)))
        for person in persons {
            let yearEndAge = Self.asOf.year - person.birthDate.year
            switch person.category {
            case .residentAdult: #expect((18...59).contains(yearEndAge))
            case .residentElderly: #expect(yearEndAge >= 60)
            case .minor: #expect(yearEndAge < 18 && person.birthDate < Self.asOf)
            case .retiree: #expect(person.certno.age(on: Self.asOf) >= 60)
            case .employee: #expect((20...59).contains(person.certno.age(on: Self.asOf)))
            default: break
            }
            #expect(person.insutype == (SyntheticRegionTests.isResident(person.category) ? .residentBasic : .employeeBasic))
            if let base = person.base { #expect(base.amount >= Money(yuan: 4_200)) }
        }
        #expect(persons.contains { $0.statuses.contains(.lixiu) })
        #expect(persons.contains { $0.statuses.contains(.dibao) })
        #expect(persons.contains { $0.isInterrupted })
        #expect(persons.contains { $0.events.count == 3 })
        // Arrears are the months before November in the same year, due on the 15th of the next month.
        let owing = persons.filter { !$0.arrears.isEmpty }
        #expect(!owing.isEmpty)
        #expect(owing.allSatisfy { $0.arrears.allSatisfy { ["2026-08", "2026-09", "2026-10"].contains($0.month) && $0.dueDate.day == 15 } })
    }

    static func isResident(_ category: PersonCategory) -> Bool { [.residentAdult, .residentElderly, .student, .minor].contains(category) }

    /// Xiamen's employee scheme has no rate for flexible workers and the region no resident scheme:
    /// neither is generated, and (no base rule: bases are fractions of W) no base is locked.
    @Test func onlyCategoriesThePolicyKnows() throws {
        var population = try Self.population(seed: 1, persons: 2_000, policy: Self.xiamen, residents: false)
        let persons = try population.next(2_000)
        #expect(persons.allSatisfy { $0.category != .flexible && !Self.isResident($0.category) })
        #expect(persons.allSatisfy { $0.base == nil })
        #expect(persons.contains { $0.category == .migrant })
        #expect(throws: DomainError.self) { try Self.population(seed: 1, persons: 10, policy: nil, residents: false) }
    }

    /// Every grade is present; 4,005 catalogue entries across 甲/乙/丙 (drugs 2,600, services 1,100,
    /// consumables 300, five room types of bed); tertiary hospitals declare everything, pharmacies only
    /// unrestricted drugs, community centres no beds.
    @Test func providersCoverEveryGradeAndClass() {
        let providers = SyntheticProviders(region: Self.region, institutions: 40, seed: 3)
        #expect(Set(providers.institutions.map(\.grade)) == ["3A", "3B", "3", "2", "1", "none"])
        #expect(providers.items.count == 4_005)
        #expect(Set(providers.items.map(\.code)).count == 4_005)
        #expect(providers.items.filter { $0.kind == "bed" }.map(\.code) == (1...5).map { "91201000\($0)" })
        #expect(Set(providers.items.map(\.listClass)) == [.classA, .classB, .classC])
        #expect(providers.items.filter { $0.kind == "drug" }.count == 2_600)
        #expect(providers.items.allSatisfy { $0.listClass == .classC || $0.ceiling != nil })
        let tertiary = providers.institutions.firstIndex { $0.grade == "3A" }!
        #expect(providers.declared(by: providers.institutions[tertiary], index: tertiary).count == 4_005)
        let clinic = providers.institutions.firstIndex { $0.grade == "1" }!
        #expect(!providers.declared(by: providers.institutions[clinic], index: clinic).contains { $0.kind == "bed" })
        let pharmacy = providers.institutions.firstIndex { $0.grade == "none" }!
        let stocked = providers.declared(by: providers.institutions[pharmacy], index: pharmacy)
        #expect(!stocked.isEmpty && stocked.allSatisfy { $0.kind == "drug" && $0.minGrade == nil })
    }
}
