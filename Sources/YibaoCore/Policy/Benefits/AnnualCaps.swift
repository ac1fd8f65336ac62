/// 最高支付限额: what each fund may pay for one person in one benefit year (Benxi hifp 30,000;
/// Xiamen hifp 53,000, hardship subsidy 8,000). An absent fund is not capped here.
public struct AnnualCaps: Codable, Sendable, Equatable {
    public var hifp: PolicyAmount?
    public var hifmi: PolicyAmount?
    public var hifob: PolicyAmount?
    public var cvlserv: PolicyAmount?
    public var hifes: PolicyAmount?
    public var maf: PolicyAmount?
    public var oth: PolicyAmount?

    public init() {}

    public subscript(fund: FundKind) -> PolicyAmount? {
        switch fund {
        case .hifp: return hifp
        case .hifmi: return hifmi
        case .hifob: return hifob
        case .cvlserv: return cvlserv
        case .hifes: return hifes
        case .maf: return maf
        case .oth: return oth
        }
    }
}
