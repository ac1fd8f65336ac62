import Testing
@testable import YibaoCore

/// A small section standing in for real rules, so the container is tested on its own:
/// a deductible per institution grade, co-insurance segments and an annual cap.
struct TestRules: PolicySection, Equatable {
    static let key = "rules"

    struct Deductible: Codable, Sendable, Equatable {
        var grade: Int
        var amount: Money
    }

    struct Segment: Codable, Sendable, Equatable {
        var upTo: Money?
        var ratio: Ratio
        enum CodingKeys: String, CodingKey {
            case upTo = "up_to"
            case ratio
        }
    }

    var deductibles: [Deductible]
    var coinsurance: [Segment]
    var cap: Money
    var note: String?

    func validate(at path: String) -> [PolicyIssue] {
        coinsurance.enumerated().compactMap { index, segment in
            segment.ratio > .one
                ? PolicyIssue(path: "\(path).coinsurance[\(index)].ratio",
                              message: "报销比例不能超过 100%", messageEn: "a co-insurance ratio cannot exceed 100%")
                : nil
        }
    }
}

/// A second section type, to show that sections are independent and found by type.
struct TestNotices: PolicySection {
    static let key = "notices"
    var lines: [String]
    func validate(at path: String) -> [PolicyIssue] { [] }
}

let testSections: [any PolicySection.Type] = [TestRules.self, TestNotices.self]

/// Benxi-like figures: deductibles 200/300/500 by grade, 60% up to 10,000 then 55%, cap 30,000.
let validPolicy = """
    # 测试用居民医保政策
    id: testcity-resident-2025
    region: "210500"
    insutype: "390"
    effective_from: 2025-01-01
    title: 测试市城乡居民医保待遇 2025
    title_en: Test city resident benefits 2025
    notes: 起付线按医院等级
    basis:
      - 本溪 F8.3 (seed 003 R26)
    rules:
      deductibles:
        - { grade: 1, amount: "200" }
        - { grade: 2, amount: "300" }
        - { grade: 3, amount: "500.00" }
      coinsurance:
        - { up_to: "10000", ratio: "60%" }
        - { ratio: "0.55" }
      cap: "30000"
    """

func loadFailure(_ text: String, sections: [any PolicySection.Type] = testSections) -> PolicyLoadError? {
    do {
        _ = try PolicyDocument.load(text: text, file: "test.yaml", sections: sections)
        return nil
    } catch {
        return error
    }
}

/// `validPolicy` with one line replaced.
func policy(replacing old: String, with new: String) -> String {
    precondition(validPolicy.contains(old), "fixture has no \(old)")
    return validPolicy.replacingOccurrences(of: old, with: new)
}

@Suite struct PolicyDocumentTests {
    @Test func loadsMetadataAndSection() throws {
        let document = try PolicyDocument.load(text: validPolicy, file: "test.yaml", sections: testSections)
        let meta = document.metadata
        #expect(meta.id == "testcity-resident-2025")
        #expect(meta.region.value == "210500")
        #expect(meta.insutype == .residentBasic)
        #expect(meta.effectiveFrom == LocalDate(year: 2025, month: 1, day: 1))
        #expect(meta.title == "测试市城乡居民医保待遇 2025")
        #expect(meta.titleEn == "Test city resident benefits 2025")
        #expect(meta.notes == "起付线按医院等级")
        #expect(meta.basis == ["本溪 F8.3 (seed 003 R26)"])
        #expect(document.text == validPolicy)
        #expect(document.file == "test.yaml")

        let rules = try #require(document.section(TestRules.self))
        #expect(rules.deductibles.map(\.amount) == [Money(yuan: 200), Money(yuan: 300), Money(yuan: 500)])
        #expect(rules.coinsurance == [
            .init(upTo: Money(yuan: 10_000), ratio: Ratio(percent: 60)),
            .init(upTo: nil, ratio: Ratio(percent: 55)),
        ])
        #expect(rules.cap == Money(fen: 3_000_000))
        #expect(document.section(TestNotices.self) == nil)
    }

    @Test func metadataOnlyDocumentLoadsWithTheRegistry() throws {
        let text = "id: a-1\nregion: 210500\ninsutype: 310\neffective_from: 2024-07-01\n"
        let document = try PolicyDocument.load(text: text, file: "a.yaml")
        #expect(document.metadata.insutype == .employeeBasic)
        #expect(document.metadata.basis.isEmpty)
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let text = "\u{FEFF}id: a-1\r\nregion: 210500\r\ninsutype: 310\r\neffective_from: 2024-07-01\r\n"
        let document = try PolicyDocument.load(text: text, file: "a.yaml")
        #expect(document.metadata.id == "a-1")
        #expect(document.text == text)
    }

    @Test func acceptsJSON() throws {
        let json = """
            {"id": "testcity-resident-2025", "region": "210500", "insutype": "390",
             "effective_from": "2025-01-01", "basis": ["seed 003 R26"],
             "rules": {"deductibles": [{"grade": 1, "amount": "200.00"}],
                       "coinsurance": [{"ratio": "0.6"}], "cap": "30000.00"}}
            """
        let document = try PolicyDocument.load(text: json, file: "test.json", sections: testSections)
        let rules = try #require(document.section(TestRules.self))
        #expect(rules.deductibles == [.init(grade: 1, amount: Money(yuan: 200))])
        #expect(rules.coinsurance.first?.ratio == Ratio(percent: 60))
        #expect(document.metadata.basis == ["seed 003 R26"])
    }

    @Test func syntaxErrorNamesLineAndColumn() throws {
        // Line 3 opens a quote that never closes: libyaml fails at the end of the text (line 5, column 1)
        // and says the quoted scalar began at line 3, column 8.
        let error = try #require(loadFailure("id: a\nregion: 210500\ntitle: \"unclosed\ninsutype: 390\n"))
        #expect(error.lines == [
            "test.yaml: YAML 语法错误（第 5 行第 1 列）：found unexpected end of stream（while scanning a quoted scalar，自第 3 行第 8 列） / YAML syntax error at line 5, column 1: found unexpected end of stream (while scanning a quoted scalar, from line 3, column 8)",
        ])
        // A bad indentation fails where the stray key stands.
        let indent = try #require(loadFailure("rules:\n  cap: 1\n bad: 2\n"))
        #expect(indent.lines == [
            "test.yaml: YAML 语法错误（第 3 行第 2 列）：did not find expected key（while parsing a block mapping，自第 1 行第 1 列） / YAML syntax error at line 3, column 2: did not find expected key (while parsing a block mapping, from line 1, column 1)",
        ])
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let error = try #require(loadFailure("id: a\nid: b\n"))
        #expect(error.lines == ["test.yaml: YAML 语法错误：键“id”重复（首次出现于第 1 行第 1 列） / YAML syntax error: duplicated key id (first at line 1, column 1)"])
    }

    @Test func emptyOrNonMappingFile() throws {
        #expect(loadFailure("")?.lines == ["test.yaml: 文件为空 / the file is empty"])
        #expect(loadFailure("# nothing\n")?.lines == ["test.yaml: 文件为空 / the file is empty"])
        #expect(loadFailure("- a\n- b\n")?.lines == [
            "test.yaml: 文件顶层应为“键: 值”映射 / the top level of the file must be a mapping of keys to values",
        ])
    }

    @Test func wrongTypeNamesExactPath() throws {
        let error = try #require(loadFailure(policy(replacing: "{ grade: 2, amount: \"300\" }", with: "{ grade: second, amount: \"300\" }")))
        #expect(error.lines == [
            "test.yaml: rules.deductibles[1].grade: 类型错误：应为整数，实际为“second” / wrong type: expected an integer, found \"second\"",
        ])
    }

    @Test func badAmountCarriesTheMoneyReason() throws {
        let error = try #require(loadFailure(policy(replacing: "amount: \"500.00\"", with: "amount: \"500.005\"")))
        #expect(error.lines == [
            "test.yaml: rules.deductibles[2].amount: 金额最多两位小数（精确到分）：“500.005” / amount \"500.005\" has more than two decimals (fen is the smallest unit)",
        ])
    }

    @Test func listWhereMappingExpected() throws {
        let error = try #require(loadFailure(policy(replacing: "cap: \"30000\"", with: "cap: \"30000\"\n  notices: []\nnotices: { lines: { a: 1 } }")))
        // The inner `notices: []` is an unknown key of `rules`; the top-level one has a mapping where a list belongs.
        #expect(error.lines == [
            "test.yaml: rules.notices: 未知字段“notices”（是否拼写错误？），该字段不会被读取 / unknown field \"notices\" (a typo?); it would be ignored",
            "test.yaml: notices.lines: 类型错误：应为列表，实际为“{a: 1}” / wrong type: expected a list, found \"{a: 1}\"",
        ])
    }

    @Test func missingRequiredKeys() throws {
        let text = policy(replacing: "region: \"210500\"\n", with: "").replacingOccurrences(of: "  cap: \"30000\"", with: "")
        let error = try #require(loadFailure(text))
        #expect(error.lines == [
            "test.yaml: region: 缺少必填字段 / required field is missing",
            "test.yaml: rules.cap: 缺少必填字段 / required field is missing",
        ])
    }

    @Test func unknownTopLevelKeyListsAllowedKeys() throws {
        let error = try #require(loadFailure(validPolicy + "\nbenfits: {}\n"))
        #expect(error.lines == [
            "test.yaml: benfits: 未知的顶层字段“benfits”，允许的字段：id, region, insutype, effective_from, title, title_en, notes, basis, rules, notices / unknown top-level key \"benfits\"; allowed keys: id, region, insutype, effective_from, title, title_en, notes, basis, rules, notices",
        ])
    }

    @Test func unknownNestedKeysAreTypos() throws {
        // `up_too` for the optional `up_to`, `noet` for the optional `note`: Codable alone would drop both silently.
        let text = policy(replacing: "{ up_to: \"10000\", ratio: \"60%\" }", with: "{ up_too: \"10000\", ratio: \"60%\" }") + "\n  noet: 说明\n"
        let error = try #require(loadFailure(text))
        #expect(error.lines == [
            "test.yaml: rules.coinsurance[0].up_too: 未知字段“up_too”（是否拼写错误？），该字段不会被读取 / unknown field \"up_too\" (a typo?); it would be ignored",
            "test.yaml: rules.noet: 未知字段“noet”（是否拼写错误？），该字段不会被读取 / unknown field \"noet\" (a typo?); it would be ignored",
        ])
    }

    @Test func nullValuedOptionalIsNotUnknown() throws {
        let document = try PolicyDocument.load(text: validPolicy + "\n  note: ~\n", file: "test.yaml", sections: testSections)
        #expect(document.section(TestRules.self)?.note == nil)
    }

    @Test func semanticIssueFromTheSection() throws {
        let error = try #require(loadFailure(policy(replacing: "ratio: \"0.55\"", with: "ratio: \"120%\"")))
        #expect(error.lines == [
            "test.yaml: rules.coinsurance[1].ratio: 报销比例不能超过 100% / a co-insurance ratio cannot exceed 100%",
        ])
    }

    @Test func metadataValuesAreChecked() throws {
        let text = validPolicy
            .replacingOccurrences(of: "id: testcity-resident-2025", with: "id: Testcity_2025")
            .replacingOccurrences(of: "effective_from: 2025-01-01", with: "effective_from: 2025-02-30")
            .replacingOccurrences(of: "title: 测试市城乡居民医保待遇 2025", with: "title: [a, b]")
        let error = try #require(loadFailure(text))
        #expect(error.lines == [
            "test.yaml: id: 编号“Testcity_2025”格式错误，应由小写字母、数字和连字符组成，如 benxi-resident-2025 / id \"Testcity_2025\" must be lowercase letters and digits joined by hyphens, like benxi-resident-2025",
            "test.yaml: effective_from: 日期不存在：“2025-02-30” / date \"2025-02-30\" does not exist",
            "test.yaml: title: 类型错误：应为文本，实际为“[a, b]” / wrong type: expected text, found \"[a, b]\"",
        ])
    }

    @Test func allIssuesAreReportedTogether() throws {
        let text = validPolicy
            .replacingOccurrences(of: "region: \"210500\"", with: "region: \"2105\"")
            .replacingOccurrences(of: "insutype: \"390\"", with: "insutype: \"311\"")
            .replacingOccurrences(of: "ratio: \"0.55\"", with: "ratio: \"1.5\"")
            + "\nnotices: { lines: [a], color: red }\nextra: 1\n"
        let error = try #require(loadFailure(text))
        let codes = Insutype.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(codes == "310, 320, 330, 340, 350, 360, 370, 380, 390, 391, 392, 399, 410, 510")
        #expect(error.issues.map(\.path) == ["region", "insutype", "extra", "rules.coinsurance[1].ratio", "notices.color"])
        #expect(error.lines[0] == "test.yaml: region: 行政区划代码“2105”格式错误，应为6位数字（如 210502） / region code \"2105\" must be 6 digits (like 210502)")
        #expect(error.lines[1] == "test.yaml: insutype: 险种代码“311”无效，应为以下之一：\(codes) / insutype \"311\" is not a known scheme code; expected one of \(codes)")
        #expect(error.description == error.lines.joined(separator: "\n"))
    }

    @Test func convertsToDomainError() throws {
        let error = try #require(loadFailure(policy(replacing: "insutype: \"390\"\n", with: "") + "\nextra: 1\n"))
        #expect(error.domainError == DomainError(
            code: "POLICY_INVALID",
            message: "策略文件 test.yaml 无效：insutype：缺少必填字段（另有 1 处问题）",
            messageEn: "policy file test.yaml is invalid: insutype: required field is missing (and 1 more)",
            path: "insutype"))
        let syntax = try #require(loadFailure("a: [\n"))
        #expect(syntax.domainError.path == nil)
        #expect(syntax.domainError.kind == .invalid)
    }

    @Test func anchorsAndMergeKeysAreReadAndChecked() throws {
        // The second segment merges the first and overrides its ratio: 60% → 55%, up_to kept at 10,000.
        let text = policy(replacing: "- { up_to: \"10000\", ratio: \"60%\" }\n    - { ratio: \"0.55\" }",
                          with: "- &first { up_to: \"10000\", ratio: \"60%\" }\n    - { <<: *first, ratio: \"0.55\" }")
        let rules = try #require(try PolicyDocument.load(text: text, file: "test.yaml", sections: testSections).section(TestRules.self))
        #expect(rules.coinsurance[1] == .init(upTo: Money(yuan: 10_000), ratio: Ratio(percent: 55)))
    }
}
