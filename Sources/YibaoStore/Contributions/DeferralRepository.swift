import SQLKit
import YibaoCore

/// Deferral agreements (缓缴协议, 002 L27): for an employer's bills (`psnNo` 0) or one person's
/// (`employerID` 0), who must be registered in the region. On the days covered no late fee accrues and
/// benefits are kept.
public enum DeferralRepository {
    public static func record(admdvs: String, employerID: Int64, psnNo: Int64, deferral: Deferral, reason: String,
                              by actor: AuditActor, in db: any SQLDatabase) async throws {
        guard deferral.from <= deferral.through else {
            throw DomainError(code: "DEFERRAL_PERIOD", message: "缓缴起始日 \(deferral.from) 晚于截止日 \(deferral.through)",
                              messageEn: "the deferral starts on \(deferral.from), after its end \(deferral.through)", path: "through")
        }
        guard (employerID == 0) != (psnNo == 0) else {
            throw DomainError(code: "DEFERRAL_PARTY", message: "缓缴协议须指定单位或个人之一",
                              messageEn: "a deferral names either an employer or a person", path: "psn_no")
        }
        if employerID != 0, try await EmployerRepository.find(admdvs: admdvs, id: employerID, in: db) == nil {
            throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "本统筹区没有该参保单位", messageEn: "no such employer in the region",
                              path: "employer_id")
        }
        if psnNo != 0, try await PersonRepository.find(psnNo: psnNo, in: db)?.admdvs != admdvs {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有该参保人", messageEn: "no such person in the region",
                              path: "psn_no")
        }
        let id = IDGenerator.shared.next()
        try await db.insert(into: "deferrals")
            .columns("admdvs", "id", "employer_id", "psn_no", "from_date", "through_date", "reason", "created_at")
            .values(SQLBind(admdvs), SQLBind(id), SQLBind(employerID), SQLBind(psnNo), SQLBind(deferral.from.description),
                    SQLBind(deferral.through.description), SQLBind(reason), SQLBind(Clock.nowMillis()))
            .run()
        try await AuditTrail.append(actor.event(action: "contribution.deferral", target: employerID == 0 ? "person:\(psnNo)" : "employer:\(employerID)",
                                                after: "\(deferral.from)..\(deferral.through)"), in: db)
    }
}
