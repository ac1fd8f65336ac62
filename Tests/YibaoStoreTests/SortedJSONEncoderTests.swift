import Foundation
import PropertyBased
import Testing
import YibaoCore
@testable import YibaoStore

/// `SortedJSONEncoder` must write exactly what Foundation's encoder writes with sorted keys and
/// unescaped slashes: stored explanations and HIS answers written before it are the same text.
@Suite struct SortedJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func sorted<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try SortedJSONEncoder.encode(value), as: UTF8.self)
    }

    /// Real settlements of the three presets, outpatient and inpatient, with their explanations.
    @Test func settlementsAreTheSameTextAsFoundations() throws {
        var rng = SeededGenerator(seed: 7)
        let cases: [(PolicyPresets.Preset, PersonProfile)] = [
            (PolicyPresets.benxiResident, PersonProfile(category: .residentAdult, continuousYears: 3)),
            (PolicyPresets.xiamenEmployee, PersonProfile(category: .employee, account: AccountBalances(firstLevel: Money(yuan: 2_000)))),
            (PolicyPresets.municipalEmployee, PersonProfile(category: .retiree, account: AccountBalances(firstLevel: Money(yuan: 800), secondLevel: Money(yuan: 3_000)))),
        ]
        var compared = 0
        for (preset, person) in cases {
            let document = try PolicyPresets.document(preset)
            let policy = try #require(document.section(BenefitPolicy.self))
            let date = document.metadata.effectiveFrom
            for i in 0..<20 {
                let encounter = i.isMultiple(of: 2)
                    ? SyntheticEncounters.outpatient(lines: 1 + i, date: date, grade: .grade1, using: &rng)
                    : SyntheticEncounters.inpatient(lines: 5 * i, admitted: date, days: 1 + i % 9, grade: .grade2, using: &rng)
                let settlement = try SettlementEngine.settle(encounter, person: person, policy: policy,
                                                             accumulators: Accumulators(), averageWage: Money(yuan: 100_000))
                #expect(try Self.sorted(settlement) == Self.foundation(settlement))
                // Read back whole: an out-of-catalogue line (5% of synthetic lines) stays 目录外, not 丙.
                #expect(try StoredJSON.decode(Settlement.self, Self.sorted(settlement)) == settlement)
                compared += 1
            }
        }
        #expect(compared == 60)
    }

    /// A tree of objects, arrays, dictionaries, optionals and strings over a mixed alphabet: control
    /// characters, quotes, backslashes, slashes, CJK, emoji; keys mixing cases, digits and `_`, so the
    /// key order is tested where a case-folding or numeric sort would differ.
    struct Node: Codable, Equatable {
        var name: String
        var number: Int64
        var flag: Bool?
        var tags: [String]
        var table: [String: Int]
        var children: [Node]
    }

    static let alphabet: [Character] = ["a", "B", "z", "_", "0", "9", "1", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1f}", "\u{8}",
                                        "\u{c}", "\r", "医", "保", "😀", "é", " ", "A", "~", "\u{7f}"]
    static let text = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }.array(of: 0...6).map { String($0) }
    static let leaf = zip(text, Gen.int64(in: -5_000...5_000), Gen.int(in: 0...2), text.array(of: 0...3),
                          zip(text, Gen.int(in: -9...9)).array(of: 0...4))
        .map { name, number, flag, tags, pairs in
            Node(name: name, number: number, flag: flag == 2 ? nil : flag == 1, tags: tags,
                 table: Dictionary(pairs, uniquingKeysWith: { a, _ in a }), children: [])
        }
    static let tree = zip(leaf, leaf.array(of: 0...3), leaf.array(of: 0...2)).map { root, children, grandchildren in
        var root = root
        root.children = children.map { var child = $0; child.children = grandchildren; return child }
        return root
    }

    @Test func arbitraryTreesAreTheSameTextAsFoundations() async {
        await propertyCheck(count: 300, input: Self.tree) { node in
            let ours = try Self.sorted(node)
            #expect(ours == (try Self.foundation(node)))
            #expect(try StoredJSON.decode(Node.self, ours) == node)
        }
    }

    @Test func floatingPointIsRefusedWithItsPath() {
        struct Bad: Encodable { var inner: [String: Double] }
        #expect {
            _ = try SortedJSONEncoder.encode(Bad(inner: ["rate": 0.1]))
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["inner", "rate"]
        }
    }
}

extension SortedJSONEncoderTests {
    /// Money is written directly rather than through its `Encodable` text; both must agree, signs and
    /// the extremes included.
    @Test func moneyIsItsOwnText() throws {
        struct Amounts: Encodable { var values: [Money]; var one: Money }
        let fen: [Int64] = [0, 1, 5, 10, 99, 100, 105, -1, -5, -100, -12_345, 999_999_999_999, Int64.max, Int64.min]
        let amounts = Amounts(values: fen.map(Money.init(fen:)), one: Money(fen: -7))
        #expect(try Self.sorted(amounts) == Self.foundation(amounts))
        #expect(try Self.sorted(Money(fen: -205)) == #""-2.05""#)
    }

    /// Integers are written digit by digit, without `String`; the extremes of each width included.
    @Test func integersAreFoundationsText() throws {
        struct Integers: Encodable {
            var signed: [Int64] = [0, 7, -7, 10, -10, 1_234_567_890, Int64.max, Int64.min]
            var unsigned: [UInt64] = [0, 9, UInt64(Int64.max) + 1, UInt64.max]
            var small: [Int8] = [Int8.min, -1, Int8.max]
            var plain = Int.min
            var wide = UInt.max
        }
        #expect(try Self.sorted(Integers()) == Self.foundation(Integers()))
    }

    /// A refused value deep in arrays and objects reports the path Foundation would: keys and `Index n`.
    @Test func refusalInsideArraysNamesTheIndex() {
        struct Rate: Encodable { var name = "a"; var rate: Double }
        struct Table: Encodable { var rows: [[Rate]] }
        #expect {
            _ = try SortedJSONEncoder.encode(Table(rows: [[], [Rate(rate: 1), Rate(rate: 0.5)]]))
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["rows", "Index 1", "Index 0", "rate"]
        }
    }
}
