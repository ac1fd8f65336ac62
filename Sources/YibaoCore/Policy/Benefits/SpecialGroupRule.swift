/// Overlay for a special group (004 L51, L55): 1–6 grade disabled servicemen have all in-scope
/// co-payments under basic and serious-illness insurance paid (`copay_coverage: 100%`), out-of-catalogue
/// rescue drugs paid at 40%, and bed fees reimbursed up to 50 a bed-day (the excess is over-limit).
public struct SpecialGroupRule: Codable, Sendable, Equatable {
    /// The rule applies to a person holding any of these statuses.
    public var statuses: SpecialStatuses
    /// Share of the person's remaining in-scope co-payment (deductible, co-insurance, layer co-pay,
    /// 乙 upfront self-pay) that `fund` pays.
    public var copayCoverage: Ratio?
    /// Share of out-of-catalogue lines flagged `rescue` that `fund` pays.
    public var rescueOutOfCatalogue: Ratio?
    /// Ceiling per bed-day on bed-fee lines; the excess is self-paid as over-limit.
    public var bedFeeCapPerDay: Money?
    public var fund: FundKind

    enum CodingKeys: String, CodingKey {
        case statuses, fund
        case copayCoverage = "copay_coverage", rescueOutOfCatalogue = "rescue_out_of_catalogue"
        case bedFeeCapPerDay = "bed_fee_cap_per_day"
    }
}
