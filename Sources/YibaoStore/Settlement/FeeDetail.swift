import SQLKit
import YibaoCore

/// One uploaded fee line (`feedetl_sn`) with money in fen and the count in ten-thousandths (`cnt` has
/// four decimals nationally).
public struct FeeDetail: Sendable, Equatable {
    public var feedetlSn: String
    public var code: String
    public var medinsCode: String
    public var amount: Money
    public var price: Money
    public var countE4: Int64
    public var date: LocalDate

    public init(feedetlSn: String, code: String, medinsCode: String, amount: Money, price: Money, countE4: Int64, date: LocalDate) {
        self.feedetlSn = feedetlSn
        self.code = code
        self.medinsCode = medinsCode
        self.amount = amount
        self.price = price
        self.countE4 = countE4
        self.date = date
    }

    /// `unit × cnt` rounded half-up to the fen; nil when it is beyond any real amount (overflow).
    /// Bed-days billed by a bed-fee line: its count, a part day counting as a whole one (the per-day
    /// cap of special groups then never falls below what a part day costs).
    public var bedDays: Int { Int((countE4 + 9_999) / 10_000) }

    public static func times(_ unit: Money, countE4: Int64) -> Money? {
        let (product, overflow) = unit.fen.multipliedReportingOverflow(by: countE4)
        guard !overflow, product <= Int64.max - 5_000 else { return nil }
        return Money(fen: (product + 5_000) / 10_000)
    }
}

extension FeeDetail {
    init(row: any SQLRow) throws {
        self.init(feedetlSn: try row.decode(column: "feedetl_sn", as: String.self),
                  code: try row.decode(column: "med_list_codg", as: String.self),
                  medinsCode: try row.decode(column: "medins_list_codg", as: String.self),
                  amount: Money(fen: try row.decode(column: "det_item_fee_sumamt_fen", as: Int64.self)),
                  price: Money(fen: try row.decode(column: "pric_fen", as: Int64.self)),
                  countE4: try row.decode(column: "cnt_e4", as: Int64.self),
                  date: try LocalDate.parse(try row.decode(column: "fee_ocur_time", as: String.self)))
    }
}
