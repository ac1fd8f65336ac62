import Hummingbird
import YibaoCore
import YibaoStore

extension Services {
    /// The person named by the route's `:psn_no`, once `principal` may do `permission` on them (their
    /// region, or themself for an insured person).
    func person(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> PersonRecord {
        guard let psnNo = Int64(try context.parameters.require("psn_no")), let person = try await persons.find(psnNo: psnNo) else {
            throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "参保人不存在", messageEn: "no such person", path: "psn_no")
        }
        try principal.authorize(permission, on: Scope(region: try RegionCode.parse(person.admdvs), personID: person.psnNo))
        return person
    }
}
