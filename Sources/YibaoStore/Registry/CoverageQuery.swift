import SQLKit
import YibaoCore

/// The eligibility answer for a stored person (`Eligibility.evaluate` over their enrolment events and
/// arrears): what the settlement path obeys and the eligibility query returns, with the reason.
public enum CoverageQuery {
    /// Three queries (events, unpaid bills with their payments, deferrals) whatever the history's length.
    public static func answer(for person: PersonRecord, on date: LocalDate, policy: ContributionPolicy,
                              in db: any SQLDatabase) async throws -> CoverageAnswer {
        let (history, arrears) = try await db.together(
            { try await EnrolmentRepository.history(admdvs: person.admdvs, psnNo: person.psnNo, in: db) },
            { try await ArrearsRepository.arrears(admdvs: person.admdvs, psnNo: person.psnNo, on: date, in: db) })
        return Eligibility.evaluate(history: history, arrears: arrears, on: date, policy: policy, statuses: person.statuses)
    }
}
