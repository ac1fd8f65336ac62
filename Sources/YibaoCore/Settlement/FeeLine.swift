/// One line of a bill (费用明细) as the institution uploads it.
public struct FeeLine: Sendable, Equatable, Codable {
    /// National catalogue code (`med_list_codg`).
    public var code: String
    public var name: String
    public var listClass: ListClass
    /// Whether the institution declared the item in its list; undeclared items are not paid (fully self-paid).
    public var declared: Bool
    /// Line total (`det_item_fee_sumamt`).
    public var amount: Money
    public var quantity: Int
    /// Price ceiling per unit (最高限价); the part of the line above `ceiling × quantity` is over-limit.
    public var ceilingPrice: Money?
    /// Bed-days, set on bed-fee lines (a special group may cap the bed fee per day).
    public var bedDays: Int?
    /// Drug used in rescue (抢救), which some special groups get partly paid even out of catalogue.
    public var rescue: Bool
    /// Day of service; used only to split an admission across the benefit-year turn.
    public var date: LocalDate?

    public init(code: String, name: String = "", listClass: ListClass, amount: Money, quantity: Int = 1,
                ceilingPrice: Money? = nil, declared: Bool = true, bedDays: Int? = nil, rescue: Bool = false,
                date: LocalDate? = nil) {
        self.code = code
        self.name = name
        self.listClass = listClass
        self.declared = declared
        self.amount = amount
        self.quantity = quantity
        self.ceilingPrice = ceilingPrice
        self.bedDays = bedDays
        self.rescue = rescue
        self.date = date
    }

    enum CodingKeys: String, CodingKey {
        case code = "med_list_codg", name, listClass = "class", declared, amount, quantity
        case ceilingPrice = "ceiling_price", bedDays = "bed_days", rescue, date
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        listClass = try c.decode(ListClass.self, forKey: .listClass)
        declared = try c.decodeIfPresent(Bool.self, forKey: .declared) ?? true
        amount = try c.decode(Money.self, forKey: .amount)
        quantity = try c.decodeIfPresent(Int.self, forKey: .quantity) ?? 1
        ceilingPrice = try c.decodeIfPresent(Money.self, forKey: .ceilingPrice)
        bedDays = try c.decodeIfPresent(Int.self, forKey: .bedDays)
        rescue = try c.decodeIfPresent(Bool.self, forKey: .rescue) ?? false
        date = try c.decodeIfPresent(LocalDate.self, forKey: .date)
    }
}
