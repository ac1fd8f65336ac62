import YibaoCore
import YibaoStore

extension Services {
    /// The employer a route or console page names by `{admdvs}/{id}`, once `principal` may do `permission`
    /// on it: in its region for agency staff, this very employer for an employer's own user.
    func employer(region text: String, id: String?, _ principal: Principal, _ permission: Permission) async throws -> EmployerRecord {
        let region = try RegionCode.parse(text)
        let id = id.flatMap { Int64($0) }
        try principal.authorize(permission, on: Scope(region: region, employerID: id))
        guard let id, let employer = try await database.read({ db in try await EmployerRepository.find(admdvs: region.value, id: id, in: db) }) else {
            throw DomainError(.notFound, code: "EMPLOYER_NOT_FOUND", message: "参保单位不存在", messageEn: "no such employer", path: "id")
        }
        return employer
    }
}
