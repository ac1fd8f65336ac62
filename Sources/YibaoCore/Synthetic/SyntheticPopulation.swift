/// A synthetic pooling region's people, reproducible from a seed: employers with valid credit codes
/// (GB 32100) and persons with valid identity numbers (GB 11643), a plausible age, sex and category mix,
/// enrolment histories with some interruptions, locked contribution bases, opening account balances and
/// some unpaid months (arrears). Pure: the store writes what this yields (`SyntheticRegionWriter`).
///
/// Persons come out one at a time in a fixed order, so the same seed and options give the same people
/// however they are chunked. The generator is sequential on purpose: identity numbers are allocated
/// per (county, birth date, sex) so that no two people share one.
public struct SyntheticPopulation: Sendable {
    public struct Options: Sendable {
        public var region: RegionCode
        public var persons: Int
        public var seed: UInt64
        /// The first day of the month the region is "as of": enrolments begin before it, arrears are the
        /// months just before it, bases are locked for its year.
        public var asOf: LocalDate
        /// The employee scheme (310) in force, if the region has one: only categories it has a rate for
        /// are generated, and bases are locked by its base rule.
        public var employeePolicy: ContributionPolicy?
        /// Whether the region has a resident scheme (390) to enrol residents in.
        public var residents: Bool
        /// W for `asOf`'s year (bases and arrears).
        public var averageWage: Money

        public init(region: RegionCode, persons: Int, seed: UInt64, asOf: LocalDate, employeePolicy: ContributionPolicy?,
                    residents: Bool, averageWage: Money) {
            self.region = region
            self.persons = persons
            self.seed = seed
            self.asOf = asOf
            self.employeePolicy = employeePolicy
            self.residents = residents
            self.averageWage = averageWage
        }
    }

    public struct Employer: Sendable, Equatable {
        public var creditCode: CreditCode
        public var name: String
        /// enterprise, institution (事业单位), government, individual_business.
        public var kind: String
    }

    /// One unpaid monthly bill (欠费).
    public struct Arrear: Sendable, Equatable {
        public var month: String
        public var employerShare: Money
        public var individualShare: Money
        public var dueDate: LocalDate
    }

    public struct RosterChange: Sendable, Equatable {
        /// `YYYY-MM`, effective from its first day.
        public var month: String
        public var hire: Bool
    }

    public struct Person: Sendable, Equatable {
        public var certno: IdentityNumber
        public var name: String
        public var category: PersonCategory
        public var statuses: SpecialStatuses
        public var insutype: Insutype
        public var enrolBegin: LocalDate
        /// A legal history (checked by `EnrolmentHistory`): enrolled, perhaps interrupted and resumed.
        public var events: [EnrolmentEvent]
        /// Index into `employers` for people employed by one; nil for those paying alone and residents.
        public var employer: Int?
        /// Roster changes (增员 hire / 减员 leave), oldest first.
        public var roster: [RosterChange]
        /// The base locked for `asOf`'s year (only where the policy has a base rule and the person pays).
        public var base: ContributionBase?
        public var account: AccountBalances
        public var continuousYears: Int
        public var arrears: [Arrear]

        public var sex: Sex { certno.sex }
        public var birthDate: LocalDate { certno.birthDate }
        /// Whether the person is interrupted on `asOf` (neither billed nor on a roster).
        public var isInterrupted: Bool { if case .interrupted = events.last { true } else { false } }

    }

    public let options: Options
    public let employers: [Employer]
    /// Categories generated with their weights (per mille of the full mix, before filtering).
    public let mix: [(category: PersonCategory, weight: Int)]
    private let mixTotal: Int
    private var rng: SeededGenerator
    private var produced = 0
    /// Next 顺序码 index per (county, birth day, sex).
    private var sequences: [Int64: Int] = [:]

    /// The full mix of a city (per mille): about 40% in the employee scheme (a quarter of them retired)
    /// and 60% residents. Categories the region has no scheme or rate for are left out.
    static let fullMix: [(PersonCategory, Int)] = [
        (.employee, 240), (.retiree, 90), (.flexible, 40), (.migrant, 20), (.businessOwner, 15), (.unemployed, 5),
        (.residentAdult, 330), (.residentElderly, 120), (.student, 100), (.minor, 40),
    ]
    static let residentCategories: Set<PersonCategory> = [.residentAdult, .residentElderly, .student, .minor]
    /// Counties 01…40 of the city are where identity numbers are first issued (never the city code itself,
    /// which the hand-written demo persons use).
    static let counties = 40

    public init(_ options: Options) throws(DomainError) {
        self.options = options
        let mix = Self.fullMix.filter { category, _ in
            Self.residentCategories.contains(category)
                ? options.residents
                : options.employeePolicy?.rates.contains { $0.matches(category: category, statuses: [], onUnemploymentBenefit: false) } ?? false
        }
        guard !mix.isEmpty else {
            throw DomainError(.notFound, code: "SYNTHETIC_NO_SCHEME", message: "统筹区 \(options.region) 没有可参保的险种政策（310 或 390）",
                              messageEn: "region \(options.region) has no scheme policy (310 or 390) to enrol people in", path: "region")
        }
        guard options.persons >= 0, options.persons <= 20_000_000 else {
            throw DomainError(code: "SYNTHETIC_PERSONS", message: "人数须在 0–20,000,000 之间", messageEn: "persons must be 0–20,000,000",
                              path: "persons")
        }
        self.mix = mix.map { (category: $0.0, weight: $0.1) }
        mixTotal = mix.reduce(0) { $0 + $1.1 }
        var rng = SeededGenerator(seed: options.seed)
        // About 26% of people are employed; an employer has 26 of them on average (a few large, most small).
        let count = max(3, options.persons / 100)
        employers = try (0..<count).map { (index) throws(DomainError) in try Self.employer(index, region: options.region, using: &rng) }
        self.rng = rng
    }

    public var remaining: Int { options.persons - produced }

    /// The next `count` persons (fewer at the end).
    public mutating func next(_ count: Int) throws(DomainError) -> [Person] {
        var out: [Person] = []
        out.reserveCapacity(min(count, remaining))
        while out.count < count, produced < options.persons {
            out.append(try person())
            produced += 1
        }
        return out
    }

    // MARK: employers

    static let employerWords = ["华信", "东方", "海峡", "鹭岛", "新华", "恒通", "瑞丰", "宏远", "金桥", "永安", "嘉禾", "天成",
                                "汇丰", "长青", "中兴", "联创", "同德", "安泰", "鼎盛", "博远"]
    static let trades = ["科技", "贸易", "建设", "物流", "食品", "电子", "纺织", "医药", "机械", "餐饮", "商贸", "信息技术"]

    static func employer(_ index: Int, region: RegionCode, using rng: inout SeededGenerator) throws(DomainError) -> Employer {
        let roll = Int.random(in: 0..<100, using: &rng)
        let (kind, authority, category): (String, Character, Character) =
            roll < 85 ? ("enterprise", "9", "1") : roll < 93 ? ("institution", "1", "2") : roll < 97 ? ("government", "1", "1")
                : ("individual_business", "9", "2")
        // 9-character organisation body: "MA" and the index scrambled by a multiplication that is a bijection
        // modulo 31⁷, so bodies are unique in the region without a look-up.
        let modulus: Int64 = 27_512_614_111 // 31⁷
        var scrambled = (Int64(index) &* 1_000_003 &+ 7_777) % modulus
        var body: [Unicode.Scalar] = []
        for _ in 0..<7 {
            body.append(CreditCode.alphabet[Int(scrambled % 31)])
            scrambled /= 31
        }
        let organisation = "MA" + String(String.UnicodeScalarView(body.reversed()))
        let code = try CreditCode.make(authority: authority, category: category, region: region, organisation: organisation)
        let name: String
        switch kind {
        case "institution": name = "\(employerWords.randomElement(using: &rng)!)\(["医院", "学校", "研究所", "中心"].randomElement(using: &rng)!)（事业单位）"
        case "government": name = "\(["区", "市", "街道"].randomElement(using: &rng)!)\(["民政局", "财政局", "办事处", "人社局"].randomElement(using: &rng)!)"
        case "individual_business": name = "\(Self.surnames.randomElement(using: &rng)!.0)记\(["小吃店", "五金店", "便利店", "理发店"].randomElement(using: &rng)!)"
        default: name = "\(employerWords.randomElement(using: &rng)!)\(trades.randomElement(using: &rng)!)有限公司"
        }
        return Employer(creditCode: code, name: name, kind: kind)
    }

    // MARK: persons

    /// Common surnames with rough weights (per mille) and given-name characters.
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 72), ("张", 68), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 24), ("赵", 22), ("吴", 21), ("周", 20),
        ("徐", 17), ("孙", 15), ("马", 15), ("朱", 13), ("胡", 13), ("郭", 12), ("何", 12), ("林", 12), ("高", 11), ("罗", 11),
        ("郑", 10), ("梁", 10), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7),
    ]
    static let surnameTotal = surnames.reduce(0) { $0 + $1.1 }
    static let givenMale = Array("伟强磊军勇杰涛明超斌浩鹏辉华建国平刚志文宇俊峰凯")
    static let givenFemale = Array("芳娜敏静丽艳娟霞燕玲婷红梅琳洁秀英慧颖雪萍晶")
    static let givenShared = Array("晓小海佳嘉子思欣雨家天一诗梓")

    private mutating func weighted<T>(_ entries: [(T, Int)], total: Int) -> T {
        var roll = Int.random(in: 0..<total, using: &rng)
        for (value, weight) in entries {
            if roll < weight { return value }
            roll -= weight
        }
        return entries[entries.count - 1].0
    }

    private mutating func chance(_ perMille: Int) -> Bool { Int.random(in: 0..<1_000, using: &rng) < perMille }

    /// First day of a month drawn uniformly between two first-of-month dates.
    private mutating func month(from start: LocalDate, to end: LocalDate) -> LocalDate {
        let months = max(0, (end.year - start.year) * 12 + end.month - start.month)
        return start.adding(months: Int.random(in: 0...months, using: &rng))
    }

    /// (lowest, highest) age on `asOf` for a category; residents by their age at the end of the year.
    static func ageRange(_ category: PersonCategory) -> ClosedRange<Int> {
        switch category {
        case .employee: 20...59
        case .retiree: 60...92
        case .flexible: 25...59
        case .migrant: 18...50
        case .businessOwner: 25...62
        case .unemployed: 20...55
        case .residentAdult: 18...59
        case .residentElderly: 60...98
        case .student: 6...22
        case .minor: 1...17 // never born after `asOf`
        }
    }

    private mutating func person() throws(DomainError) -> Person {
        let o = options
        let category = weighted(mix.map { ($0.category, $0.weight) }, total: mixTotal)
        let resident = Self.residentCategories.contains(category)
        let sex: Sex = category == .employee || category == .migrant ? (chance(550) ? .male : .female) : (chance(500) ? .male : .female)
        // Ages lean young within the range for the working categories and old for the elderly (u² skew).
        let range = Self.ageRange(category)
        let u = Double.random(in: 0..<1, using: &rng)
        let skew = category == .retiree || category == .residentElderly ? u * u
            : category == .student || category == .minor ? u : (u + u * u) / 2
        let age = range.lowerBound + min(range.count - 1, Int(skew * Double(range.count)))
        // Residents are classed by their age on 31 December (003 R17): born in `year − age`; others by age on `asOf`.
        let birthYear = o.asOf.year - age - (resident ? 0 : 1)
        let yearStart = LocalDate(year: birthYear, month: 1, day: 1)!
        var birth = yearStart.adding(days: Int.random(in: 0..<(LocalDate.isLeap(birthYear) ? 366 : 365), using: &rng))
        if !resident, birth.adding(months: 12 * (age + 1)) <= o.asOf { birth = birth.adding(months: 12 * 1) }
        let certno = try identityNumber(birth: birth, sex: sex)

        var statuses: SpecialStatuses = []
        switch category {
        case .employee:
            if chance(60) { statuses.insert(.civilServant) }
            if chance(1) { statuses.insert(.disabledServiceman) }
        case .retiree:
            if chance(5) { statuses.insert(.lixiu) } else if chance(50) { statuses.insert(.civilServant) }
            if chance(50) { statuses.insert(.lowPensionRetiree) }
        case .residentAdult, .residentElderly, .student, .minor:
            if chance(30) { statuses.insert(.dibao) } else if chance(15) { statuses.insert(.nearDibao) }
            if chance(10) { statuses.insert(.severelyDisabled) }
        default:
            if chance(20) { statuses.insert(.dibao) }
        }

        let insutype: Insutype = resident ? .residentBasic : .employeeBasic
        let lastMonth = o.asOf.adding(months: -1)
        // Enrolled from a month after turning 18 (employees) or since birth / 2016 (residents), before `asOf`.
        let earliest: LocalDate = resident
            ? max(LocalDate(year: 2016, month: 1, day: 1)!, LocalDate(year: birth.year, month: birth.month, day: 1)!.adding(months: 1))
            : max(LocalDate(year: 1998, month: 12, day: 1)!, LocalDate(year: birth.year + 18, month: birth.month, day: 1)!.adding(months: 1))
        let enrolBegin = month(from: min(earliest, lastMonth), to: lastMonth)
        let scheme = InsuredScheme(region: o.region, insutype: insutype)
        var events: [EnrolmentEvent] = [.enrolled(on: enrolBegin, scheme: scheme, category: category)]
        // 4% have had a gap: a quarter are still interrupted, the rest resumed (half with the gap back-paid).
        if chance(40), enrolBegin.adding(months: 3) <= lastMonth {
            let stopped = month(from: enrolBegin.adding(months: 1), to: lastMonth.adding(months: -1))
            events.append(.interrupted(on: stopped))
            if chance(750) {
                let resumed = month(from: stopped.adding(months: 1), to: lastMonth)
                events.append(.resumed(on: resumed, gapPaidOn: chance(500) ? resumed : nil))
            }
        }
        let interrupted = if case .interrupted = events.last { true } else { false }
        let employed = category == .employee || category == .migrant
        let employer = employed ? Int(Double(employers.count) * pow3(Double.random(in: 0..<1, using: &rng))) : nil
        var roster: [RosterChange] = []
        if employed {
            for event in events {
                switch event {
                case .enrolled(let d, _, _), .resumed(let d, _): roster.append(RosterChange(month: Self.monthText(d), hire: true))
                case .interrupted(let d): roster.append(RosterChange(month: Self.monthText(d), hire: false))
                default: break
                }
            }
        }

        // Contributors: the declared wage is skewed around W/12 (0.4–2.6×); locked by the policy's base rule.
        let pays = !resident && category != .retiree && !interrupted
        var base: ContributionBase?
        if pays, let policy = o.employeePolicy, policy.base != nil {
            let factor = 400 + Int64(Double.random(in: 0..<1, using: &rng) * Double.random(in: 0..<1, using: &rng) * 2_200)
            let declared = Money(yuan: ContributionBase.monthlyAverageWage(o.averageWage).fen * factor / 100_000)
            base = try ContributionBase.lock(declared: declared, averageWage: o.averageWage, policy: policy)
        }
        // 3% of contributors owe the months before `asOf` in the same year (one to three of them).
        var arrears: [Arrear] = []
        if pays, let policy = o.employeePolicy, let lateFees = policy.lateFees, chance(30) {
            let owed = Int.random(in: 1...3, using: &rng)
            for back in stride(from: owed, through: 1, by: -1) {
                let billed = o.asOf.adding(months: -back)
                guard billed.year == o.asOf.year, billed >= events[events.count - 1].date else { continue }
                let amount = try MonthlyContribution.compute(category: category, statuses: statuses, base: base,
                                                             averageWage: o.averageWage, policy: policy)
                arrears.append(Arrear(month: Self.monthText(billed), employerShare: amount.employerTotal,
                                      individualShare: amount.individualTotal, dueDate: lateFees.dueDate(year: billed.year, month: billed.month)))
            }
        }
        // Opening personal-account balances for the employee scheme (skewed; retirees hold more).
        let account = resident ? AccountBalances()
            : AccountBalances(firstLevel: Self.skewedYuan(below: category == .retiree ? 12_000 : 6_000, using: &rng))
        let years = max(0, o.asOf.year - enrolBegin.year - (o.asOf.month < enrolBegin.month ? 1 : 0))
        return Person(certno: certno, name: name(sex: sex), category: category, statuses: statuses, insutype: insutype,
                      enrolBegin: enrolBegin, events: events, employer: employer, roster: roster, base: base, account: account,
                      continuousYears: interrupted ? 0 : years, arrears: arrears)
    }

    private func pow3(_ x: Double) -> Double { x * x * x }

    /// Whole yuan below `limit`, skewed low like `pow3` (most balances small, a few large), drawn in
    /// integers: money never passes through a float, even in synthetic data.
    static func skewedYuan(below limit: Int64, using rng: inout some RandomNumberGenerator) -> Money {
        let u = Int64.random(in: 0..<1_000_000, using: &rng)
        return Money(yuan: u * u / 1_000_000 * u / 1_000_000 * limit / 1_000_000)
    }

    static func monthText(_ date: LocalDate) -> String { String(date.description.prefix(7)) }

    private mutating func name(sex: Sex) -> String {
        let surname = weighted(Self.surnames, total: Self.surnameTotal)
        let pool = sex == .male ? Self.givenMale : Self.givenFemale
        let first = chance(300) ? Self.givenShared.randomElement(using: &rng)! : pool.randomElement(using: &rng)!
        return chance(200) ? surname + String(first) : surname + String(first) + String(pool.randomElement(using: &rng)!)
    }

    /// The number of the next free 顺序码 for this birth date and sex, moving to the next county when one
    /// county's 500 numbers of that day are used up.
    private mutating func identityNumber(birth: LocalDate, sex: Sex) throws(DomainError) -> IdentityNumber {
        let cityPrefix = String(options.region.value.prefix(4))
        for county in 1...Self.counties {
            let key = (Int64(birth.dayNumber) << 8 | Int64(county)) << 1 | (sex == .male ? 1 : 0)
            let index = sequences[key, default: 0]
            guard index < 500 else { continue }
            sequences[key] = index + 1
            let region = try RegionCode.parse(cityPrefix + (county < 10 ? "0" : "") + String(county))
            return try IdentityNumber.make(region: region, birthDate: birth, sequence: index * 2 + (sex == .male ? 1 : 0), sex: sex)
        }
        throw DomainError(code: "SYNTHETIC_IDENTITY_EXHAUSTED", message: "同一出生日期的身份证顺序码已用尽",
                          messageEn: "identity sequence numbers for one birth date are exhausted", path: "persons")
    }
}
