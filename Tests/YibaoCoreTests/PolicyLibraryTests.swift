import PropertyBased
import Testing
@testable import YibaoCore

/// A metadata-only version of a scheme: resolution looks at nothing else.
func version(_ id: String, from date: String, region: String = "210500", insutype: String = "390") throws -> PolicyDocument {
    let text = "id: \(id)\nregion: \"\(region)\"\ninsutype: \"\(insutype)\"\neffective_from: \(date)\n"
    return try PolicyDocument.load(text: text, file: "\(id).yaml", sections: testSections)
}

func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

@Suite struct PolicyLibraryTests {
    let benxi = try! RegionCode.parse("210500")

    /// Three versions of Benxi's resident scheme, added out of order, and an employee version.
    func library() throws -> PolicyLibrary {
        var library = PolicyLibrary()
        try library.add(version("benxi-resident-2025h2", from: "2025-07-01"))
        try library.add(version("benxi-resident-2023", from: "2023-01-01"))
        try library.add(version("benxi-resident-2024", from: "2024-01-01"))
        try library.add(version("benxi-employee-2024", from: "2024-01-01", insutype: "310"))
        return library
    }

    @Test func versionsAreSortedAndKept() throws {
        let ids = try library().versions(region: benxi, insutype: .residentBasic).map(\.metadata.id)
        #expect(ids == ["benxi-resident-2023", "benxi-resident-2024", "benxi-resident-2025h2"])
        #expect(try library().versions(region: benxi, insutype: .residentSeriousIllness).isEmpty)
    }

    @Test(arguments: [
        ("2022-12-31", nil),                        // before the first version
        ("2023-01-01", "benxi-resident-2023"),      // the first version's first day
        ("2023-12-31", "benxi-resident-2023"),      // last day before the next version
        ("2024-01-01", "benxi-resident-2024"),      // boundary day: the new version
        ("2025-06-30", "benxi-resident-2024"),
        ("2025-07-01", "benxi-resident-2025h2"),    // boundary day mid-year
        ("2031-03-15", "benxi-resident-2025h2"),    // the latest stays in force
    ] as [(String, String?)])
    func inForceOnDate(date: String, expected: String?) throws {
        let found = try library().inForce(region: benxi, insutype: .residentBasic, on: day(date))
        #expect(found?.metadata.id == expected)
    }

    /// Against a brute-force reading of the rule: up to five versions on distinct days within
    /// 2020–2027 (day offsets from 2020-01-01), added in random order, and a query day in the same span.
    @Test func inForceIsTheLatestVersionNotAfterTheDate() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...2900).array(of: 1...5), Gen.int(in: 0...2900)) { offsets, query in
            let start = LocalDate(year: 2020, month: 1, day: 1)!
            var library = PolicyLibrary()
            var added: [Int] = []
            for offset in offsets where !added.contains(offset) {
                try library.add(version("v\(offset)", from: start.adding(days: offset).description))
                added.append(offset)
            }
            let expected = added.filter { $0 <= query }.max().map { "v\($0)" }
            #expect(library.inForce(region: benxi, insutype: .residentBasic, on: start.adding(days: query))?.metadata.id == expected)
            #expect(library.versions(region: benxi, insutype: .residentBasic).map(\.metadata.id) == added.sorted().map { "v\($0)" })
        }
    }

    @Test func resolutionIsPerRegionAndScheme() throws {
        let library = try library()
        let date = try day("2025-01-01")
        #expect(library.inForce(region: benxi, insutype: .employeeBasic, on: date)?.metadata.id == "benxi-employee-2024")
        #expect(library.inForce(region: try RegionCode.parse("350200"), insutype: .residentBasic, on: date) == nil)
        #expect(library.document(id: "benxi-resident-2023")?.metadata.effectiveFrom == (try day("2023-01-01")))
    }

    @Test func secondVersionOnTheSameDayIsRefused() throws {
        var library = try library()
        #expect(throws: DomainError(
            .conflict, code: "POLICY_VERSION_EXISTS",
            message: "统筹区 210500 险种 390 自 2024-01-01 起已有版本“benxi-resident-2024”，不能再加入“benxi-resident-2024b”",
            messageEn: "region 210500 insutype 390 already has version \"benxi-resident-2024\" from 2024-01-01; \"benxi-resident-2024b\" cannot be added",
            path: "effective_from")) {
            try library.add(version("benxi-resident-2024b", from: "2024-01-01"))
        }
        #expect(library.versions(region: benxi, insutype: .residentBasic).count == 3)
    }

    @Test func duplicateIdIsRefused() throws {
        var library = try library()
        #expect(throws: DomainError(
            .conflict, code: "POLICY_ID_EXISTS",
            message: "策略编号“benxi-resident-2024”已被 benxi-resident-2024.yaml 使用（benxi-resident-2024.yaml）",
            messageEn: "policy id \"benxi-resident-2024\" is already used by benxi-resident-2024.yaml (benxi-resident-2024.yaml)",
            path: "id")) {
            try library.add(version("benxi-resident-2024", from: "2026-01-01"))
        }
        #expect(library.inForce(region: benxi, insutype: .residentBasic, on: try day("2026-06-01"))?.metadata.id == "benxi-resident-2025h2")
    }
}
