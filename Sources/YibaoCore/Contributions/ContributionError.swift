/// The reasons a contribution calculation is refused because the policy lacks the rule it needs.
enum ContributionError {
    static var noBaseRule: DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_BASE_RULE", message: "策略未设置缴费基数规则（contributions.base）",
                    messageEn: "the policy has no contribution-base rule (contributions.base)", path: "contributions.base")
    }
    static func noRate(_ category: PersonCategory) -> DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_RATE", message: "策略没有适用于人员类别“\(category.rawValue)”的费率",
                    messageEn: "the policy has no contribution rate for category \"\(category.rawValue)\"", path: "contributions.rates")
    }
    static var declaredBaseMissing: DomainError {
        DomainError(code: "CONTRIBUTION_BASE_MISSING", message: "该费率按申报基数计征，但未提供核定的缴费基数",
                    messageEn: "the rate applies to the declared base, but no locked base was given", path: "base")
    }
    static var noResidentRules: DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_RESIDENT_RULES", message: "策略未设置居民缴费标准（contributions.resident）",
                    messageEn: "the policy has no resident premium table (contributions.resident)", path: "contributions.resident")
    }
    static func noPremium(_ category: PersonCategory) -> DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_PREMIUM", message: "居民缴费标准中没有人员类别“\(category.rawValue)”",
                    messageEn: "the resident premium table has no line for category \"\(category.rawValue)\"", path: "contributions.resident.premiums")
    }
    static var noYearsRule: DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_YEARS_RULE", message: "策略未设置最低缴费年限（contributions.contribution_years）",
                    messageEn: "the policy has no minimum contribution years (contributions.contribution_years)", path: "contributions.contribution_years")
    }
    static var noLateFeeRule: DomainError {
        DomainError(.conflict, code: "CONTRIBUTION_NO_LATE_FEE_RULE", message: "策略未设置滞纳金规则（contributions.late_fees）",
                    messageEn: "the policy has no late-fee rule (contributions.late_fees)", path: "contributions.late_fees")
    }
}
