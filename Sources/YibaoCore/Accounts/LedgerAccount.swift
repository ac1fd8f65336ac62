/// The two levels of a personal account (004 L19): the first level pays first, the second may pay the
/// deductible and the first-pay share (the `benefits` section's `personal_account` says what each pays).
public enum AccountLevel: String, Sendable, Codable, CaseIterable {
    case first = "first_level"
    case second = "second_level"
}

/// An account of the personal-account ledger. A person's balance is money the fund holds for them, so
/// it and the reserved (held) part can never go below zero; the others are the counter-accounts where
/// money comes from or goes to, and may be negative (the crediting source is negative by what it has
/// credited).
public enum LedgerAccount: Hashable, Sendable, CustomStringConvertible {
    /// The person's spendable balance of one level.
    case personal(IdentityNumber, AccountLevel)
    /// Held for a settlement that is reserved but not yet committed or reversed.
    case reserved(IdentityNumber, AccountLevel)
    /// The personal-account fund's income of the region: the source of credits (划入).
    case crediting(RegionCode)
    /// Spent at designated institutions and owed to them by the region's fund.
    case institutionPayable(RegionCode)
    /// Balances leaving for, or arriving from, another region (转移接续).
    case transferClearing(RegionCode)

    /// Person accounts may never be overdrawn.
    public var isGuarded: Bool {
        switch self {
        case .personal, .reserved: return true
        case .crediting, .institutionPayable, .transferClearing: return false
        }
    }

    /// The person the account belongs to, if any.
    public var person: IdentityNumber? {
        switch self {
        case .personal(let p, _), .reserved(let p, _): return p
        case .crediting, .institutionPayable, .transferClearing: return nil
        }
    }

    public var description: String {
        switch self {
        case .personal(let p, let l): return "personal:\(p.value):\(l.rawValue)"
        case .reserved(let p, let l): return "reserved:\(p.value):\(l.rawValue)"
        case .crediting(let r): return "crediting:\(r)"
        case .institutionPayable(let r): return "institution_payable:\(r)"
        case .transferClearing(let r): return "transfer_clearing:\(r)"
        }
    }
}
