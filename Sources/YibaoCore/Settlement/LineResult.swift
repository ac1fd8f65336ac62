/// How one fee line was classified (national fee-detail output fields).
public struct LineResult: Sendable, Equatable, Codable {
    public var code: String
    public var listClass: ListClass
    public var amount: Money
    /// 全自费: 丙, out of catalogue or not declared by the institution.
    public var fullySelfPaid: Money
    /// 超限价: the part above the price ceiling (or a special group's bed-fee cap).
    public var overLimit: Money
    /// 先行自付: the 乙 upfront share.
    public var preSelfPay: Money
    /// 符合范围: what remains in scope.
    public var inScope: Money

    public init(code: String, listClass: ListClass, amount: Money) {
        self.code = code
        self.listClass = listClass
        self.amount = amount
        fullySelfPaid = .zero
        overLimit = .zero
        preSelfPay = .zero
        inScope = .zero
    }

    enum CodingKeys: String, CodingKey {
        case code = "med_list_codg", listClass = "chrgitm_lv", amount = "det_item_fee_sumamt"
        case fullySelfPaid = "fulamt_ownpay_amt", overLimit = "overlmt_amt", preSelfPay = "preselfpay_amt"
        case inScope = "inscp_scp_amt"
        /// Not a national field: `chrgitm_lv` reports 目录外 as 03 (丙), and a stored explanation must
        /// still tell the two apart when it is read back.
        case outOfCatalogue = "out_of_catalogue"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        let lv = try c.decode(String.self, forKey: .listClass)
        listClass = try c.decodeIfPresent(Bool.self, forKey: .outOfCatalogue) == true ? .outOfCatalogue : ListClass(rawValue: lv) ?? .outOfCatalogue
        amount = try c.decode(Money.self, forKey: .amount)
        fullySelfPaid = try c.decode(Money.self, forKey: .fullySelfPaid)
        overLimit = try c.decode(Money.self, forKey: .overLimit)
        preSelfPay = try c.decode(Money.self, forKey: .preSelfPay)
        inScope = try c.decode(Money.self, forKey: .inScope)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(listClass.chrgitmLv, forKey: .listClass)
        if listClass == .outOfCatalogue { try c.encode(true, forKey: .outOfCatalogue) }
        try c.encode(amount, forKey: .amount)
        try c.encode(fullySelfPaid, forKey: .fullySelfPaid)
        try c.encode(overLimit, forKey: .overLimit)
        try c.encode(preSelfPay, forKey: .preSelfPay)
        try c.encode(inScope, forKey: .inScope)
    }
}
