import Testing
@testable import YibaoCore

/// Bases, monthly contributions, resident premiums and the contribution-years top-up, by hand from the
/// domain figures (domain guide §3).
@Suite struct ContributionCalculationTests {
    typealias F = ContributionFixture
    let municipalW = F.money("80000")   // municipal-region 2025: W/12 = 6666.666… → 6666.67
    let xiamenW = F.money("120000")     // xiamen-region 2025: W/12 = 10000.00

    // MARK: bases

    @Test func monthlyAverageWageRoundsHalfUp() {
        #expect(ContributionBase.monthlyAverageWage(F.money("80000")) == F.money("6666.67"))   // 6666.666…
        #expect(ContributionBase.monthlyAverageWage(F.money("124000")) == F.money("10333.33")) // 10333.333…
        #expect(ContributionBase.monthlyAverageWage(Money(fen: 6)) == Money(fen: 1))            // 0.5 fen → 1
    }

    @Test func baseIsRaisedToTheFloorWithTheReason() throws {
        // floor = 60% × 6666.67 = 4000.002 → 4000.00
        let low = try ContributionBase.lock(declared: F.money("3000"), averageWage: municipalW, policy: F.municipal)
        #expect(low.amount == F.money("4000.00"))
        #expect(low.adjustment == .raisedToFloor)
        #expect(low.reason?.zh == "申报基数 3000.00 低于下限，按下限 4000.00 核定")
        let normal = try ContributionBase.lock(declared: F.money("8000"), averageWage: municipalW, policy: F.municipal)
        #expect(normal == ContributionBase(declared: F.money("8000"), amount: F.money("8000"), adjustment: .none))
        #expect(normal.reason == nil)
        // 004 sets no cap: a high base stays.
        let high = try ContributionBase.lock(declared: F.money("90000"), averageWage: municipalW, policy: F.municipal)
        #expect(high.amount == F.money("90000"))
    }

    @Test func baseIsCutToTheCap() throws {
        let policy = ContributionPolicy(base: ContributionBaseRule(floor: Ratio(percent: 60), cap: Ratio(percent: 300), declarationMonth: 3))
        // W = 120000: W/12 = 10000, floor 6000, cap 30000.
        let cut = try ContributionBase.lock(declared: F.money("45000"), averageWage: xiamenW, policy: policy)
        #expect(cut.amount == F.money("30000"))
        #expect(cut.adjustment == .cutToCap)
        let atCap = try ContributionBase.lock(declared: F.money("30000"), averageWage: xiamenW, policy: policy)
        #expect(atCap.adjustment == .none)
        let atFloor = try ContributionBase.lock(declared: F.money("6000"), averageWage: xiamenW, policy: policy)
        #expect(atFloor.adjustment == .none)
    }

    @Test func lockingNeedsTheRuleAndANonNegativeBase() {
        #expect(throws: DomainError.self) { try ContributionBase.lock(declared: F.money("1"), averageWage: xiamenW, policy: F.xiamen) }
        #expect(throws: DomainError.self) { try ContributionBase.lock(declared: F.money("-1"), averageWage: municipalW, policy: F.municipal) }
    }

    // MARK: 004 篇1: 9% + 2% on the wage base; individual participants 11%

    @Test func municipalEmployeePaysNinePlusTwo() throws {
        let base = try ContributionBase.lock(declared: F.money("8000"), averageWage: municipalW, policy: F.municipal)
        let c = try MonthlyContribution.compute(category: .employee, base: base, averageWage: municipalW, policy: F.municipal)
        // 9% × 8000 = 720.00; 2% × 8000 = 160.00
        #expect(c.basic.employer == F.money("720.00"))
        #expect(c.basic.individual == F.money("160.00"))
        #expect(c.total == F.money("880.00"))
        #expect(c.levies.isEmpty)
        // Raised to the floor: 9% × 4000 = 360, 2% × 4000 = 80.
        let floor = try ContributionBase.lock(declared: F.money("2500"), averageWage: municipalW, policy: F.municipal)
        let f = try MonthlyContribution.compute(category: .employee, base: floor, averageWage: municipalW, policy: F.municipal)
        #expect((f.employerTotal, f.individualTotal) == (F.money("360.00"), F.money("80.00")))
    }

    @Test func eachShareIsRoundedHalfUpOnItsOwn() throws {
        let base = ContributionBase(declared: F.money("4000.50"), amount: F.money("4000.50"), adjustment: .none)
        let c = try MonthlyContribution.compute(category: .employee, base: base, averageWage: municipalW, policy: F.municipal)
        // 9% × 4000.50 = 360.045 → 360.05 (half up); 2% × 4000.50 = 80.01
        #expect(c.basic.employer == F.money("360.05"))
        #expect(c.basic.individual == F.money("80.01"))
        let odd = ContributionBase(declared: F.money("4000.05"), amount: F.money("4000.05"), adjustment: .none)
        let o = try MonthlyContribution.compute(category: .employee, base: odd, averageWage: municipalW, policy: F.municipal)
        // 360.0045 → 360.00 and 80.001 → 80.00: the bill is 440.00, although 11% × 4000.05 = 440.0055 → 440.01.
        #expect(o.total == F.money("440.00"))
    }

    @Test func flexibleEmploymentPaysAllElevenPercent() throws {
        let base = try ContributionBase.lock(declared: F.money("5000"), averageWage: municipalW, policy: F.municipal)
        for category in [PersonCategory.flexible, .businessOwner] {
            let c = try MonthlyContribution.compute(category: category, base: base, averageWage: municipalW, policy: F.municipal)
            // 11% × 5000 = 550.00, no employer share
            #expect(c.basic.employer == .zero)
            #expect(c.basic.individual == F.money("550.00"))
        }
        let retiree = try MonthlyContribution.compute(category: .retiree, base: nil, averageWage: municipalW, policy: F.municipal)
        #expect(retiree.total == .zero)
        #expect(throws: DomainError.self) {
            try MonthlyContribution.compute(category: .employee, base: nil, averageWage: municipalW, policy: F.municipal)
        }
        #expect(throws: DomainError.self) {
            try MonthlyContribution.compute(category: .student, base: base, averageWage: municipalW, policy: F.municipal)
        }
    }

    // MARK: Xiamen (000 第2篇 L97–L117)

    @Test func xiamenLocalEmployeesAndMigrants() throws {
        // Local employee on W/12 = 10000: 8% = 800, 2% = 200. The declared wage plays no part.
        let local = try MonthlyContribution.compute(category: .employee, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect((local.basic.base, local.basic.employer, local.basic.individual) == (F.money("10000"), F.money("800"), F.money("200")))
        // Migrant on 60% × 10000 = 6000: 4% = 240, 2% = 120; 360 is 36% of a local employee's 1000 (L97).
        let migrant = try MonthlyContribution.compute(category: .migrant, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect((migrant.basic.base, migrant.basic.employer, migrant.basic.individual) == (F.money("6000"), F.money("240"), F.money("120")))
        #expect(migrant.total == Ratio(percent: 36).apply(to: local.total))
        // W = 124000: W/12 = 10333.33; 8% = 826.6664 → 826.67; 2% = 206.6666 → 206.67;
        // migrant base 60% × 10333.33 = 6199.998 → 6200.00: 248.00 + 124.00.
        let w26 = F.money("124000")
        let local26 = try MonthlyContribution.compute(category: .employee, base: nil, averageWage: w26, policy: F.xiamen)
        #expect((local26.basic.employer, local26.basic.individual) == (F.money("826.67"), F.money("206.67")))
        let migrant26 = try MonthlyContribution.compute(category: .migrant, base: nil, averageWage: w26, policy: F.xiamen)
        #expect((migrant26.basic.base, migrant26.basic.employer, migrant26.basic.individual) == (F.money("6200.00"), F.money("248.00"), F.money("124.00")))
    }

    @Test func xiamenBusinessOwnersUnemployedAndTheCivilServantLevy() throws {
        let owner = try MonthlyContribution.compute(category: .businessOwner, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect((owner.basic.employer, owner.basic.individual) == (.zero, F.money("1000")))   // 10% × 10000
        let onBenefit = try MonthlyContribution.compute(category: .unemployed, onUnemploymentBenefit: true, base: nil,
                                                        averageWage: xiamenW, policy: F.xiamen)
        #expect(onBenefit.basic.individual == F.money("600"))                                   // 10% × 6000
        let unemployed = try MonthlyContribution.compute(category: .unemployed, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect(unemployed.basic.individual == F.money("1000"))
        // Civil servant: 800 + 200, plus the levy 3.5% × 10000 = 350 on the employing body.
        let civil = try MonthlyContribution.compute(category: .employee, statuses: .civilServant, base: nil,
                                                    averageWage: xiamenW, policy: F.xiamen)
        #expect(civil.levies == [MonthlyContribution.Line(levy: "civil-servant-subsidy", base: F.money("10000"),
                                                          employer: F.money("350"), individual: .zero)])
        #expect((civil.employerTotal, civil.individualTotal, civil.total) == (F.money("1150"), F.money("200"), F.money("1350")))
    }

    // MARK: Benxi resident premiums (003 篇5 R2–R13), contribution year 2025

    struct PremiumCase: CustomStringConvertible, Sendable {
        var born: String
        var student: Bool
        var statuses: SpecialStatuses
        var category: PersonCategory
        var personal: Int64
        var subsidy: Int64
        var city: Int64
        var description: String { "\(category.rawValue) \(statuses.rawValue) \(personal)+\(subsidy)" }
    }

    /// Every line of the table; the city part is 60% of the subsidy (R13), the county the rest.
    static let premiumCases: [PremiumCase] = [
        // Students (any age) and minors (under 18 on 31 Dec): 80 = 40 + 40 → city 24, county 16.
        .init(born: "2015-06-01", student: true, statuses: [], category: .student, personal: 40, subsidy: 40, city: 24),
        .init(born: "2010-03-01", student: false, statuses: [], category: .minor, personal: 40, subsidy: 40, city: 24),
        // 低保 / 重残 15 + 65 → 39 / 26; 低保边缘 30 + 50 → 30 / 20.
        .init(born: "2010-03-01", student: false, statuses: .dibao, category: .minor, personal: 15, subsidy: 65, city: 39),
        .init(born: "2012-09-09", student: false, statuses: .severelyDisabled, category: .minor, personal: 15, subsidy: 65, city: 39),
        .init(born: "2005-09-09", student: true, statuses: .nearDibao, category: .student, personal: 30, subsidy: 50, city: 30),
        // 18–59: 295 = 255 + 40 → 24 / 16; 低保 85 + 210 → 126 / 84; 重残 55 + 240 → 144 / 96; 边缘 170 + 125 → 75 / 50.
        .init(born: "1990-05-05", student: false, statuses: [], category: .residentAdult, personal: 255, subsidy: 40, city: 24),
        .init(born: "1990-05-05", student: false, statuses: .dibao, category: .residentAdult, personal: 85, subsidy: 210, city: 126),
        .init(born: "1990-05-05", student: false, statuses: .severelyDisabled, category: .residentAdult, personal: 55, subsidy: 240, city: 144),
        .init(born: "1990-05-05", student: false, statuses: .nearDibao, category: .residentAdult, personal: 170, subsidy: 125, city: 75),
        // 17 on 1 June 2025 but 18 on 31 Dec 2025 (R17): an adult for 2025.
        .init(born: "2007-12-31", student: false, statuses: [], category: .residentAdult, personal: 255, subsidy: 40, city: 24),
        // 60 and over: 295 = 195 + 100 → 60 / 40; 低保 / 重残 55 + 240 → 144 / 96; 边缘 125 + 170 → 102 / 68.
        .init(born: "1965-12-31", student: false, statuses: [], category: .residentElderly, personal: 195, subsidy: 100, city: 60),
        .init(born: "1950-01-01", student: false, statuses: .dibao, category: .residentElderly, personal: 55, subsidy: 240, city: 144),
        .init(born: "1950-01-01", student: false, statuses: .severelyDisabled, category: .residentElderly, personal: 55, subsidy: 240, city: 144),
        .init(born: "1950-01-01", student: false, statuses: .nearDibao, category: .residentElderly, personal: 125, subsidy: 170, city: 102),
    ]

    @Test(arguments: premiumCases)
    func benxiPremiumAndSubsidy(c: PremiumCase) throws {
        let p = try ResidentPremium.compute(identity: F.person(born: c.born), year: 2025, student: c.student, statuses: c.statuses,
                                            countyFundedSchool: true, policy: F.benxi)
        #expect(p.category == c.category)
        #expect(p.personal == Money(yuan: c.personal))
        #expect(p.subsidy == Money(yuan: c.subsidy))
        #expect(p.citySubsidy == Money(yuan: c.city))
        #expect(p.countySubsidy == Money(yuan: c.subsidy - c.city))
        #expect(p.total == Money(yuan: c.personal + c.subsidy))
    }

    @Test func studentsOfOtherSchoolsAreSubsidisedByTheCityAlone() throws {
        // R12: a student of a school the county does not fund: 40 subsidy all city.
        let p = try ResidentPremium.compute(identity: F.person(born: "2015-06-01"), year: 2025, student: true, policy: F.benxi)
        #expect((p.citySubsidy, p.countySubsidy) == (F.money("40"), .zero))
        // A non-student is split 60/40 whatever the flag says.
        let m = try ResidentPremium.compute(identity: F.person(born: "2010-03-01"), year: 2025, policy: F.benxi)
        #expect((m.citySubsidy, m.countySubsidy) == (F.money("24"), F.money("16")))
    }

    @Test func backPaymentsCarryNoSubsidy() throws {
        // R19: an adult paying a missed year pays the whole 295 alone.
        let p = try ResidentPremium.compute(identity: F.person(born: "1990-05-05"), year: 2024, backPayment: true, policy: F.benxi)
        #expect((p.personal, p.subsidy, p.citySubsidy, p.countySubsidy) == (F.money("295"), .zero, .zero, .zero))
        #expect(throws: DomainError.self) {
            try ResidentPremium.compute(identity: F.person(born: "1990-05-05"), year: 2025, policy: F.municipal)
        }
    }

    // MARK: contribution years (004 L15, Xiamen L129)

    @Test func shortYearsAreToppedUpInOneSum() throws {
        // Xiamen man with 28 years = 336 months: 24 missing × (10% × 10000) = 24,000.
        let man = try ContributionYears.atRetirement(paidMonths: 336, sex: .male, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect((man.requiredMonths, man.shortMonths, man.topUpPerMonth, man.topUp) == (360, 24, F.money("1000"), F.money("24000")))
        #expect(!man.meetsMinimum)
        // A woman with 25 years meets the minimum and pays nothing.
        let woman = try ContributionYears.atRetirement(paidMonths: 300, sex: .female, base: nil, averageWage: xiamenW, policy: F.xiamen)
        #expect(woman.meetsMinimum && woman.topUp == .zero)
        // Municipal woman with 20 years 6 months = 246 months, last base 8000: 54 × (11% × 8000 = 880) = 47,520.
        let base = ContributionBase(declared: F.money("8000"), amount: F.money("8000"), adjustment: .none)
        let m = try ContributionYears.atRetirement(paidMonths: 246, sex: .female, base: base, averageWage: municipalW, policy: F.municipal)
        #expect((m.shortMonths, m.topUpPerMonth, m.topUp) == (54, F.money("880"), F.money("47520")))
        #expect(throws: DomainError.self) {
            try ContributionYears.atRetirement(paidMonths: 10, sex: .male, base: nil, averageWage: municipalW, policy: F.benxi)
        }
    }
}
