import Foundation
import PropertyBased
import Testing
@testable import YibaoCore

@Suite("LocalDate")
struct LocalDateTests {
    @Test func dayNumbers() {
        // 1970-01-01 is day 0; 2000-01-01 is 30·365 + 7 leap days (72…96) = 10957; 2000-03-01 adds 31 + 29 = 11017.
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(LocalDate(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        #expect(LocalDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(LocalDate(year: 1, month: 1, day: 1)!.dayNumber == -719_162)
        #expect(LocalDate(year: 9999, month: 12, day: 31)!.dayNumber == 2_932_896)
    }

    @Test func parseAndDescriptionRoundTrip() throws {
        for text in ["2024-02-29", "1900-01-01", "0001-01-01", "9999-12-31", "2025-03-01"] {
            #expect(try LocalDate.parse(text).description == text)
        }
        #expect(try LocalDate.parse("2025-03-01").dayNumber == 20_148)
    }

    @Test(arguments: [("2025-02-29", "DATE_INVALID"), ("1900-02-29", "DATE_INVALID"), ("2025-04-31", "DATE_INVALID"),
                      ("2025-13-01", "DATE_INVALID"), ("2025-2-1", "DATE_FORMAT"), ("2025/02/01", "DATE_FORMAT"),
                      ("", "DATE_FORMAT"), ("20250201", "DATE_FORMAT")])
    func refuses(text: String, code: String) {
        #expect((#expect(throws: DomainError.self) { try LocalDate.parse(text) })?.code == code)
    }

    @Test func leapYears() {
        #expect(LocalDate.isLeap(2000))     // divisible by 400
        #expect(!LocalDate.isLeap(1900))    // by 100, not 400
        #expect(LocalDate.isLeap(2024))
        #expect(!LocalDate.isLeap(2025))
        #expect(!LocalDate.isLeap(2100))
        #expect(LocalDate.daysIn(year: 2024, month: 2) == 29)
        #expect(LocalDate.daysIn(year: 2025, month: 2) == 28)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        // 2024 has 366 days, 2025 has 365.
        #expect(LocalDate(year: 2024, month: 1, day: 1)!.days(until: LocalDate(year: 2025, month: 1, day: 1)!) == 366)
        #expect(LocalDate(year: 2025, month: 1, day: 1)!.days(until: LocalDate(year: 2026, month: 1, day: 1)!) == 365)
    }

    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"),    // clamped to the shorter month
        ("2024-01-31", 1, "2024-02-29"),    // leap February
        ("2024-03-31", -1, "2024-02-29"),
        ("2025-12-15", 1, "2026-01-15"),    // across the year end
        ("2025-03-31", 11, "2026-02-28"),
        ("2025-01-15", -13, "2023-12-15"),
        ("2025-08-31", 6, "2026-02-28"),    // a 6-month waiting period from 31 August
        ("2025-05-31", 0, "2025-05-31"),
    ])
    func addingMonthsClamps(start: String, months: Int, expected: String) throws {
        #expect(try LocalDate.parse(start).adding(months: months).description == expected)
    }

    @Test func addingDays() throws {
        #expect(try LocalDate.parse("2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(try LocalDate.parse("2025-12-31").adding(days: 1).description == "2026-01-01")
        #expect(try LocalDate.parse("2025-03-01").adding(days: -1).description == "2025-02-28")
    }

    @Test func componentsRoundTripOverTheWholeRange() async {
        let first = LocalDate(year: 1, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber
        await propertyCheck(count: 2000, input: Gen.int32(in: first...last)) { day in
            let date = LocalDate(dayNumber: day)
            let (y, m, d) = date.components
            #expect(LocalDate(year: y, month: m, day: d) == date)
            let parsed = try LocalDate.parse(date.description)
            #expect(parsed == date)
            #expect(date.adding(days: 1).components != date.components)
        }
    }

    @Test func codableAsString() throws {
        let date = LocalDate(year: 2025, month: 3, day: 1)!
        #expect(String(decoding: try JSONEncoder().encode([date]), as: UTF8.self) == "[\"2025-03-01\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: Data("[\"2025-03-01\"]".utf8)) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data("[\"2025-02-29\"]".utf8)) }
    }
}
