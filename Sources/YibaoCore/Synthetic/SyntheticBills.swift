/// A synthetic region's bills as its institutions would upload them: `SyntheticEncounters.stream`'s
/// mix (visits, pharmacy purchases, admissions with 5–200 lines) placed at the region's institutions
/// (`SyntheticProviders`), for its persons, with each line a real catalogue entry. Pure and
/// reproducible from the seed, bills coming out in chunks like `SyntheticPopulation`'s persons.
///
/// A line keeps the stream's amount and 甲/乙/丙 class (its cost distribution) and becomes the entry of
/// that class whose price ceiling is nearest, from what the institution declared; one in fifty is
/// billed from the whole catalogue (perhaps undeclared, as the stream marks it). Its unit price is
/// 85–100 % of the ceiling, and for one line in ten 105–130 % (above it); the count makes up the
/// amount. An admission also bills its bed-days with a bed entry. Visits go to clinics, secondary or
/// tertiary hospitals by the stream's grade, admissions to hospitals, purchases to pharmacies; persons
/// are drawn uniformly.
public struct SyntheticBills: Sendable {
    public struct Line: Sendable, Equatable {
        public var code: String
        public var price: Money
        /// In ten-thousandths, as `cnt` is uploaded.
        public var countE4: Int64
        public var date: LocalDate

        /// `price × count`: counts are whole here, so exact.
        public var amount: Money { price * (countE4 / 10_000) }
    }

    public struct Bill: Sendable, Equatable {
        /// Position in the stream (0, 1, …): what the writer numbers the bill by.
        public var index: Int
        /// Index into the region's persons in the order they were enrolled.
        public var person: Int
        /// Index into `SyntheticProviders.institutions`.
        public var institution: Int
        public var setting: BenefitSetting
        /// The visit or admission day; `end` is the discharge day (the same day for a visit).
        public var begin: LocalDate
        public var end: LocalDate
        public var lines: [Line]

        public var isAdmission: Bool { setting.isAdmission }
        public var total: Money { lines.reduce(.zero) { $0 + $1.amount } }
    }

    public let count: Int
    private let providers: SyntheticProviders
    private let persons: Int
    private let start: LocalDate
    private let days: Int
    private var rng: SeededGenerator
    private var produced = 0
    /// Per institution, what it declared (built when first billed); per set of kinds an institution
    /// declares, the catalogue's entries of those kinds (where its undeclared lines come from).
    private var stock: [Int: Stock] = [:]
    private var catalogue: [Set<String>: [ListClass: [Int32]]] = [:]
    private let tiers: [Tier: [Int]]

    enum Tier: Hashable { case clinic, secondary, tertiary, pharmacy }

    /// An institution's declared entries as indices into `providers.items` (a city's hundreds of
    /// institutions declare thousands each): by class sorted by ceiling (`outOfCatalogue`: every
    /// class), its beds, and the kinds it declares.
    struct Stock {
        var classes: [ListClass: [Int32]]
        var beds: [Int32]
        var kinds: Set<String>
    }

    /// `count` bills over `days` days from `start`, for persons 0..<`persons`.
    public init(providers: SyntheticProviders, persons: Int, count: Int, seed: UInt64, start: LocalDate, days: Int) throws {
        guard persons > 0 else {
            throw DomainError(code: "SYNTHETIC_NO_PERSONS", message: "统筹区没有参保人，不能生成就诊", messageEn: "the region has no persons to settle for",
                              path: "persons")
        }
        guard providers.institutions.contains(where: { $0.kind != "pharmacy" }) else {
            throw DomainError(code: "SYNTHETIC_NO_INSTITUTIONS", message: "统筹区没有合成医疗机构，不能生成就诊",
                              messageEn: "the region has no generated hospitals or clinics to settle at", path: "institutions")
        }
        self.providers = providers
        self.persons = persons
        self.count = count
        self.start = start
        self.days = days
        // A generator of its own, so the bills do not change when the population or catalogue does.
        rng = SeededGenerator(seed: seed ^ 0xB111_5EED_0F_C17E)
        var tiers: [Tier: [Int]] = [:]
        for (index, institution) in providers.institutions.enumerated() {
            let tier: Tier = switch institution.grade {
            case "3A", "3B", "3": .tertiary
            case "2": .secondary
            case "1": .clinic
            default: .pharmacy
            }
            tiers[tier, default: []].append(index)
        }
        self.tiers = tiers
    }

    public var remaining: Int { count - produced }

    /// The next `n` bills (fewer at the end). One encounter is drawn at a time, so that the bills do
    /// not depend on how they are chunked.
    public mutating func next(_ n: Int) -> [Bill] {
        (0..<min(n, remaining)).map { _ in
            let encounter = SyntheticEncounters.stream(count: 1, start: start, days: days, using: &rng)[0]
            defer { produced += 1 }
            return bill(encounter, index: produced)
        }
    }

    private mutating func bill(_ encounter: Encounter, index: Int) -> Bill {
        let institution = place(encounter)
        let stocked = stock(of: institution)
        let begin = encounter.admissionDate ?? encounter.date
        let stay = begin.days(until: encounter.date)
        var lines: [Line] = []
        lines.reserveCapacity(encounter.lines.count)
        for fee in encounter.lines where fee.bedDays == nil {
            let listClass = fee.listClass == .outOfCatalogue ? .classC : fee.listClass
            let pool = fee.declared ? stocked.classes[listClass] ?? [] : catalogue(of: stocked.kinds)[listClass] ?? []
            let date = begin.adding(days: stay > 0 ? Int.random(in: 0...stay, using: &rng) : 0)
            guard let item = nearest(fee.amount, in: pool.isEmpty ? stocked.classes[.outOfCatalogue] ?? [] : pool) else { continue }
            lines.append(line(item, amount: fee.amount, date: date))
        }
        if let bedDays = encounter.lines.lazy.compactMap(\.bedDays).first, let bed = stocked.beds.randomElement(using: &rng) {
            let item = providers.items[Int(bed)]
            var line = line(item, amount: item.ceiling ?? .zero, date: begin)
            line.countE4 = Int64(bedDays) * 10_000
            lines.append(line)
        }
        return Bill(index: index, person: Int.random(in: 0..<persons, using: &rng), institution: institution, setting: encounter.setting,
                    begin: begin, end: encounter.date, lines: lines)
    }

    /// The institution for an encounter: by the stream's grade for a visit, a hospital for an
    /// admission, a pharmacy for a purchase. A tier the region lacks falls back to the next in line;
    /// every line ends in all three tiers of care, and `init` made sure one of them has an institution.
    private mutating func place(_ encounter: Encounter) -> Int {
        let wanted: [Tier] = switch (encounter.setting, encounter.grade) {
        case (.pharmacy, _): [.pharmacy, .clinic, .secondary, .tertiary]
        case (.inpatient, .grade3a), (.inpatient, .grade3b), (.inpatient, .grade3): [.tertiary, .secondary, .clinic]
        case (.inpatient, _): [.secondary, .tertiary, .clinic]
        case (_, .grade3a), (_, .grade3b), (_, .grade3): [.tertiary, .secondary, .clinic]
        case (_, .grade2): [.secondary, .tertiary, .clinic]
        default: [.clinic, .secondary, .tertiary]
        }
        let tiers = tiers
        return wanted.lazy.compactMap { tiers[$0] }.first!.randomElement(using: &rng)!
    }

    /// The entry whose ceiling is nearest the amount, give or take ten places (so one amount does not
    /// always bill the same entry); entries without a ceiling (some 丙) sort first.
    private mutating func nearest(_ amount: Money, in pool: [Int32]) -> SyntheticProviders.Item? {
        guard !pool.isEmpty else { return nil }
        var low = 0, high = pool.count
        while low < high {
            let mid = (low + high) / 2
            if (providers.items[Int(pool[mid])].ceiling ?? .zero) < amount { low = mid + 1 } else { high = mid }
        }
        let spread = Int.random(in: -10...10, using: &rng)
        return providers.items[Int(pool[min(pool.count - 1, max(0, low + spread))])]
    }

    private mutating func line(_ item: SyntheticProviders.Item, amount: Money, date: LocalDate) -> Line {
        guard let ceiling = item.ceiling else {
            return Line(code: item.code, price: Money(fen: max(1, amount.fen)), countE4: 10_000, date: date)
        }
        let percent: Int64 = Int.random(in: 0..<10, using: &rng) == 0 ? .random(in: 105...130, using: &rng) : .random(in: 85...100, using: &rng)
        let price = Money(fen: max(1, ceiling.fen * percent / 100))
        let count = min(30, max(1, (amount.fen + price.fen / 2) / price.fen))
        return Line(code: item.code, price: price, countE4: count * 10_000, date: date)
    }

    private mutating func stock(of institution: Int) -> Stock {
        if let known = stock[institution] { return known }
        let codes = Set(providers.declared(by: providers.institutions[institution], index: institution).map(\.code))
        let declared = providers.items.indices.filter { codes.contains(providers.items[$0].code) }
        let care = declared.filter { providers.items[$0].kind != "bed" }
        var classes = byClass(care)
        classes[.outOfCatalogue] = sorted(care)
        let made = Stock(classes: classes, beds: declared.filter { providers.items[$0].kind == "bed" }.map(Int32.init),
                         kinds: Set(care.map { providers.items[$0].kind }))
        stock[institution] = made
        return made
    }

    private mutating func catalogue(of kinds: Set<String>) -> [ListClass: [Int32]] {
        if let known = catalogue[kinds] { return known }
        let made = byClass(providers.items.indices.filter { kinds.contains(providers.items[$0].kind) })
        catalogue[kinds] = made
        return made
    }

    private func byClass(_ indices: [Int]) -> [ListClass: [Int32]] {
        Dictionary(grouping: indices) { providers.items[$0].listClass }.mapValues(sorted)
    }

    /// By ceiling (none first), then code: a total order, so the same on every run.
    private func sorted(_ indices: [Int]) -> [Int32] {
        indices.sorted { a, b in
            let (x, y) = (providers.items[a], providers.items[b])
            return (x.ceiling?.fen ?? 0, x.code) < (y.ceiling?.fen ?? 0, y.code)
        }.map(Int32.init)
    }
}
