import Foundation
import SQLiteKit
import SQLiteNIO
import Testing
@testable import YibaoStore

/// The direct conversions must give what SQLiteKit's coders give, and leave every other case to them.
@Suite struct SQLiteValueConversionTests {
    private let encoder = SQLiteDataEncoder()
    private let decoder = SQLiteDataDecoder()

    @Test func bindsEqualSQLiteKitsEncoding() throws {
        let values: [any Encodable] = ["医保 ' \" ;", "", Int64.max, Int64.min, Int64(0), 42, -7,
                                       String?.some("x"), String?.none, Int64?.some(-3), Int64?.none]
        for value in values {
            let direct = try #require(SQLiteValueConversion.data(value), "\(value) has a direct conversion")
            #expect(direct == (try encoder.encode(value)), "\(value)")
        }
    }

    @Test func otherTypesAreLeftToSQLiteKit() {
        let values: [any Encodable] = [true, 1.5, Int32(3), Int?.some(1), Date(timeIntervalSince1970: 0), ["a"]]
        for value in values { #expect(SQLiteValueConversion.data(value) == nil, "\(value)") }
    }

    @Test func readsEqualSQLiteKitsDecoding() throws {
        try same("医保", from: .text("医保"))
        try same(String?.some("医保"), from: .text("医保"))
        try same(String?.none, from: .null)
        try same(Int64.max, from: .integer(Int.max))
        try same(Int(-12), from: .integer(-12))
        try same(Int64?.some(9), from: .integer(9))
        try same(Int?.some(9), from: .integer(9))
        try same(Int64?.none, from: .null)
        try same(Int?.none, from: .null)
    }

    /// A storage class the type does not read directly (an integer read as text, text read as a number,
    /// a null read as a non-optional, a float) is SQLiteKit's to convert or to refuse.
    @Test func mismatchesAreLeftToSQLiteKit() throws {
        #expect((try? SQLiteValueConversion.value(.integer(5), as: String.self)) == nil)
        #expect(try decoder.decode(String.self, from: .integer(5)) == "5")
        #expect((try? SQLiteValueConversion.value(.text("5"), as: Int64.self)) == nil)
        #expect(throws: (any Error).self) { try decoder.decode(Int64.self, from: .text("5")) }
        #expect((try? SQLiteValueConversion.value(.null, as: String.self)) == nil)
        #expect(throws: (any Error).self) { try decoder.decode(String.self, from: .null) }
        #expect((try? SQLiteValueConversion.value(.float(1), as: Int64?.self)) == nil)
        #expect((try? SQLiteValueConversion.value(.integer(1), as: Bool.self)) == nil)
    }

    private func same<D: Decodable & Equatable>(_ expected: D, from data: SQLiteData) throws {
        let direct = try #require(try? SQLiteValueConversion.value(data, as: D.self), "\(data) as \(D.self) has a direct conversion")
        #expect(direct == expected)
        #expect(direct == (try decoder.decode(D.self, from: data)))
    }
}
