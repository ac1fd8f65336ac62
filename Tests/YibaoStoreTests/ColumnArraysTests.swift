import Testing
@testable import YibaoStore

/// `ColumnArrays`: a multi-row insert's row-major values as one typed array a column, for PostgreSQL.
@Suite struct ColumnArraysTests {
    static let insert = StaticSQL.insert(into: "t", columns: ["a", "b", "c"], rows: 2)

    @Test func rowsBecomeOneTypedArrayAColumn() throws {
        let bound = Self.insert.bind(["甲", Int64(1), Optional(Int64(7)), "乙", Int64(2), Optional(Int64(8))]).inColumnArrays
        #expect(bound.statement.postgres == "INSERT INTO t (a, b, c) SELECT * FROM unnest($1, $2, $3)")
        #expect(bound.statement.preparable)
        #expect(bound.values.count == 3)
        #expect(try #require(bound.values[0] as? [String]) == ["甲", "乙"])
        #expect(try #require(bound.values[1] as? [Int64]) == [1, 2])
        #expect(try #require(bound.values[2] as? [Int64]) == [7, 8])
    }

    /// The text is the same for any number of rows, and the suffix follows the arrays.
    @Test func oneTextWhateverTheRows() throws {
        let one = StaticSQL.insert(into: "t", columns: ["a"], rows: 1, then: "ON CONFLICT (a) DO NOTHING").bind([1]).inColumnArrays
        let three = StaticSQL.insert(into: "t", columns: ["a"], rows: 3, then: "ON CONFLICT (a) DO NOTHING").bind([1, 2, 3]).inColumnArrays
        #expect(one.statement.postgres == "INSERT INTO t (a) SELECT * FROM unnest($1) ON CONFLICT (a) DO NOTHING")
        #expect(three.statement.postgres == one.statement.postgres)
        #expect(try #require(three.values.first as? [Int]) == [1, 2, 3])
    }

    /// A nil, a column of mixed types or a type with no array stays in the VALUES form.
    @Test func whatCannotBeAnArrayStaysAsValues() {
        for values: [any Encodable & Sendable] in [["甲", Int64(1), Int64?.none, "乙", Int64(2), Optional(Int64(8))],
                                                    ["甲", Int64(1), Int64(7), "乙", 2, Int64(8)],
                                                    ["甲", Int64(1), 1.5, "乙", Int64(2), 2.5]] {
            let bound = Self.insert.bind(values).inColumnArrays
            #expect(bound.statement.postgres == "INSERT INTO t (a, b, c) VALUES ($1, $2, $3), ($4, $5, $6)")
            #expect(!bound.statement.preparable)
            #expect(bound.values.count == 6)
        }
        #expect(StaticSQL("UPDATE t SET a = $1").bind([1]).inColumnArrays.statement.postgres == "UPDATE t SET a = $1")
    }
}
