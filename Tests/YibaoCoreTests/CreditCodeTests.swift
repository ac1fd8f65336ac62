import Foundation
import PropertyBased
import Testing
@testable import YibaoCore

@Suite("CreditCode (GB 32100-2015)")
struct CreditCodeTests {
    // Character values: 0–9 → 0–9, A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30.
    // Weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.

    // 华为技术有限公司, published on its zh.wikipedia page (机构代码 914403001922038216):
    //   9·1+1·3+4·9+4·27+0·19+3·26+0·16+0·17+1·20+9·29+2·25+2·13+0·8+3·24+8·10+2·30+1·28
    //   = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6 → "6".
    // 深圳市腾讯计算机系统有限公司 91440300708461136T: Σ = 966; 966 mod 31 = 5; 31 − 5 = 26 → T.
    // 阿里巴巴（中国）有限公司 91330100799655058B: Σ = 1384; 1384 mod 31 = 20; 31 − 20 = 11 → B.
    // 小米科技有限责任公司 91110108551385082Q: Σ = 999; 999 mod 31 = 7; 31 − 7 = 24 → Q.
    static let published = ["914403001922038216", "91440300708461136T", "91330100799655058B", "91110108551385082Q"]

    @Test(arguments: published)
    func publishedCodesAreValid(text: String) throws {
        let code = try CreditCode.parse(text)
        #expect(code.value == text)
        #expect(code.registrationAuthority == "9")
        #expect(code.category == "1")
    }

    @Test func partsOfHuaweisCode() throws {
        let code = try CreditCode.parse("914403001922038216")
        #expect(code.registrationRegion == "440300")
        #expect(code.regionCode == (try RegionCode.parse("440300")))
        #expect(code.organisationCode == "192203821")
        #expect("\(code)" == "914403001922038216")
    }

    @Test func lowerCaseIsNormalised() throws {
        #expect(try CreditCode.parse("91440300708461136t").value == "91440300708461136T")
    }

    @Test(arguments: ["91440300192203821", "9144030019220382160", ""])
    func wrongLength(text: String) {
        let error = #expect(throws: DomainError.self) { try CreditCode.parse(text) }
        #expect(error?.code == "CREDIT_CODE_LENGTH")
        #expect(error?.message.contains("实为\(text.count)位") == true)
    }

    @Test(arguments: [
        ("914403001922O38216", 13, "O"),
        ("9144030019220382I6", 17, "I"),
        ("91440300192203821S", 18, "S"),
        ("Z14403001922038216", 1, "Z"),
        ("91440300-922038216", 9, "-"),
    ])
    func badCharacterNamesItAndItsPosition(text: String, position: Int, character: String) {
        let error = #expect(throws: DomainError.self) { try CreditCode.parse(text) }
        #expect(error?.code == "CREDIT_CODE_CHARACTER")
        #expect(error?.message.contains("第\(position)位“\(character)”") == true)
        #expect(error?.messageEn.contains("character \(position) \"\(character)\"") == true)
    }

    @Test func regionPartMustBeDigits() {
        let error = #expect(throws: DomainError.self) { try CreditCode.parse("91A403001922038216") }
        #expect(error?.code == "CREDIT_CODE_REGION")
        #expect(error?.message.contains("“A40300”") == true)
    }

    @Test func wrongCheckSaysWhichWasExpected() {
        let error = #expect(throws: DomainError.self) { try CreditCode.parse("914403001922038217") }
        #expect(error?.code == "CREDIT_CODE_CHECK")
        #expect(error?.message.contains("应为“6”，实为“7”") == true)
        #expect(error?.messageEn.contains("expected \"6\", found \"7\"") == true)
    }

    @Test func makeComputesTheCheck() throws {
        // 9 1 2 1 0 5 0 2 M A 0 0 0 0 0 0 1: 9·1+1·3+2·9+1·27+0+5·26+0+2·17+21·20+10·29+0·…+1·28
        //   = 9+3+18+27+130+34+420+290+28 = 959; 959 mod 31 = 29; 31 − 29 = 2 → "2".
        let code = try CreditCode.make(region: RegionCode.parse("210502"), organisation: "MA0000001")
        #expect(code.value == "91210502MA00000012")
        #expect(code.regionCode == (try RegionCode.parse("210502")))
        let civil = try CreditCode.make(authority: "5", category: "2", region: RegionCode.parse("210502"), organisation: "MA0000001")
        #expect(civil.registrationAuthority == "5")
        #expect(civil.category == "2")
    }

    @Test func makeRefusesABadOrganisationBody() throws {
        let region = try RegionCode.parse("210502")
        let short = #expect(throws: DomainError.self) { try CreditCode.make(region: region, organisation: "MA00001") }
        #expect(short?.code == "CREDIT_CODE_LENGTH")
        let bad = #expect(throws: DomainError.self) { try CreditCode.make(region: region, organisation: "MA000000I") }
        #expect(bad?.code == "CREDIT_CODE_CHARACTER")
        #expect(bad?.message.contains("第17位“I”") == true)
    }

    @Test func nationalBodiesHaveNoProvincialRegion() throws {
        // Central bodies register under 100000. 1 1 1 0 0 0 0 0 M B 0 0 0 0 0 0 1:
        //   1·1+1·3+1·9+0+…+21·20+11·29+0+…+1·28 = 1+3+9+420+319+28 = 780; 780 mod 31 = 5; 31 − 5 = 26 → T.
        let code = try CreditCode.parse("11100000MB0000001T")
        #expect(code.registrationRegion == "100000")
        #expect(code.regionCode == nil)
    }

    @Test func codableAsString() throws {
        let code = try CreditCode.parse("914403001922038216")
        #expect(String(decoding: try JSONEncoder().encode([code]), as: UTF8.self) == "[\"914403001922038216\"]")
        #expect(try JSONDecoder().decode([CreditCode].self, from: Data("[\"914403001922038216\"]".utf8)) == [code])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CreditCode].self, from: Data("[\"914403001922038217\"]".utf8))
        }
    }

    @Test func madeCodesValidateAndEverySubstitutionIsCaught() async throws {
        // Weights are all non-zero mod 31 and 31 is prime, so any one changed character changes the sum mod 31.
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let region = try RegionCode.parse("210502")
        await propertyCheck(count: 300, input: Gen.int(in: 0...30).array(of: 9), Gen.int(in: 0...16), Gen.int(in: 1...30)) { body, position, shift in
            let code = try CreditCode.make(region: region, organisation: String(body.map { alphabet[$0] }))
            #expect(try CreditCode.parse(code.value) == code)
            var chars = Array(code.value)
            chars[position] = alphabet[(alphabet.firstIndex(of: chars[position])! + shift) % 31]
            #expect(throws: DomainError.self) { try CreditCode.parse(String(chars)) }
        }
    }
}
