@testable import YibaoCore

/// The `contributions` sections of the presets and people with known birth dates, shared by the
/// contribution, eligibility and account suites.
enum ContributionFixture {
    static func section(_ preset: PolicyPresets.Preset) -> ContributionPolicy {
        try! PolicyPresets.document(preset).section(ContributionPolicy.self)!
    }

    static let benxi = section(PolicyPresets.benxiResident)
    static let xiamen = section(PolicyPresets.xiamenEmployee)
    static let municipal = section(PolicyPresets.municipalEmployee)

    static func date(_ text: String) -> LocalDate { try! LocalDate.parse(text) }
    static func money(_ text: String) -> Money { try! Money.parse(text) }

    /// A person born on `birth` (region 210502, Benxi's 平山区).
    static func person(born birth: String, sex: Sex = .male, sequence: Int? = nil) -> IdentityNumber {
        try! IdentityNumber.make(region: RegionCode.parse("210502"), birthDate: date(birth),
                                 sequence: sequence ?? (sex == .male ? 11 : 12), sex: sex)
    }

    static let benxiRegion = try! RegionCode.parse("210500")
    static let xiamenRegion = try! RegionCode.parse("350200")
    static let municipalRegion = try! RegionCode.parse("329900")
}
