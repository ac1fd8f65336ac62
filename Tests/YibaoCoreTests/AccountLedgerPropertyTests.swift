import PropertyBased
import Testing
@testable import YibaoCore

/// Invariants of the personal-account ledger and of base locking over random inputs: every posting and
/// the whole ledger balance, balances are derivable from postings, no sequence of operations overdraws a
/// person, and a locked base is always within [floor, cap].
@Suite struct AccountLedgerPropertyTests {
    typealias F = ContributionFixture
    static let people = [F.person(born: "1980-07-15"), F.person(born: "1990-01-01", sex: .female)]
    static let regions = [F.municipalRegion, F.benxiRegion]

    /// One operation: kind, person, two amounts (fen), a reservation slot, a region.
    typealias Op = (Int, Int, Int64, Int64, Int, Int)
    static let opGen = zip(Gen.int(in: 0...6), Gen.int(in: 0...1), Gen.int64(in: 0...50_000), Gen.int64(in: 0...50_000),
                           Gen.int(in: 0...4), Gen.int(in: 0...1))
    static let sequenceGen = opGen.array(of: 1...60)

    /// Applies the operations, ignoring refusals (a refused operation must leave the ledger unchanged).
    static func run(_ ops: [Op]) -> (ledger: AccountLedger, refusedChangedSomething: Bool) {
        var ledger = AccountLedger()
        var changed = false
        let day = F.date("2025-01-01")
        for (i, op) in ops.enumerated() {
            let (kind, who, a, b, slot, r) = op
            let person = people[who]
            let before = ledger
            do {
                switch kind {
                case 0, 1:
                    try ledger.credit(AccountCredit(firstLevel: Money(fen: a), secondLevel: Money(fen: b), rule: 0),
                                      to: person, region: regions[r], on: day, reference: "c\(i)")
                case 2, 3:
                    try ledger.reserve("r\(slot)-\(who)", person: person, firstLevel: Money(fen: a), secondLevel: Money(fen: b), on: day)
                case 4: try ledger.commit("r\(slot)-\(who)", region: regions[r], on: day)
                case 5: try ledger.reverse("r\(slot)-\(who)", on: day)
                default: try ledger.transferOut(person, to: regions[r], on: day, reference: "t\(i)")
                }
            } catch {
                if ledger != before { changed = true }
            }
        }
        return (ledger, changed)
    }

    @Test func theLedgerAlwaysBalances() async {
        await propertyCheck(count: 300, input: Self.sequenceGen) { ops in
            let (ledger, _) = Self.run(ops)
            #expect(ledger.postings.allSatisfy { $0.legs.reduce(Money.zero) { $0 + $1.amount } == .zero })
            #expect(ledger.balances.values.reduce(Money.zero, +) == .zero)
            #expect(AccountLedger.balances(of: ledger.postings) == ledger.balances)
        }
    }

    @Test func noSequenceOfOperationsOverdraws() async {
        await propertyCheck(count: 300, input: Self.sequenceGen) { ops in
            let (ledger, refusedChangedSomething) = Self.run(ops)
            #expect(!refusedChangedSomething)
            for (account, amount) in ledger.balances where account.isGuarded { #expect(!amount.isNegative) }
            // What is held equals what the open reservations say.
            for person in Self.people {
                let open = ledger.reservations.values.filter { $0.person == person && $0.state == .reserved }
                #expect(ledger.balance(.reserved(person, .first)) == open.reduce(Money.zero) { $0 + $1.firstLevel })
                #expect(ledger.balance(.reserved(person, .second)) == open.reduce(Money.zero) { $0 + $1.secondLevel })
            }
        }
    }

    static let baseGen = zip(Gen.int64(in: 0...100_000_000), Gen.int64(in: 1...1_000_000_000),
                             Gen.int64(in: 0...1_000_000), Gen.int64(in: 0...9_000_000))

    @Test func aLockedBaseIsAlwaysWithinFloorAndCap() async {
        await propertyCheck(count: 500, input: Self.baseGen) { v in
            let (declared, wage, floorPpm, extraPpm) = v
            let floor = Ratio(ppm: floorPpm), cap = Ratio(ppm: floorPpm + extraPpm)
            let policy = ContributionPolicy(base: ContributionBaseRule(floor: floor, cap: cap, declarationMonth: 3))
            let base = try ContributionBase.lock(declared: Money(fen: declared), averageWage: Money(fen: wage), policy: policy)
            let monthly = ContributionBase.monthlyAverageWage(Money(fen: wage))
            #expect(floor.apply(to: monthly) <= base.amount && base.amount <= cap.apply(to: monthly))
            #expect((base.adjustment == .none) == (base.amount == base.declared))
        }
    }
}
