import SQLKit
import YibaoCore

/// 续保 after an interruption, with the day the gap's arrears were paid taken from the person's approved
/// back-payments of years or months when there are any (Benxi R23, 002 L46: benefits resume N months after
/// the arrears are paid, so that day must be the day the back-payment was cleared, not a date typed in).
/// Without back-payments the clerk's `gapPaidOn` is recorded as given (a gap paid by other means, or not
/// paid at all).
public enum Resumption {
    /// Records the resumption on `date`; `gapPaidOn` must agree with the back-payments when they exist.
    @discardableResult
    public static func record(admdvs: String, psnNo: Int64, on date: LocalDate, gapPaidOn: LocalDate?, by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> EnrolmentHistory {
        var paidOn = gapPaidOn
        let history = try await EnrolmentRepository.history(admdvs: admdvs, psnNo: psnNo, in: db)
        if case .interrupted(_, let since) = history.state {
            switch try await BackPaymentRepository.gapSettlement(admdvs: admdvs, psnNo: psnNo, since: since, in: db) {
            case .none:
                break
            case .paid(let cleared):
                if let given = gapPaidOn, given != cleared {
                    throw DomainError(.conflict, code: "GAP_PAID_ON_MISMATCH",
                                      message: "补缴已于 \(cleared) 缴清，补缴日期应为该日（而非 \(given)）",
                                      messageEn: "the back-payment was cleared on \(cleared), not on \(given)", path: "gap_paid_on")
                }
                paidOn = cleared
            case .unpaid(let period, let outstanding):
                if gapPaidOn != nil {
                    throw DomainError(.conflict, code: "BACK_PAYMENT_UNPAID",
                                      message: "\(period) 的补缴尚欠 \(outstanding) 元，不能登记为已补缴",
                                      messageEn: "the back-payment of \(period) still owes \(outstanding): the gap is not paid", path: "gap_paid_on")
                }
            }
        }
        return try await EnrolmentRepository.append(.resumed(on: date, gapPaidOn: paidOn), admdvs: admdvs, psnNo: psnNo, by: actor, in: db)
    }
}
