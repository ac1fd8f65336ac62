/// The result of settling one encounter: the national settlement fields, the per-line results, the
/// accumulators after it, the change it made to them, and the ordered explanation.
public struct Settlement: Sendable, Equatable {
    public var date: LocalDate
    public var setting: BenefitSetting
    /// First day of the benefit year the encounter was settled in.
    public var benefitYearStart: LocalDate

    public var medfeeSumamt: Money
    public var fulamtOwnpayAmt: Money
    public var overlmtSelfpay: Money
    public var preselfpayAmt: Money
    public var inscpScpAmt: Money
    public var actPayDedc: Money
    /// Paid by each fund (`hifp_pay`, `hifmi_pay`, ... `oth_pay`).
    public var funds: FundAmounts
    /// The person's co-insurance share under the pooled fund (`pool_prop_selfpay`).
    public var poolPropSelfpay: Money
    public var acctPayFirstLevel: Money
    public var acctPaySecondLevel: Money
    public var psnCashPay: Money
    /// Account balances after the settlement (`balc` is their total).
    public var accountAfter: AccountBalances

    public var lines: [LineResult]
    public var accumulators: Accumulators
    /// What this settlement added to the accumulators; a cancel subtracts it.
    public var delta: Accumulators
    public var explanation: [ExplanationStep]

    public var fundPaySumamt: Money { funds.total }
    public var acctPay: Money { acctPayFirstLevel + acctPaySecondLevel }
    /// The person's whole burden: account plus cash.
    public var psnPartAmt: Money { acctPay + psnCashPay }
    public var balc: Money { accountAfter.total }
    public var medType: String { setting.medType }

    /// The explanation rendered line by line.
    public func explanationText(_ language: ExplanationStep.Language) -> [String] {
        explanation.map { $0.text(language) }
    }
}

extension Settlement: Codable {
    enum CodingKeys: String, CodingKey {
        case setlTime = "setl_time", medType = "med_type", setting, benefitYearStart = "benefit_year_start"
        case medfeeSumamt = "medfee_sumamt", fulamtOwnpayAmt = "fulamt_ownpay_amt"
        case overlmtSelfpay = "overlmt_selfpay", preselfpayAmt = "preselfpay_amt", inscpScpAmt = "inscp_scp_amt"
        case actPayDedc = "act_pay_dedc", hifpPay = "hifp_pay", poolPropSelfpay = "pool_prop_selfpay"
        case hifmiPay = "hifmi_pay", hifobPay = "hifob_pay", cvlservPay = "cvlserv_pay", hifesPay = "hifes_pay"
        case mafPay = "maf_pay", othPay = "oth_pay", fundPaySumamt = "fund_pay_sumamt", acctPay = "acct_pay"
        case acctPayFirstLevel = "acct_pay_first_level", acctPaySecondLevel = "acct_pay_second_level"
        case psnCashPay = "psn_cash_pay", psnPartAmt = "psn_part_amt", balc
        case lines = "setldetail", accountAfter = "account_after", accumulators, delta, explanation
    }

    /// The national field names with money as decimal strings, then lines, accumulators and the
    /// structured explanation.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .setlTime)
        try c.encode(medType, forKey: .medType)
        try c.encode(setting, forKey: .setting)
        try c.encode(benefitYearStart, forKey: .benefitYearStart)
        try encodeNationalFields(into: &c)
        try c.encode(lines, forKey: .lines)
        try c.encode(accountAfter, forKey: .accountAfter)
        try c.encode(accumulators, forKey: .accumulators)
        try c.encode(delta, forKey: .delta)
        try c.encode(explanation, forKey: .explanation)
    }

    /// Reads back what `encode` wrote (a stored settlement, for display and cancel); the sums are
    /// recomputed from their parts and must agree with the stored ones.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func money(_ key: CodingKeys) throws -> Money { try c.decode(Money.self, forKey: key) }
        date = try c.decode(LocalDate.self, forKey: .setlTime)
        setting = try c.decode(BenefitSetting.self, forKey: .setting)
        benefitYearStart = try c.decode(LocalDate.self, forKey: .benefitYearStart)
        medfeeSumamt = try money(.medfeeSumamt)
        fulamtOwnpayAmt = try money(.fulamtOwnpayAmt)
        overlmtSelfpay = try money(.overlmtSelfpay)
        preselfpayAmt = try money(.preselfpayAmt)
        inscpScpAmt = try money(.inscpScpAmt)
        actPayDedc = try money(.actPayDedc)
        funds = FundAmounts()
        funds.hifp = try money(.hifpPay)
        funds.hifmi = try money(.hifmiPay)
        funds.hifob = try money(.hifobPay)
        funds.cvlserv = try money(.cvlservPay)
        funds.hifes = try money(.hifesPay)
        funds.maf = try money(.mafPay)
        funds.oth = try money(.othPay)
        poolPropSelfpay = try money(.poolPropSelfpay)
        acctPayFirstLevel = try money(.acctPayFirstLevel)
        acctPaySecondLevel = try money(.acctPaySecondLevel)
        psnCashPay = try money(.psnCashPay)
        lines = try c.decode([LineResult].self, forKey: .lines)
        accumulators = try c.decode(Accumulators.self, forKey: .accumulators)
        delta = try c.decode(Accumulators.self, forKey: .delta)
        explanation = try c.decode([ExplanationStep].self, forKey: .explanation)
        accountAfter = try c.decode(AccountBalances.self, forKey: .accountAfter)
        guard try money(.fundPaySumamt) == funds.total, try money(.acctPay) == acctPay,
              try money(.psnPartAmt) == psnPartAmt, try money(.balc) == balc else {
            throw DecodingError.dataCorruptedError(forKey: .fundPaySumamt, in: c,
                debugDescription: "合计与分项不符 / the totals do not match their parts")
        }
    }

    func encodeNationalFields(into c: inout KeyedEncodingContainer<CodingKeys>) throws {
        try c.encode(medfeeSumamt, forKey: .medfeeSumamt)
        try c.encode(fulamtOwnpayAmt, forKey: .fulamtOwnpayAmt)
        try c.encode(overlmtSelfpay, forKey: .overlmtSelfpay)
        try c.encode(preselfpayAmt, forKey: .preselfpayAmt)
        try c.encode(inscpScpAmt, forKey: .inscpScpAmt)
        try c.encode(actPayDedc, forKey: .actPayDedc)
        try c.encode(funds.hifp, forKey: .hifpPay)
        try c.encode(poolPropSelfpay, forKey: .poolPropSelfpay)
        try c.encode(funds.hifmi, forKey: .hifmiPay)
        try c.encode(funds.hifob, forKey: .hifobPay)
        try c.encode(funds.cvlserv, forKey: .cvlservPay)
        try c.encode(funds.hifes, forKey: .hifesPay)
        try c.encode(funds.maf, forKey: .mafPay)
        try c.encode(funds.oth, forKey: .othPay)
        try c.encode(fundPaySumamt, forKey: .fundPaySumamt)
        try c.encode(acctPay, forKey: .acctPay)
        try c.encode(acctPayFirstLevel, forKey: .acctPayFirstLevel)
        try c.encode(acctPaySecondLevel, forKey: .acctPaySecondLevel)
        try c.encode(psnCashPay, forKey: .psnCashPay)
        try c.encode(psnPartAmt, forKey: .psnPartAmt)
        try c.encode(balc, forKey: .balc)
    }

    /// Only the national output fields (what `yibao simulate` prints as JSON).
    public struct NationalFields: Encodable {
        let settlement: Settlement
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(settlement.date, forKey: .setlTime)
            try c.encode(settlement.medType, forKey: .medType)
            try settlement.encodeNationalFields(into: &c)
        }
    }

    public var nationalFields: NationalFields { NationalFields(settlement: self) }
}
