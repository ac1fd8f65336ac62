import Foundation
import PropertyBased
import Testing
@testable import YibaoCore

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [("0", 0), ("12", 1200), ("12.3", 1230), ("-0.05", -5), ("1234.56", 123_456), ("0.1", 10), ("-0", 0)] as [(String, Int64)])
    func parsesDecimalYuan(text: String, fen: Int64) throws {
        #expect(try Money.parse(text) == Money(fen: fen))
    }

    @Test(arguments: [
        ("", "MONEY_EMPTY"),
        ("1.234", "MONEY_DECIMALS"),
        ("1e3", "MONEY_FORMAT"),
        ("1,000", "MONEY_FORMAT"),
        (" 1", "MONEY_FORMAT"),
        ("+1", "MONEY_FORMAT"),
        ("--1", "MONEY_FORMAT"),
        (".5", "MONEY_FORMAT"),
        ("5.", "MONEY_FORMAT"),
        ("-", "MONEY_FORMAT"),
        ("１", "MONEY_FORMAT"),
        ("99999999999999999999", "MONEY_OVERFLOW"),
        ("92233720368547758.08", "MONEY_OVERFLOW"),    // Int64.max fen + 1
        ("-92233720368547758.09", "MONEY_OVERFLOW"),   // Int64.min fen − 1
    ])
    func refusesWithTheReason(text: String, code: String) {
        let error = #expect(throws: DomainError.self) { try Money.parse(text) }
        #expect(error?.code == code)
        #expect(error?.message.isEmpty == false && error?.messageEn.isEmpty == false)
    }

    @Test func exponentHasItsOwnMessage() {
        let error = #expect(throws: DomainError.self) { try Money.parse("1e3") }
        #expect(error?.message.contains("科学计数法") == true)
    }

    @Test func extremesRoundTrip() throws {
        #expect(Money(fen: .max).description == "92233720368547758.07")
        #expect(Money(fen: .min).description == "-92233720368547758.08")
        #expect(try Money.parse("92233720368547758.07") == Money(fen: .max))
        #expect(try Money.parse("-92233720368547758.08") == Money(fen: .min))
    }

    @Test func formatting() {
        #expect(Money(fen: -5).description == "-0.05")
        #expect(Money(fen: 0).description == "0.00")
        #expect(Money(fen: 123_456_789).grouped == "1,234,567.89")
        #expect(Money(fen: -100_000).grouped == "-1,000.00")
    }

    @Test func parseNonNegative() {
        #expect((#expect(throws: DomainError.self) { try Money.parseNonNegative("-0.01") })?.code == "MONEY_NEGATIVE")
    }

    @Test func codableOnlyAsString() throws {
        #expect(String(decoding: try JSONEncoder().encode([Money(fen: 123_456)]), as: UTF8.self) == "[\"1234.56\"]")
        #expect(try JSONDecoder().decode([Money].self, from: Data("[\"-0.05\"]".utf8)) == [Money(fen: -5)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[1234.56]".utf8)) }
    }

    @Test func parseInvertsDescription() async {
        await propertyCheck(count: 1000, input: Gen.int64()) { fen in
            let parsed = try Money.parse(Money(fen: fen).description)
            #expect(parsed == Money(fen: fen))
        }
    }
}
