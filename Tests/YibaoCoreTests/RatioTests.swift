import Foundation
import PropertyBased
import Testing
@testable import YibaoCore

@Suite("Ratio")
struct RatioTests {
    @Test(arguments: [("15%", 150_000), ("0.05%", 500), ("0.15", 150_000), ("1", 1_000_000), ("0.000001", 1),
                      ("0.005%", 50), ("100%", 1_000_000), ("0", 0)] as [(String, Int64)])
    func parses(text: String, ppm: Int64) throws {
        #expect(try Ratio.parse(text) == Ratio(ppm: ppm))
    }

    @Test(arguments: [("-0.1", "RATIO_FORMAT"), ("1e-3", "RATIO_FORMAT"), ("%", "RATIO_FORMAT"), ("", "RATIO_FORMAT"),
                      (".5", "RATIO_FORMAT"), ("0.0000001", "RATIO_PRECISION"), ("0.00001%", "RATIO_PRECISION")])
    func refuses(text: String, code: String) {
        #expect((#expect(throws: DomainError.self) { try Ratio.parse(text) })?.code == code)
    }

    @Test func formatting() {
        #expect(Ratio(ppm: 150_000).description == "0.15")
        #expect(Ratio(ppm: 150_000).percentText == "15%")
        #expect(Ratio(ppm: 500).percentText == "0.05%")
        #expect(Ratio(ppm: 1_000_000).description == "1")
        #expect(Ratio(percent: 15) == Ratio(ppm: 150_000))
        #expect(Ratio(basisPoints: 5) == Ratio(ppm: 500))
        #expect(Ratio(ppm: 150_000).complement == Ratio(ppm: 850_000))
    }

    @Test func applyRoundsHalfUpToTheFen() {
        let fifteen = Ratio(ppm: 150_000)
        // 0.15 × 0.10 yuan: 10 fen × 0.15 = 1.5 fen → 2 fen.
        #expect(fifteen.apply(to: Money(fen: 10)) == Money(fen: 2))
        // 0.15 × 0.09 yuan: 9 fen × 0.15 = 1.35 fen → 1 fen.
        #expect(fifteen.apply(to: Money(fen: 9)) == Money(fen: 1))
        // Negatives mirror: −1.5 → −2, −1.35 → −1 (half away from zero).
        #expect(fifteen.apply(to: Money(fen: -10)) == Money(fen: -2))
        #expect(fifteen.apply(to: Money(fen: -9)) == Money(fen: -1))
        #expect(Ratio(ppm: -150_000).apply(to: Money(fen: 10)) == Money(fen: -2))
        // Exactly half a fen: 1 fen × 0.5 = 0.5 → 1; just under: 1 fen × 0.499999 → 0.
        #expect(Ratio(ppm: 500_000).apply(to: Money(fen: 1)) == Money(fen: 1))
        #expect(Ratio(ppm: 499_999).apply(to: Money(fen: 1)) == Money(fen: 0))
        // 15% of 1234.56 yuan = 18518.4 fen → 185.18 yuan.
        #expect(fifteen.apply(to: Money(fen: 123_456)) == Money(fen: 18_518))
        // A late fee of 0.05% a day on 1,000 yuan = 100000 fen × 0.0005 = 50 fen.
        #expect(Ratio(ppm: 500).apply(to: Money(yuan: 1000)) == Money(fen: 50))
        // The whole: 100% of Int64.max fen is exact.
        #expect(Ratio.one.apply(to: Money(fen: .max)) == Money(fen: .max))
    }

    @available(macOS 15, *)
    @Test func applyMatchesAWideReference() async {
        // Reference: (2·fen·ppm ± 10⁶) / (2·10⁶) in Int128, truncating toward zero, the sign of the
        // product choosing ±: exactly "half away from zero".
        await propertyCheck(count: 1000, input: Gen.int64(), Gen.int64(in: -1_000_000...1_000_000)) { fen, ppm in
            let product = Int128(fen) * Int128(ppm) * 2
            let reference = (product + (product < 0 ? -1_000_000 : 1_000_000)) / 2_000_000
            #expect(Ratio(ppm: ppm).apply(to: Money(fen: fen)) == Money(fen: Int64(reference)))
        }
    }

    @Test func codableFromStringsAndBareNumbers() throws {
        #expect(try JSONDecoder().decode([Ratio].self, from: Data(#"["15%", 0.15, "0.05%", 1]"#.utf8))
            == [Ratio(ppm: 150_000), Ratio(ppm: 150_000), Ratio(ppm: 500), Ratio.one])
        #expect(String(decoding: try JSONEncoder().encode([Ratio(ppm: 150_000)]), as: UTF8.self) == "[\"0.15\"]")
    }
}
