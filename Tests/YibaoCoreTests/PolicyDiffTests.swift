import Testing
@testable import YibaoCore

@Suite struct PolicyDiffTests {
    @Test func reportsAddedRemovedAndChangedWithPaths() throws {
        let older = try PolicyDocument.load(text: validPolicy, file: "2025.yaml", sections: testSections)
        let newerText = validPolicy
            .replacingOccurrences(of: "id: testcity-resident-2025", with: "id: testcity-resident-2026")
            .replacingOccurrences(of: "effective_from: 2025-01-01", with: "effective_from: \"2026-01-01\"")
            .replacingOccurrences(of: "title_en: Test city resident benefits 2025\n", with: "")
            .replacingOccurrences(of: "    - { grade: 3, amount: \"500.00\" }",
                                  with: "    - { grade: 3, amount: \"500.00\" }\n    - { grade: 4, amount: \"600\" }")
            .replacingOccurrences(of: "ratio: \"0.55\"", with: "ratio: \"0.5\"")
            .replacingOccurrences(of: "cap: \"30000\"", with: "cap: \"35000\"\n  note: 转外就医另定")
        let newer = try PolicyDocument.load(text: newerText, file: "2026.yaml", sections: testSections)

        let changes = PolicyDiff.between(older, newer)
        #expect(changes == [
            PolicyChange(path: "id", kind: .changed, old: "testcity-resident-2025", new: "testcity-resident-2026"),
            PolicyChange(path: "effective_from", kind: .changed, old: "2025-01-01", new: "2026-01-01"),
            PolicyChange(path: "title_en", kind: .removed, old: "Test city resident benefits 2025", new: nil),
            PolicyChange(path: "rules.deductibles[3]", kind: .added, old: nil, new: "{grade: 4, amount: 600}"),
            PolicyChange(path: "rules.coinsurance[1].ratio", kind: .changed, old: "0.55", new: "0.5"),
            PolicyChange(path: "rules.cap", kind: .changed, old: "30000", new: "35000"),
            PolicyChange(path: "rules.note", kind: .added, old: nil, new: "转外就医另定"),
        ])
        #expect(PolicyDiff.render(changes) == """
            - id: testcity-resident-2025 → testcity-resident-2026
            - effective_from: 2025-01-01 → 2026-01-01
            - title_en: Test city resident benefits 2025 → —
            - rules.deductibles[3]: — → {grade: 4, amount: 600}
            - rules.coinsurance[1].ratio: 0.55 → 0.5
            - rules.cap: 30000 → 35000
            - rules.note: — → 转外就医另定
            """)
    }

    @Test func formattingAndKeyOrderAreNotChanges() throws {
        let block = try PolicyDocument.load(text: validPolicy, file: "a.yaml", sections: testSections)
        let json = """
            {"rules": {"cap": "30000", "coinsurance": [{"ratio": "60%", "up_to": "10000"}, {"ratio": "0.55"}],
                       "deductibles": [{"amount": "200", "grade": 1}, {"amount": "300", "grade": 2}, {"amount": "500.00", "grade": 3}]},
             "basis": ["本溪 F8.3 (seed 003 R26)"], "notes": "起付线按医院等级",
             "title_en": "Test city resident benefits 2025", "title": "测试市城乡居民医保待遇 2025",
             "effective_from": "2025-01-01", "insutype": "390", "region": "210500", "id": "testcity-resident-2025"}
            """
        let flow = try PolicyDocument.load(text: json, file: "a.json", sections: testSections)
        #expect(PolicyDiff.between(block, flow).isEmpty)
        #expect(PolicyDiff.render([]) == "无差异 / no differences")
    }

    @Test func shorterListAndTypeChange() throws {
        let older = try PolicyDocument.load(text: validPolicy, file: "a.yaml", sections: testSections)
        let newer = try PolicyDocument.load(
            text: validPolicy
                .replacingOccurrences(of: "    - { ratio: \"0.55\" }", with: "")
                .replacingOccurrences(of: "  - 本溪 F8.3 (seed 003 R26)", with: "  - 本溪 F8.3\n  - seed 003 R26"),
            file: "b.yaml", sections: testSections)
        #expect(PolicyDiff.between(older, newer) == [
            PolicyChange(path: "basis[0]", kind: .changed, old: "本溪 F8.3 (seed 003 R26)", new: "本溪 F8.3"),
            PolicyChange(path: "basis[1]", kind: .added, old: nil, new: "seed 003 R26"),
            PolicyChange(path: "rules.coinsurance[1]", kind: .removed, old: "{ratio: 0.55}", new: nil),
        ])
    }
}
