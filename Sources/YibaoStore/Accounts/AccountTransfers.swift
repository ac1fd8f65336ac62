import SQLKit
import YibaoCore

/// Personal-account balances that leave or reach a person other than by credits and settlements, each a
/// balanced movement in `account_ledger` with the balance row updated in the caller's transaction, and
/// the person's account row locked first (the settlement lock), so no concurrent settlement spends what
/// is being moved:
///
/// - transfer on a region change (转移接续): the `transferred` enrolment event and the whole balance, per
///   level, to `transfer_clearing:<destination>`; a person arriving from another region is credited from
///   `transfer_clearing:<origin>` with what the origin sent (`transferIn`);
/// - inheritance on death (个人账户余额继承): once the enrolment is terminated by death, the whole balance
///   to an heir's account (an insured person of the region) or, without one, to
///   `inheritance_payable:<region>` for payment to the heirs.
public enum AccountTransfers {
    /// Transfers the person to `destination` on `date` with their whole balance; returns what was moved.
    @discardableResult
    public static func transferOut(_ person: PersonRecord, to destination: RegionCode, on date: LocalDate, by actor: AuditActor,
                                   in db: any SQLDatabase) async throws -> AccountBalances {
        let balance = try await PersonRepository.account(admdvs: person.admdvs, psnNo: person.psnNo, lock: true, in: db)
        try await EnrolmentRepository.append(.transferred(on: date, to: destination), admdvs: person.admdvs, psnNo: person.psnNo,
                                             by: actor, in: db)
        try await post(.zero - balance.firstLevel, .zero - balance.secondLevel, person: person,
                       counterparty: "transfer_clearing:\(destination.value)", kind: "transfer_out", in: db)
        try await AuditTrail.append(actor.event(action: "account.transfer_out", target: "person:\(person.psnNo)",
                                                after: "to=\(destination.value) first=\(balance.firstLevel) second=\(balance.secondLevel)"), in: db)
        return balance
    }

    /// Credits a person who arrived from `origin` with the balance the origin sent.
    public static func transferIn(_ person: PersonRecord, from origin: RegionCode, amounts: AccountBalances, by actor: AuditActor,
                                  in db: any SQLDatabase) async throws {
        guard !amounts.firstLevel.isNegative, !amounts.secondLevel.isNegative, amounts.total > .zero else {
            throw DomainError(code: "TRANSFER_AMOUNT", message: "转入金额须为正数", messageEn: "the amounts transferred in must be positive",
                              path: "first_level")
        }
        _ = try await PersonRepository.account(admdvs: person.admdvs, psnNo: person.psnNo, lock: true, in: db)
        try await post(amounts.firstLevel, amounts.secondLevel, person: person, counterparty: "transfer_clearing:\(origin.value)",
                       kind: "transfer_in", in: db)
        try await AuditTrail.append(actor.event(action: "account.transfer_in", target: "person:\(person.psnNo)",
                                                after: "from=\(origin.value) first=\(amounts.firstLevel) second=\(amounts.secondLevel)"), in: db)
    }

    /// Passes the balance of `deceased` (terminated by death) to `heir`, or to the region's inheritance
    /// payable when there is no insured heir; returns what was passed. Refused before the death is recorded,
    /// for an heir of another region, and for an empty account.
    @discardableResult
    public static func inherit(from deceased: PersonRecord, to heir: PersonRecord?, by actor: AuditActor,
                               in db: any SQLDatabase) async throws -> AccountBalances {
        guard case .terminated(_, _, .death) = try await EnrolmentRepository.history(admdvs: deceased.admdvs, psnNo: deceased.psnNo, in: db).state else {
            throw DomainError(.conflict, code: "INHERITANCE_NOT_DECEASED", message: "参保人 \(deceased.psnNo) 未登记死亡终止参保，个人账户不能继承",
                              messageEn: "person \(deceased.psnNo) has no termination by death: the account cannot be inherited", path: "psn_no")
        }
        if let heir {
            guard heir.admdvs == deceased.admdvs, heir.psnNo != deceased.psnNo else {
                throw DomainError(code: "INHERITANCE_HEIR", message: "继承人须为本统筹区的其他参保人", messageEn: "the heir must be another insured person of the region",
                                  path: "heir_psn_no")
            }
        }
        let balance = try await PersonRepository.account(admdvs: deceased.admdvs, psnNo: deceased.psnNo, lock: true, in: db)
        guard balance.total > .zero else {
            throw DomainError(.conflict, code: "ACCOUNT_EMPTY", message: "个人账户余额为零，无可继承", messageEn: "the account is empty: nothing to inherit",
                              path: "psn_no")
        }
        if let heir {
            _ = try await PersonRepository.account(admdvs: heir.admdvs, psnNo: heir.psnNo, lock: true, in: db)
            try await AccountLedgerWriter.move(balance, from: (deceased.admdvs, deceased.psnNo), to: (heir.admdvs, heir.psnNo),
                                               kind: "inheritance", in: db)
        } else {
            try await post(.zero - balance.firstLevel, .zero - balance.secondLevel, person: deceased,
                           counterparty: "inheritance_payable:\(deceased.admdvs)", kind: "inheritance", in: db)
        }
        try await AuditTrail.append(actor.event(action: "account.inherit", target: "person:\(deceased.psnNo)",
                                                after: "heir=\(heir.map { String($0.psnNo) } ?? "payable") first=\(balance.firstLevel) second=\(balance.secondLevel)"),
                                    in: db)
        return balance
    }

    private static func post(_ first: Money, _ second: Money, person: PersonRecord, counterparty: String, kind: String,
                             in db: any SQLDatabase) async throws {
        try await AccountLedgerWriter.post([.init(level: .first, amount: first), .init(level: .second, amount: second)], admdvs: person.admdvs,
                                           psnNo: person.psnNo, counterparty: counterparty, setlID: nil, kind: kind, in: db)
        try await AccountLedgerWriter.adjustBalance(admdvs: person.admdvs, psnNo: person.psnNo,
                                                    by: AccountBalances(firstLevel: first, secondLevel: second), in: db)
    }
}
