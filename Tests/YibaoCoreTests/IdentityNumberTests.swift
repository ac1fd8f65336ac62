import Foundation
import PropertyBased
import Testing
@testable import YibaoCore

@Suite("IdentityNumber (GB 11643-1999)")
struct IdentityNumberTests {
    // The standard's own example, 北京市朝阳区 110105, born 1949-12-31, sequence 002 (even: female).
    // Check: digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 × weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    //   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → map[2] = X.
    static let standardExample = "11010519491231002X"

    @Test func standardExampleDerivesEverything() throws {
        let id = try IdentityNumber.parse(Self.standardExample)
        #expect(id.value == "11010519491231002X")
        #expect(id.regionCode == (try RegionCode.parse("110105")))
        #expect(id.birthDate == LocalDate(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.masked == "110105********002X")
    }

    @Test func lowerCaseXIsNormalised() throws {
        let id = try IdentityNumber.parse("11010519491231002x")
        #expect(id.value == "11010519491231002X")
        #expect(id == (try IdentityNumber.parse(Self.standardExample)))
    }

    @Test func maskedIsTheDescriptionSoLogsNeverLeak() throws {
        let id = try IdentityNumber.parse(Self.standardExample)
        #expect("\(id)" == "110105********002X")
        #expect(!"\(id)".contains("19491231"))
    }

    @Test func wrongLengthMentionsTheUpgradeOfOldNumbers() {
        // A 15-digit first-generation number (110105 491231 002) must be upgraded first.
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse("110105491231002") }
        #expect(error?.code == "ID_NUMBER_LENGTH")
        #expect(error?.message.contains("实为15位") == true)
        #expect(error?.message.contains("15位旧号码须先升级为18位") == true)
        #expect(error?.messageEn.contains("15-digit") == true)
        #expect((#expect(throws: DomainError.self) { try IdentityNumber.parse("") })?.code == "ID_NUMBER_LENGTH")
        #expect((#expect(throws: DomainError.self) { try IdentityNumber.parse(" 11010519491231002X") })?.code == "ID_NUMBER_LENGTH")
    }

    @Test(arguments: [
        ("11010519491231O02X", 15, "O"),   // letter O in the sequence
        ("11010519491231002Y", 18, "Y"),   // check character neither digit nor X
        ("X10105194912310021", 1, "X"),    // X only allowed last
        ("１10105194912310021", 1, "１"),   // full-width digit
    ])
    func nonDigitNamesThePosition(text: String, position: Int, character: String) {
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse(text) }
        #expect(error?.code == "ID_NUMBER_CHARACTER")
        #expect(error?.message.contains("第\(position)位“\(character)”") == true)
        #expect(error?.messageEn.contains("character \(position)") == true)
    }

    @Test(arguments: ["990105194912310021", "100105194912310021", "000000194912310021"])
    func badRegion(text: String) {
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse(text) }
        #expect(error?.code == "ID_NUMBER_REGION")
        #expect(error?.message.contains("“\(text.prefix(6))”") == true)
    }

    @Test(arguments: [
        "110105194902300021",   // 30 February
        "110105190002290011",   // 1900 is not a leap year (divisible by 100, not by 400)
        "110105194913010021",   // month 13
        "110105194912000021",   // day 0
    ])
    func impossibleBirthDate(text: String) {
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse(text) }
        #expect(error?.code == "ID_NUMBER_BIRTH_DATE")
        #expect(error?.message.contains("不存在") == true)
    }

    @Test func birthBefore1900IsRefusedEvenWithAGoodCheck() {
        // The standard's second example, 广东 440524, born 1880-01-01: its check is right
        // (4·7+4·9+0+5·5+2·8+4·4+1·2+8·1+8·6+0+0+1·9+0+1·5+0+0+1·2 = 195; 195 mod 11 = 8 → map[8] = 4)
        // but no living insured person was born before 1900.
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse("440524188001010014") }
        #expect(error?.code == "ID_NUMBER_BIRTH_DATE")
        #expect(error?.message.contains("早于1900年1月1日") == true)
    }

    @Test func wrongCheckSaysWhichWasExpected() {
        let error = #expect(throws: DomainError.self) { try IdentityNumber.parse("110105194912310021") }
        #expect(error?.code == "ID_NUMBER_CHECK")
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("应为“X”，实为“1”") == true)
        #expect(error?.messageEn.contains("expected \"X\", found \"1\"") == true)
    }

    @Test func makeComputesTheCheckCharacter() throws {
        // 210502 19850714 123: 2·7+1·9+0·10+5·5+0·8+2·4+1·2+9·1+8·6+5·3+0·7+7·9+1·10+4·5+1·8+2·4+3·2
        //   = 14+9+0+25+0+8+2+9+48+15+0+63+10+20+8+8+6 = 245; 245 mod 11 = 3 → map[3] = 9.
        let id = try IdentityNumber.make(region: RegionCode.parse("210502"),
                                         birthDate: LocalDate(year: 1985, month: 7, day: 14)!,
                                         sequence: 123, sex: .male)
        #expect(id.value == "210502198507141239")
        #expect(id.masked == "210502********1239")
        #expect(id.sex == .male)
    }

    @Test func makeRefusesASequenceThatContradictsTheSex() throws {
        let region = try RegionCode.parse("210502")
        let birth = LocalDate(year: 1985, month: 7, day: 14)!
        let mismatch = #expect(throws: DomainError.self) {
            try IdentityNumber.make(region: region, birthDate: birth, sequence: 124, sex: .male)
        }
        #expect(mismatch?.code == "ID_NUMBER_SEQUENCE")
        let range = #expect(throws: DomainError.self) {
            try IdentityNumber.make(region: region, birthDate: birth, sequence: 1001, sex: .male)
        }
        #expect(range?.code == "ID_NUMBER_SEQUENCE")
        let early = #expect(throws: DomainError.self) {
            try IdentityNumber.make(region: region, birthDate: LocalDate(year: 1899, month: 12, day: 31)!, sequence: 2, sex: .female)
        }
        #expect(early?.code == "ID_NUMBER_BIRTH_DATE")
    }

    @Test func ageInWholeYears() throws {
        let id = try IdentityNumber.make(region: RegionCode.parse("210502"),
                                         birthDate: LocalDate(year: 1985, month: 7, day: 14)!, sequence: 123, sex: .male)
        #expect(id.age(on: LocalDate(year: 2025, month: 7, day: 13)!) == 39)
        #expect(id.age(on: LocalDate(year: 2025, month: 7, day: 14)!) == 40)
        #expect(id.age(on: LocalDate(year: 1985, month: 7, day: 14)!) == 0)
        // Resident age is counted on 31 December: 2025 − 1985 = 40 all year, even before the birthday.
        #expect(id.ageAtYearEnd(2025) == 40)
        #expect(id.ageAtYearEnd(2025) == id.age(on: LocalDate(year: 2025, month: 12, day: 31)!))
    }

    @Test func leapDayBirthdayIsReachedOnFirstMarch() throws {
        let id = try IdentityNumber.make(region: RegionCode.parse("210502"),
                                         birthDate: LocalDate(year: 2000, month: 2, day: 29)!, sequence: 8, sex: .female)
        #expect(id.age(on: LocalDate(year: 2001, month: 2, day: 28)!) == 0)
        #expect(id.age(on: LocalDate(year: 2001, month: 3, day: 1)!) == 1)
        #expect(id.age(on: LocalDate(year: 2004, month: 2, day: 29)!) == 4)
    }

    @Test func codableAsTheFullValidatedString() throws {
        let id = try IdentityNumber.parse(Self.standardExample)
        let json = try JSONEncoder().encode([id])
        #expect(String(decoding: json, as: UTF8.self) == "[\"11010519491231002X\"]")
        let back = try JSONDecoder().decode([IdentityNumber].self, from: Data("[\"11010519491231002x\"]".utf8))
        #expect(back == [id])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IdentityNumber].self, from: Data("[\"110105194912310021\"]".utf8))
        }
    }

    @Test func makeAlwaysValidatesAndDerivesBack() async {
        let first = LocalDate(year: 1900, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 2099, month: 12, day: 31)!.dayNumber
        await propertyCheck(count: 500, input: Gen.int(in: 11...82), Gen.int(in: 0...9999),
                            Gen.int32(in: first...last), Gen.int(in: 0...999)) { province, rest, day, sequence in
            let region = try RegionCode.parse(String(province * 10000 + rest))
            let birth = LocalDate(dayNumber: day)
            let sex: Sex = sequence % 2 == 1 ? .male : .female
            let id = try IdentityNumber.make(region: region, birthDate: birth, sequence: sequence, sex: sex)
            #expect(id.birthDate == birth)
            #expect(id.sex == sex)
            #expect(id.regionCode == region)
            #expect(try IdentityNumber.parse(id.value) == id)
        }
    }

    @Test func everySingleDigitChangeIsCaught() async throws {
        // MOD 11-2 detects every single substitution: no valid number is one digit away from another.
        let id = try IdentityNumber.parse(Self.standardExample)
        await propertyCheck(count: 300, input: Gen.int(in: 0...16), Gen.int(in: 1...9)) { position, shift in
            var chars = Array(id.value)
            chars[position] = Character(String((Int(String(chars[position]))! + shift) % 10))
            #expect(throws: DomainError.self) { try IdentityNumber.parse(String(chars)) }
        }
    }
}
