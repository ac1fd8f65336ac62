import Testing
@testable import YibaoCore

/// Registration checks: identity number, derived birth date and sex, category by scheme and by age on
/// 31 December (Benxi R17), dated statuses — each refusal at its field.
@Suite struct PersonRegistrationTests {
    typealias F = ContributionFixture

    static func refusal(_ registration: PersonRegistration, _ insutype: Insutype = .residentBasic, on day: String = "2025-06-15") -> DomainError? {
        do {
            _ = try registration.check(insutype: insutype, enrolOn: F.date(day), policy: F.benxi)
            return nil
        } catch {
            return error
        }
    }

    @Test func birthDateAndSexComeFromTheIdentityNumber() throws {
        let woman = F.person(born: "1990-06-01", sex: .female)
        let checked = try PersonRegistration(certno: woman.value, name: "刘芳", category: .residentAdult)
            .check(insutype: .residentBasic, enrolOn: F.date("2025-01-10"), policy: F.benxi)
        #expect(checked.sex == .female)
        #expect(checked.birthDate == F.date("1990-06-01"))
        #expect(checked.hukouRegion.value == "210502")

        let wrongSex = Self.refusal(PersonRegistration(certno: woman.value, name: "刘芳", sex: .male, category: .residentAdult))
        #expect(wrongSex?.code == "SEX_MISMATCH")
        #expect(wrongSex?.path == "sex")
        let wrongBirth = Self.refusal(PersonRegistration(certno: woman.value, name: "刘芳", birthDate: F.date("1990-06-02"),
                                                         category: .residentAdult))
        #expect(wrongBirth?.code == "BIRTH_DATE_MISMATCH")
        #expect(wrongBirth?.path == "birth_date")
        // The last character is the check character: change it and the number is refused at `certno`.
        let forged = String(woman.value.dropLast()) + (woman.value.last == "1" ? "2" : "1")
        #expect(Self.refusal(PersonRegistration(certno: forged, name: "刘芳", category: .residentAdult))?.path == "certno")
        #expect(Self.refusal(PersonRegistration(certno: woman.value, name: " ", category: .residentAdult))?.path == "name")
    }

    /// Born 2007-12-31: 17 on 2025-06-15 but 18 on 31 December 2025, so a resident adult for 2025, not a
    /// minor (R17). Born 1965-12-31: 60 at the end of 2025, elderly. A student is a student at any age.
    @Test func residentCategoryFollowsTheAgeAtYearEnd() {
        let young = F.person(born: "2007-12-31")
        let minor = Self.refusal(PersonRegistration(certno: young.value, name: "张小", category: .minor))
        #expect(minor?.code == "CATEGORY_AGE")
        #expect(minor?.path == "psn_type")
        #expect(minor?.message.contains("resident_adult") == true)
        #expect(Self.refusal(PersonRegistration(certno: young.value, name: "张小", category: .residentAdult)) == nil)
        #expect(Self.refusal(PersonRegistration(certno: young.value, name: "张小", category: .student)) == nil)
        let old = F.person(born: "1965-12-31")
        #expect(Self.refusal(PersonRegistration(certno: old.value, name: "张老", category: .residentAdult))?.code == "CATEGORY_AGE")
        #expect(Self.refusal(PersonRegistration(certno: old.value, name: "张老", category: .residentElderly)) == nil)
        // Employee categories belong to the employee scheme, resident categories to the resident scheme.
        #expect(Self.refusal(PersonRegistration(certno: old.value, name: "张老", category: .employee))?.code == "CATEGORY_SCHEME")
        #expect(Self.refusal(PersonRegistration(certno: old.value, name: "张老", category: .residentElderly), .employeeBasic)?.code
                == "CATEGORY_SCHEME")
    }

    /// 低保 from 2025-01-01 through 2025-06-30, then 低保边缘 from 2025-07-01: on 2025-06-30 the person
    /// is 低保, on 2025-07-01 低保边缘. Overlapping periods of one status, or a period ending before it
    /// starts, are refused at the offending entry.
    @Test func statusesCarryTheirDates() throws {
        let person = F.person(born: "1980-03-03")
        let periods = [StatusPeriod(status: .dibao, from: F.date("2025-01-01"), through: F.date("2025-06-30")),
                       StatusPeriod(status: .nearDibao, from: F.date("2025-07-01"))]
        let checked = try PersonRegistration(certno: person.value, name: "王五", category: .residentAdult, statuses: periods)
            .check(insutype: .residentBasic, enrolOn: F.date("2025-01-10"), policy: F.benxi)
        #expect(checked.statuses(on: F.date("2025-06-30")) == .dibao)
        #expect(checked.statuses(on: F.date("2025-07-01")) == .nearDibao)
        #expect(checked.statuses(on: F.date("2024-12-31")) == [])
        let overlap = Self.refusal(PersonRegistration(certno: person.value, name: "王五", category: .residentAdult, statuses: [
            StatusPeriod(status: .dibao, from: F.date("2025-01-01")), StatusPeriod(status: .dibao, from: F.date("2025-03-01")),
        ]))
        #expect(overlap?.code == "STATUS_OVERLAP")
        #expect(overlap?.path == "statuses[1].from")
        let backwards = Self.refusal(PersonRegistration(certno: person.value, name: "王五", category: .residentAdult, statuses: [
            StatusPeriod(status: .severelyDisabled, from: F.date("2025-03-01"), through: F.date("2025-02-01")),
        ]))
        #expect(backwards?.path == "statuses[0].through")
    }
}
