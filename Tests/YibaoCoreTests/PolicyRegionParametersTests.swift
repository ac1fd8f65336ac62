import Testing
@testable import YibaoCore

func regionFailure(_ text: String) -> PolicyLoadError? {
    do {
        _ = try RegionParameters.load(text: text, file: "210500.yaml")
        return nil
    } catch {
        return error
    }
}

@Suite struct PolicyRegionParametersTests {
    @Test func parsesYearsAndAverageWage() throws {
        let text = """
            region: "210500"
            years:
              2024: { avg_wage: "85000.00" }
              2025: { avg_wage: "88000", avg_pension: "36000.50", min_wage: "1910" }
            """
        let parameters = try RegionParameters.load(text: text, file: "210500.yaml")
        #expect(parameters.region.value == "210500")
        #expect(parameters.averageWage(forYear: 2024) == Money(fen: 8_500_000))
        #expect(parameters.averageWage(forYear: 2025) == Money(yuan: 88_000))
        #expect(parameters.averageWage(forYear: 2023) == nil)
        #expect(parameters.years[2025] == .init(avgWage: Money(yuan: 88_000), avgPension: Money(fen: 3_600_050), minWage: Money(yuan: 1_910)))
        // 60% of W for 2025 (contribution floor): 88,000 × 0.6 = 52,800.00
        #expect(Ratio(percent: 60).apply(to: parameters.averageWage(forYear: 2025)!) == Money(yuan: 52_800))
    }

    @Test func acceptsJSON() throws {
        let parameters = try RegionParameters.load(text: #"{"region": "350200", "years": {"2024": {"avg_wage": "120000.00"}}}"#, file: "350200.json")
        #expect(parameters.averageWage(forYear: 2024) == Money(yuan: 120_000))
    }

    @Test func rejectsBadYearsAndAmounts() throws {
        let error = try #require(regionFailure("""
            region: "210500"
            years:
              2101: { avg_wage: "90000" }
              1989: { avg_wage: "2000" }
              2024: { avg_wage: "-85000.00", min_wage: "0" }
            """))
        #expect(error.lines == [
            "210500.yaml: years.1989: 年度 1989 超出范围 1990–2100 / year 1989 is outside 1990–2100",
            "210500.yaml: years.2024.avg_wage: 金额须大于零：-85000.00 / amount must be above zero: -85000.00",
            "210500.yaml: years.2024.min_wage: 金额须大于零：0.00 / amount must be above zero: 0.00",
            "210500.yaml: years.2101: 年度 2101 超出范围 1990–2100 / year 2101 is outside 1990–2100",
        ])
    }

    @Test func rejectsNonYearKeysTyposAndMissingValues() throws {
        #expect(regionFailure("region: \"210500\"\nyears:\n  20x5: { avg_wage: \"1\" }\n")?.lines == [
            "210500.yaml: years: 年度“20x5”应为如 2025 的年份 / year \"20x5\" must be a year like 2025",
        ])
        #expect(regionFailure("region: \"210500\"\nyears:\n  02025: { avg_wage: \"1\" }\n")?.lines == [
            "210500.yaml: years: 年度“02025”应为如 2025 的年份 / year \"02025\" must be a year like 2025",
        ])
        #expect(regionFailure("region: \"210500\"\nyears:\n  2025: { avg_wage: \"1\", min_wgae: \"1\" }\nnote: x\n")?.lines == [
            "210500.yaml: years.2025.min_wgae: 未知字段“min_wgae”（是否拼写错误？），该字段不会被读取 / unknown field \"min_wgae\" (a typo?); it would be ignored",
            "210500.yaml: note: 未知字段“note”（是否拼写错误？），该字段不会被读取 / unknown field \"note\" (a typo?); it would be ignored",
        ])
        #expect(regionFailure("region: \"210500\"\nyears:\n  2025: { avg_pension: \"1\" }\n")?.lines == [
            "210500.yaml: years.2025.avg_wage: 缺少必填字段 / required field is missing",
        ])
        #expect(regionFailure("region: \"2105\"\nyears: {}\n")?.lines == [
            "210500.yaml: region: 行政区划代码“2105”格式错误，应为6位数字（如 210502） / region code \"2105\" must be 6 digits (like 210502)",
        ])
        #expect(regionFailure("region: \"210500\"\nyears: {}\n")?.lines == [
            "210500.yaml: years: 至少需要一个年度 / at least one year is required",
        ])
    }
}
