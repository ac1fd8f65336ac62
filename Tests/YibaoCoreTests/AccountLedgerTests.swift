import Testing
@testable import YibaoCore

/// The double-entry personal-account ledger: crediting, reserve / commit / reverse without overdraft,
/// transfer between regions, inheritance and statements.
@Suite struct AccountLedgerTests {
    typealias F = ContributionFixture
    let person = F.person(born: "1980-07-15")
    let heir = F.person(born: "1985-01-01", sex: .female)
    let region = F.municipalRegion
    let credit = AccountCredit(firstLevel: F.money("224"), secondLevel: F.money("96"), rule: 2)

    func credited() throws -> AccountLedger {
        var ledger = AccountLedger()
        try ledger.credit(credit, to: person, region: region, on: F.date("2025-07-31"), reference: "credit-2025-07")
        return ledger
    }

    @Test func creditingPostsBalancedEntries() throws {
        let ledger = try credited()
        #expect(ledger.accountBalances(of: person) == AccountBalances(firstLevel: F.money("224"), secondLevel: F.money("96")))
        #expect(ledger.balance(.crediting(region)) == F.money("-320"))
        #expect(ledger.postings.count == 1)
        #expect(ledger.postings[0].legs.reduce(Money.zero) { $0 + $1.amount } == .zero)
        #expect(AccountLedger.balances(of: ledger.postings) == ledger.balances)
    }

    @Test func unbalancedPostingsCannotBeBuilt() {
        let bad = #expect(throws: DomainError.self) {
            try AccountPosting(sequence: 1, date: F.date("2025-01-01"), kind: .credit, reference: "x", legs: [
                .init(.crediting(self.region), F.money("-10")), .init(.personal(self.person, .first), F.money("9.99")),
            ])
        }
        #expect(bad?.code == "POSTING_UNBALANCED")
    }

    @Test func reserveCommitAndReverse() throws {
        var ledger = try credited()
        try ledger.reserve("s1", person: person, firstLevel: F.money("200"), secondLevel: F.money("50"), on: F.date("2025-08-02"))
        #expect(ledger.accountBalances(of: person) == AccountBalances(firstLevel: F.money("24"), secondLevel: F.money("46")))
        #expect(ledger.balance(.reserved(person, .first)) == F.money("200"))
        try ledger.commit("s1", region: region, on: F.date("2025-08-02"))
        #expect(ledger.balance(.reserved(person, .first)) == .zero)
        #expect(ledger.balance(.institutionPayable(region)) == F.money("250"))
        // Cancelling the settlement refunds each level exactly.
        try ledger.reverse("s1", on: F.date("2025-08-05"))
        #expect(ledger.accountBalances(of: person) == AccountBalances(firstLevel: F.money("224"), secondLevel: F.money("96")))
        #expect(ledger.balance(.institutionPayable(region)) == .zero)
        #expect(throws: DomainError.self) { try ledger.reverse("s1", on: F.date("2025-08-06")) }
        #expect(throws: DomainError.self) { try ledger.commit("s1", region: self.region, on: F.date("2025-08-06")) }
        // A held reservation is released by reverse.
        try ledger.reserve("s2", person: person, firstLevel: F.money("24"), secondLevel: .zero, on: F.date("2025-08-07"))
        try ledger.reverse("s2", on: F.date("2025-08-07"))
        #expect(ledger.accountBalances(of: person).total == F.money("320"))
        #expect(AccountLedger.balances(of: ledger.postings) == ledger.balances)
    }

    @Test func anOverdraftIsRefusedWholeAndChangesNothing() throws {
        var ledger = try credited()
        let before = ledger
        let refused = #expect(throws: DomainError.self) {
            try ledger.reserve("s1", person: self.person, firstLevel: F.money("100"), secondLevel: F.money("96.01"), on: F.date("2025-08-02"))
        }
        #expect(refused?.code == "ACCOUNT_INSUFFICIENT")
        #expect(ledger == before)
        #expect(throws: DomainError.self) {
            try ledger.reserve("s1", person: self.person, firstLevel: F.money("-1"), secondLevel: .zero, on: F.date("2025-08-02"))
        }
        try ledger.reserve("s1", person: person, firstLevel: F.money("1"), secondLevel: .zero, on: F.date("2025-08-02"))
        let duplicate = #expect(throws: DomainError.self) {
            try ledger.reserve("s1", person: self.person, firstLevel: F.money("1"), secondLevel: .zero, on: F.date("2025-08-02"))
        }
        #expect(duplicate?.code == "ACCOUNT_DUPLICATE_REFERENCE")
    }

    @Test func transferAndInheritanceMoveTheWholeBalance() throws {
        var ledger = try credited()
        try ledger.reserve("s1", person: person, firstLevel: F.money("1"), secondLevel: .zero, on: F.date("2025-08-02"))
        #expect(throws: DomainError.self) {
            try ledger.transferOut(self.person, to: F.benxiRegion, on: F.date("2025-09-01"), reference: "t1")
        }
        try ledger.reverse("s1", on: F.date("2025-08-02"))
        try ledger.transferOut(person, to: F.benxiRegion, on: F.date("2025-09-01"), reference: "t1")
        #expect(ledger.accountBalances(of: person).total == .zero)
        #expect(ledger.balance(.transferClearing(F.benxiRegion)) == F.money("320"))
        // Arriving in the other region (here the same ledger), level by level.
        try ledger.transferIn(person, from: region, balances: AccountBalances(firstLevel: F.money("224"), secondLevel: F.money("96")),
                              on: F.date("2025-09-02"), reference: "t1-in")
        try ledger.inherit(from: person, to: heir, on: F.date("2026-01-10"), reference: "estate")
        #expect(ledger.accountBalances(of: heir) == AccountBalances(firstLevel: F.money("224"), secondLevel: F.money("96")))
        #expect(ledger.accountBalances(of: person).total == .zero)
    }

    @Test func statementForAPeriod() throws {
        var ledger = try credited()
        try ledger.credit(AccountCredit(firstLevel: F.money("280"), secondLevel: F.money("120"), rule: 1), to: person,
                          region: region, on: F.date("2025-08-31"), reference: "credit-2025-08")
        try ledger.reserve("s1", person: person, firstLevel: F.money("100"), secondLevel: .zero, on: F.date("2025-09-03"))
        try ledger.commit("s1", region: region, on: F.date("2025-09-03"))
        try ledger.credit(credit, to: heir, region: region, on: F.date("2025-09-30"), reference: "credit-heir")
        let statement = AccountStatement(person: person, ledger: ledger, from: F.date("2025-08-01"), through: F.date("2025-09-30"))
        // Opening: July's 224 + 96; August +280 / +120; September −100 reserved (the commit moves held money only).
        #expect(statement.opening == AccountBalances(firstLevel: F.money("224"), secondLevel: F.money("96")))
        #expect(statement.lines.map(\.reference) == ["credit-2025-08", "s1"])
        #expect(statement.closing == AccountBalances(firstLevel: F.money("404"), secondLevel: F.money("216")))
        #expect(statement.closing == ledger.accountBalances(of: person))
    }
}
