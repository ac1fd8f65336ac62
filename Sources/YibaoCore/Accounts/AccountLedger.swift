/// The personal-account ledger as a pure value: an append-only list of balanced postings and the
/// balances they produce (kept incrementally, and always equal to `balances(of: postings)`).
///
/// Every operation builds its postings, checks that no person's balance or reservation would go below
/// zero, and only then appends them: an operation either happens whole or not at all, so no sequence
/// of operations can overdraw an account. The store persists the postings and serializes operations on
/// one person (row lock / single writer), which makes the same guarantee hold under concurrency.
public struct AccountLedger: Sendable, Equatable {
    public private(set) var postings: [AccountPosting] = []
    public private(set) var balances: [LedgerAccount: Money] = [:]
    public private(set) var reservations: [String: AccountReservation] = [:]

    public init() {}

    public func balance(_ account: LedgerAccount) -> Money { balances[account] ?? .zero }

    /// A person's spendable balances (what the settlement engine receives in `PersonProfile.account`).
    public func accountBalances(of person: IdentityNumber) -> AccountBalances {
        AccountBalances(firstLevel: balance(.personal(person, .first)), secondLevel: balance(.personal(person, .second)))
    }

    /// Balances recomputed from postings alone.
    public static func balances(of postings: [AccountPosting]) -> [LedgerAccount: Money] {
        var out: [LedgerAccount: Money] = [:]
        for posting in postings {
            for leg in posting.legs { out[leg.account, default: .zero] += leg.amount }
        }
        return out.filter { !$0.value.isZero }
    }

    /// Appends a balanced posting after checking that no guarded account goes below zero; touches only
    /// the posting's accounts, so its cost does not grow with the ledger.
    private mutating func post(date: LocalDate, kind: AccountPosting.Kind, reference: String,
                              legs: [AccountPosting.Leg]) throws(DomainError) {
        let posting = try AccountPosting(sequence: postings.count + 1, date: date, kind: kind, reference: reference,
                                         legs: legs.filter { !$0.amount.isZero })
        var after: [LedgerAccount: Money] = [:]
        for leg in posting.legs { after[leg.account, default: balance(leg.account)] += leg.amount }
        for (account, amount) in after where account.isGuarded && amount.isNegative {
            throw LedgerError.overdraw(account, balance: balance(account), amount: balance(account) - amount)
        }
        for (account, amount) in after { balances[account] = amount.isZero ? nil : amount }
        postings.append(posting)
    }

    /// Credits a month's (or year's) crediting to the person's two levels from the region's crediting source.
    public mutating func credit(_ credit: AccountCredit, to person: IdentityNumber, region: RegionCode,
                                on date: LocalDate, reference: String) throws(DomainError) {
        guard !credit.firstLevel.isNegative, !credit.secondLevel.isNegative else { throw LedgerError.negativeAmount }
        guard !credit.total.isZero else { return }
        try post(date: date, kind: .credit, reference: reference, legs: [
            .init(.crediting(region), -credit.total),
            .init(.personal(person, .first), credit.firstLevel),
            .init(.personal(person, .second), credit.secondLevel),
        ])
    }

    /// Holds the given amounts of each level for the settlement `reference`; refused whole when a level
    /// has less than asked or the reference was used before.
    @discardableResult
    public mutating func reserve(_ reference: String, person: IdentityNumber, firstLevel: Money, secondLevel: Money,
                                 on date: LocalDate) throws(DomainError) -> AccountReservation {
        guard reservations[reference] == nil else { throw LedgerError.duplicateReference(reference) }
        guard !firstLevel.isNegative, !secondLevel.isNegative else { throw LedgerError.negativeAmount }
        let reservation = AccountReservation(reference: reference, person: person, firstLevel: firstLevel,
                                             secondLevel: secondLevel, state: .reserved)
        if !reservation.total.isZero {
            try post(date: date, kind: .reserve, reference: reference, legs: AccountLevel.allCases.flatMap { level in
                [AccountPosting.Leg(.personal(person, level), -reservation.amount(level)),
                 AccountPosting.Leg(.reserved(person, level), reservation.amount(level))]
            })
        }
        reservations[reference] = reservation
        return reservation
    }

    /// Pays a reservation to the institutions of `region`.
    public mutating func commit(_ reference: String, region: RegionCode, on date: LocalDate) throws(DomainError) {
        var reservation = try open(reference, expecting: .reserved)
        if !reservation.total.isZero {
            try post(date: date, kind: .commit, reference: reference, legs: AccountLevel.allCases.map { level in
                AccountPosting.Leg(.reserved(reservation.person, level), -reservation.amount(level))
            } + [.init(.institutionPayable(region), reservation.total)])
        }
        reservation.state = .committed
        reservation.committedTo = region
        reservations[reference] = reservation
    }

    /// Undoes a reservation: a held one is released, a committed one refunded from the institution
    /// payable (a cancelled settlement); each level gets back exactly what it gave.
    public mutating func reverse(_ reference: String, on date: LocalDate) throws(DomainError) {
        guard var reservation = reservations[reference] else { throw LedgerError.unknownReference(reference) }
        let person = reservation.person
        let back = AccountLevel.allCases.map { AccountPosting.Leg(.personal(person, $0), reservation.amount($0)) }
        switch reservation.state {
        case .reserved:
            if !reservation.total.isZero {
                try post(date: date, kind: .release, reference: reference, legs: back + AccountLevel.allCases.map {
                    AccountPosting.Leg(.reserved(person, $0), -reservation.amount($0))
                })
            }
        case .committed:
            if !reservation.total.isZero, let region = reservation.committedTo {
                try post(date: date, kind: .refund, reference: reference,
                         legs: back + [.init(.institutionPayable(region), -reservation.total)])
            }
        case .reversed:
            throw LedgerError.wrongState(reference, reservation.state)
        }
        reservation.state = .reversed
        reservations[reference] = reservation
    }

    /// Moves the person's whole balance out to `destination` on a region change (转移接续). Refused while
    /// a reservation of the person is still open, so nothing held is left behind.
    public mutating func transferOut(_ person: IdentityNumber, to destination: RegionCode,
                                     on date: LocalDate, reference: String) throws(DomainError) {
        try requireNoOpenReservation(person)
        let balances = accountBalances(of: person)
        guard !balances.total.isZero else { return }
        try post(date: date, kind: .transferOut, reference: reference, legs: [
            .init(.personal(person, .first), -balances.firstLevel),
            .init(.personal(person, .second), -balances.secondLevel),
            .init(.transferClearing(destination), balances.total),
        ])
    }

    /// Receives a balance transferred in from `origin`, level by level.
    public mutating func transferIn(_ person: IdentityNumber, from origin: RegionCode, balances: AccountBalances,
                                    on date: LocalDate, reference: String) throws(DomainError) {
        guard !balances.firstLevel.isNegative, !balances.secondLevel.isNegative else { throw LedgerError.negativeAmount }
        guard !balances.total.isZero else { return }
        try post(date: date, kind: .transferIn, reference: reference, legs: [
            .init(.transferClearing(origin), -balances.total),
            .init(.personal(person, .first), balances.firstLevel),
            .init(.personal(person, .second), balances.secondLevel),
        ])
    }

    /// Passes a deceased person's balance to the heir's account, level to level (Xiamen L107: inheritable).
    public mutating func inherit(from deceased: IdentityNumber, to heir: IdentityNumber,
                                 on date: LocalDate, reference: String) throws(DomainError) {
        try requireNoOpenReservation(deceased)
        let balances = accountBalances(of: deceased)
        guard !balances.total.isZero else { return }
        try post(date: date, kind: .inheritance, reference: reference, legs: AccountLevel.allCases.flatMap { level in
            let amount = level == .first ? balances.firstLevel : balances.secondLevel
            return [AccountPosting.Leg(.personal(deceased, level), -amount), AccountPosting.Leg(.personal(heir, level), amount)]
        })
    }

    private func open(_ reference: String, expecting state: AccountReservation.State) throws(DomainError) -> AccountReservation {
        guard let reservation = reservations[reference] else { throw LedgerError.unknownReference(reference) }
        guard reservation.state == state else { throw LedgerError.wrongState(reference, reservation.state) }
        return reservation
    }

    private func requireNoOpenReservation(_ person: IdentityNumber) throws(DomainError) {
        if let open = reservations.values.first(where: { $0.person == person && $0.state == .reserved }) {
            throw LedgerError.openReservation(open.reference)
        }
    }
}

/// The reasons a ledger operation is refused.
enum LedgerError {
    static func overdraw(_ account: LedgerAccount, balance: Money, amount: Money) -> DomainError {
        DomainError(.conflict, code: "ACCOUNT_INSUFFICIENT", message: "个人账户余额不足：\(account) 余额 \(balance)，需支出 \(amount)",
                    messageEn: "insufficient balance: \(account) holds \(balance), \(amount) requested")
    }
    static var negativeAmount: DomainError {
        DomainError(code: "ACCOUNT_NEGATIVE_AMOUNT", message: "金额不能为负数", messageEn: "amounts must not be negative", path: "amount")
    }
    static func duplicateReference(_ reference: String) -> DomainError {
        DomainError(.conflict, code: "ACCOUNT_DUPLICATE_REFERENCE", message: "业务编号“\(reference)”已使用",
                    messageEn: "reference \"\(reference)\" is already used", path: "reference")
    }
    static func unknownReference(_ reference: String) -> DomainError {
        DomainError(.notFound, code: "ACCOUNT_UNKNOWN_REFERENCE", message: "没有业务编号为“\(reference)”的冻结",
                    messageEn: "no reservation with reference \"\(reference)\"", path: "reference")
    }
    static func wrongState(_ reference: String, _ state: AccountReservation.State) -> DomainError {
        DomainError(.conflict, code: "ACCOUNT_RESERVATION_STATE", message: "冻结“\(reference)”当前状态为 \(state.rawValue)，不能执行该操作",
                    messageEn: "reservation \"\(reference)\" is \(state.rawValue); the operation is not allowed", path: "reference")
    }
    static func openReservation(_ reference: String) -> DomainError {
        DomainError(.conflict, code: "ACCOUNT_OPEN_RESERVATION", message: "存在未完成的冻结“\(reference)”，请先确认或撤销",
                    messageEn: "reservation \"\(reference)\" is still open; commit or reverse it first", path: "reference")
    }
}
