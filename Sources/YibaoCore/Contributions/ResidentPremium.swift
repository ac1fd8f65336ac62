/// A resident's annual premium (居民医保个人缴费与财政补助, Benxi 003 篇5 R2–R13, R17, R19).
public struct ResidentPremium: Sendable, Equatable {
    public var category: PersonCategory
    /// Age on 31 December of the contribution year (R17).
    public var age: Int
    public var personal: Money
    public var subsidy: Money
    /// The city's part of the subsidy; the county bears `countySubsidy` = subsidy − city part.
    public var citySubsidy: Money
    public var countySubsidy: Money { subsidy - citySubsidy }
    public var total: Money { personal + subsidy }

    public init(category: PersonCategory, age: Int, personal: Money, subsidy: Money, citySubsidy: Money) {
        self.category = category
        self.age = age
        self.personal = personal
        self.subsidy = subsidy
        self.citySubsidy = citySubsidy
    }

    /// The category a resident has for `year`: students are students at any age, others by age on 31 Dec.
    public static func category(age: Int, student: Bool, rules: ResidentPremiumRules) -> PersonCategory {
        if student { return .student }
        if age < rules.adultFromAge { return .minor }
        return age < rules.elderlyFromAge ? .residentAdult : .residentElderly
    }

    /// The premium of the person with `identity` for contribution `year`.
    /// A back-payment (补缴, R19) is borne wholly by the person: the subsidy becomes part of the personal share.
    /// The city's share of the subsidy is rounded half-up; the county takes the rest, so the parts sum exactly.
    public static func compute(identity: IdentityNumber, year: Int, student: Bool = false, statuses: SpecialStatuses = [],
                               countyFundedSchool: Bool = false, backPayment: Bool = false,
                               policy: ContributionPolicy) throws(DomainError) -> ResidentPremium {
        guard let rules = policy.resident else { throw ContributionError.noResidentRules }
        let age = identity.ageAtYearEnd(year)
        let category = category(age: age, student: student, rules: rules)
        guard let line = rules.premiums.firstMatch(category: category, statuses: statuses)?.rule else {
            throw ContributionError.noPremium(category)
        }
        if backPayment {
            return ResidentPremium(category: category, age: age, personal: line.personal + line.subsidy, subsidy: .zero, citySubsidy: .zero)
        }
        let split = rules.subsidySplit.first {
            $0.matches(category: category, statuses: statuses) && ($0.countyFundedSchool.map { $0 == countyFundedSchool } ?? true)
        }
        let city = split.map { $0.city.apply(to: line.subsidy) } ?? line.subsidy
        return ResidentPremium(category: category, age: age, personal: line.personal, subsidy: line.subsidy, citySubsidy: city)
    }
}
