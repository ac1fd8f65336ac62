import Foundation
import Testing
@testable import YibaoCore

@Suite("RegionCode (admdvs)")
struct RegionCodeTests {
    @Test func levelsAndPrefixes() throws {
        let pingshan = try RegionCode.parse("210502")   // 平山区, 本溪市, 辽宁省
        #expect(pingshan.level == .county)
        #expect(pingshan.city == (try RegionCode.parse("210500")))
        #expect(pingshan.province == (try RegionCode.parse("210000")))

        let benxi = try RegionCode.parse("210500")
        #expect(benxi.level == .city)
        #expect(benxi.city == benxi)
        #expect(benxi.province.value == "210000")

        let liaoning = try RegionCode.parse("210000")
        #expect(liaoning.level == .province)
        #expect(liaoning.city == nil)
        #expect(liaoning.province == liaoning)

        #expect(try RegionCode.parse("110100").level == .city)   // 北京市市辖区
        #expect(try RegionCode.parse("820000").level == .province)
        #expect(try RegionCode.parse("110000").level == .province)
    }

    @Test func containmentByPrefix() throws {
        let liaoning = try RegionCode.parse("210000"), benxi = try RegionCode.parse("210500")
        let pingshan = try RegionCode.parse("210502"), dandong = try RegionCode.parse("210600")
        #expect(liaoning.contains(benxi) && liaoning.contains(pingshan) && liaoning.contains(liaoning))
        #expect(benxi.contains(pingshan) && benxi.contains(benxi))
        #expect(!benxi.contains(dandong) && !benxi.contains(liaoning))
        #expect(pingshan.contains(pingshan) && !pingshan.contains(benxi))
        #expect(!liaoning.contains(try RegionCode.parse("110105")))
    }

    @Test(arguments: ["21050", "2105021", "21050a", "", " 210502", "２１０５０２"])
    func notSixDigits(text: String) {
        let error = #expect(throws: DomainError.self) { try RegionCode.parse(text) }
        #expect(error?.code == "REGION_FORMAT")
        #expect(error?.message.contains("6位数字") == true)
    }

    @Test(arguments: ["100000", "830000", "000000", "990100"])
    func provinceOutsideRange(text: String) {
        let error = #expect(throws: DomainError.self) { try RegionCode.parse(text) }
        #expect(error?.code == "REGION_PROVINCE")
        #expect(error?.message.contains("省级代码 \(text.prefix(2)) 不存在") == true)
        #expect(error?.messageEn.contains("11–82") == true)
    }

    @Test func codableAsString() throws {
        let region = try RegionCode.parse("210502")
        #expect(String(decoding: try JSONEncoder().encode([region]), as: UTF8.self) == "[\"210502\"]")
        #expect(try JSONDecoder().decode([RegionCode].self, from: Data("[\"210502\"]".utf8)) == [region])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RegionCode].self, from: Data("[210502]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RegionCode].self, from: Data("[\"100000\"]".utf8)) }
    }
}
