/// Resident annual premiums (城乡居民, Benxi 003 篇5 R2–R13): the category follows from the age on
/// 31 December of the contribution year (R17), students are their own category whatever their age,
/// and each premium is a personal part plus a government subsidy, split between city and county.
public struct ResidentPremiumRules: Codable, Sendable, Equatable {
    /// R5: from this age (at 31 Dec) a non-student is a `resident_adult` (18); below it a `minor`.
    public var adultFromAge: Int
    /// R9: from this age a resident is `resident_elderly` (60).
    public var elderlyFromAge: Int
    /// First match wins: write the status entries before the general entry of each category.
    public var premiums: [ResidentPremiumRule]
    /// First match wins; a subsidy that matches no entry is wholly the city's.
    public var subsidySplit: [SubsidySplitRule]
    /// Residents other than students enrol as a whole household (以家庭为单位参保, domain guide §3: students
    /// register through their school, "others as a whole family"); false when left out.
    public var wholeHousehold: Bool
    /// When the annual premium is due (R19: paid in advance, in one sum); first match wins. Needed to bill.
    public var due: [ResidentDueRule]
    /// Students' school year and the schools' registration deadline (R15, R21). Needed to register students.
    public var schoolYear: SchoolYearRule?

    public init(adultFromAge: Int = 18, elderlyFromAge: Int = 60, premiums: [ResidentPremiumRule],
                subsidySplit: [SubsidySplitRule] = [], wholeHousehold: Bool = false, due: [ResidentDueRule] = [],
                schoolYear: SchoolYearRule? = nil) {
        self.adultFromAge = adultFromAge
        self.elderlyFromAge = elderlyFromAge
        self.premiums = premiums
        self.subsidySplit = subsidySplit
        self.wholeHousehold = wholeHousehold
        self.due = due
        self.schoolYear = schoolYear
    }

    enum CodingKeys: String, CodingKey {
        case adultFromAge = "adult_from_age", elderlyFromAge = "elderly_from_age", premiums
        case subsidySplit = "subsidy_split", wholeHousehold = "whole_household", due, schoolYear = "school_year"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        adultFromAge = try c.decode(Int.self, forKey: .adultFromAge)
        elderlyFromAge = try c.decode(Int.self, forKey: .elderlyFromAge)
        premiums = try c.decode([ResidentPremiumRule].self, forKey: .premiums)
        subsidySplit = try c.decodeIfPresent([SubsidySplitRule].self, forKey: .subsidySplit) ?? []
        wholeHousehold = try c.decodeIfPresent(Bool.self, forKey: .wholeHousehold) ?? false
        due = try c.decodeIfPresent([ResidentDueRule].self, forKey: .due) ?? []
        schoolYear = try c.decodeIfPresent(SchoolYearRule.self, forKey: .schoolYear)
    }
}

/// One line of the premium table: a category (and optionally statuses) pays `personal` and the
/// government adds `subsidy`; the premium is their sum (Benxi: 80 = 40 + 40, 295 = 255 + 40 ...).
public struct ResidentPremiumRule: CategoryScoped, Codable, Sendable, Equatable {
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var personal: Money
    public var subsidy: Money

    public init(categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil, personal: Money, subsidy: Money) {
        self.categories = categories
        self.statuses = statuses
        self.personal = personal
        self.subsidy = subsidy
    }
}

/// Who bears the subsidy (R12–R13): `city` share, the county the rest. Students of schools funded by a
/// county (区县财政供给经费学校) are split 60/40, students of other schools wholly by the city: an entry
/// may be narrowed with `county_funded_school`.
public struct SubsidySplitRule: CategoryScoped, Codable, Sendable, Equatable {
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var countyFundedSchool: Bool?
    public var city: Ratio

    public init(categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil, countyFundedSchool: Bool? = nil, city: Ratio) {
        self.categories = categories
        self.statuses = statuses
        self.countyFundedSchool = countyFundedSchool
        self.city = city
    }

    enum CodingKeys: String, CodingKey { case categories, statuses, countyFundedSchool = "county_funded_school", city }
}

/// The due date of contribution year Y's premium: `month`/`day` of year Y + `year_offset` (−1: the year
/// before, paid in advance). Someone enrolling after that day owes it on the enrolment day.
public struct ResidentDueRule: CategoryScoped, Codable, Sendable, Equatable {
    public var categories: [PersonCategory]?
    public var statuses: SpecialStatuses?
    public var month: Int
    public var day: Int
    public var yearOffset: Int

    public init(categories: [PersonCategory]? = nil, statuses: SpecialStatuses? = nil, month: Int, day: Int, yearOffset: Int = 0) {
        self.categories = categories
        self.statuses = statuses
        self.month = month
        self.day = day
        self.yearOffset = yearOffset
    }

    enum CodingKeys: String, CodingKey { case categories, statuses, month, day, yearOffset = "year_offset" }

    /// The due date for contribution `year` (a day beyond the month's end is its last day).
    public func date(for year: Int) -> LocalDate {
        let y = year + yearOffset
        return LocalDate(year: y, month: month, day: min(day, LocalDate.daysIn(year: y, month: month)))!
    }
}
