import Testing
@testable import YibaoCore

/// Maker-checker of refunds as a pure rule: who may decide, what may be asked for, what is final.
@Suite struct PaymentRefundRuleTests {
    typealias F = ContributionFixture

    @Test func theMakerNeverDecidesAndADecisionIsFinal() throws {
        var refund = try PaymentRefund.request(amount: F.money("100.00"), refundable: F.money("100.00"), reason: "重复缴费", by: "wang")
        #expect(throws: DomainError.self) { try refund.decide(approve: true, by: "wang", note: "") }
        #expect(refund.status == .requested)
        try refund.decide(approve: true, by: "li", note: "")
        #expect(refund.status == .approved)
        #expect(refund.decidedBy == "li")
        do {
            try refund.decide(approve: false, by: "zhao", note: "no")
            Issue.record("a decided refund was decided again")
        } catch {
            #expect(error.code == "REFUND_ALREADY_DECIDED")
        }
        #expect(refund.decidedBy == "li")
    }

    /// 100.00 unallocated with 60.00 already requested leaves 40.00: 40.01 is refused, 40.00 accepted.
    @Test func aRequestStaysWithinWhatIsRefundable() throws {
        let refundable = F.money("100.00") - F.money("60.00")
        #expect(throws: DomainError.self) { try PaymentRefund.request(amount: F.money("40.01"), refundable: refundable, reason: "多缴", by: "wang") }
        #expect(throws: DomainError.self) { try PaymentRefund.request(amount: .zero, refundable: refundable, reason: "多缴", by: "wang") }
        #expect(throws: DomainError.self) { try PaymentRefund.request(amount: F.money("1"), refundable: refundable, reason: "  ", by: "wang") }
        #expect(try PaymentRefund.request(amount: F.money("40.00"), refundable: refundable, reason: "多缴", by: "wang").amount == F.money("40.00"))
    }

    @Test func aRejectionNeedsANote() throws {
        var refund = try PaymentRefund.request(amount: F.money("1"), refundable: F.money("1"), reason: "多缴", by: "wang")
        #expect(throws: DomainError.self) { try refund.decide(approve: false, by: "li", note: "") }
        try refund.decide(approve: false, by: "li", note: "已抵缴")
        #expect(refund.status == .rejected)
        #expect(refund.decisionNote == "已抵缴")
    }
}
