import YibaoCore

/// The settlement desk's refusals, each naming the field at fault (the HIS layer prefixes `input.`).
enum SettlementError {
    static func personNotFound(_ psnNo: Int64) -> DomainError {
        DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "参保人不存在：\(psnNo)",
                    messageEn: "no insured person \(psnNo)", path: "psn_no")
    }
    /// `reason`: the eligibility answer's, when it has one (not enrolled, terminated on …).
    static func notCovered(_ psnNo: Int64, _ insutype: String, _ date: LocalDate, reason: (zh: String, en: String)?) -> DomainError {
        DomainError(.conflict, code: "PERSON_NOT_COVERED",
                    message: "参保人 \(psnNo) 在 \(date) 未参加险种 \(insutype)" + (reason.map { "（\($0.zh)）" } ?? ""),
                    messageEn: "person \(psnNo) is not enrolled in insutype \(insutype) on \(date)" + (reason.map { " (\($0.en))" } ?? ""),
                    path: "insutype")
    }
    static func encounterNotFound(_ id: Int64) -> DomainError {
        DomainError(.notFound, code: "MDTRT_NOT_FOUND", message: "就诊记录不存在：\(id)",
                    messageEn: "no encounter \(id)", path: "mdtrt_id")
    }
    static func foreign(_ what: String, _ whatEn: String, _ id: Int64, path: String) -> DomainError {
        DomainError(.forbidden, code: "FOREIGN_INSTITUTION", message: "\(what) \(id) 属于其他定点机构，本机构不能操作",
                    messageEn: "\(whatEn) \(id) belongs to another institution", path: path)
    }
    static func policyMissing(_ region: String, _ insutype: String, _ date: LocalDate) -> DomainError {
        DomainError(.conflict, code: "POLICY_NOT_IN_FORCE", message: "统筹区 \(region) 险种 \(insutype) 在 \(date) 没有生效的待遇政策",
                    messageEn: "no benefit policy of region \(region) insutype \(insutype) is in force on \(date)", path: "insutype")
    }
    static func wageMissing(_ region: String, _ year: Int) -> DomainError {
        DomainError(.conflict, code: "AVG_WAGE_MISSING", message: "统筹区 \(region) 未公布 \(year) 年度社平工资",
                    messageEn: "region \(region) has not published the average wage for \(year)")
    }
    static func mismatch(_ field: String, _ zh: String, _ en: String) -> DomainError {
        DomainError(code: "VALUE_MISMATCH", message: zh, messageEn: en, path: field)
    }
    static func state(_ code: String, _ zh: String, _ en: String, path: String) -> DomainError {
        DomainError(.conflict, code: code, message: zh, messageEn: en, path: path)
    }
}
