import Hummingbird
import YibaoCore
import YibaoStore

/// The institution portal's first page: the user's own designated institution (its settlements by
/// day are `SettlementPages`).
struct InstitutionPages {
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.page(.get, "/institution", section: .institution) { visit, _ in
            let principal = visit.user
            guard let code = principal.institutionCode else {
                throw DomainError(.notFound, code: "INSTITUTION_NONE", message: "当前用户没有绑定定点机构",
                                  messageEn: "this user is not bound to a designated institution")
            }
            let institution = try await services.institutions.require(code)
            try principal.authorize(.institutionRead, on: Scope(region: RegionCode.parse(institution.admdvs), institutionCode: institution.code))
            let kinds = ["hospital": ("医院", "hospital"), "clinic": ("基层医疗机构", "clinic"), "pharmacy": ("定点药店", "pharmacy")]
            let grades = ["1": ("一级", "grade 1"), "2": ("二级", "grade 2"), "3": ("三级", "grade 3"), "3A": ("三级甲等", "grade 3A"),
                          "3B": ("三级乙等", "grade 3B"), "none": ("未定级", "ungraded")]
            let data: [String: Any] = [
                "code": institution.code, "name": institution.name, "region": institution.admdvs,
                "kind": kinds[institution.kind].map { visit.pick($0.0, $0.1) } ?? institution.kind,
                "grade": grades[institution.grade].map { visit.pick($0.0, $0.1) } ?? institution.grade,
            ]
            return ConsoleRenderer.render(ConsolePage(template: "institution", title: visit.t("institution_title"), data: data), visit)
        }
    }
}
