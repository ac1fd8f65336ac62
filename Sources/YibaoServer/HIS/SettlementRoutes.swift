import Hummingbird
import YibaoCore
import YibaoStore

/// `GET /api/settlements/{setl_id}`: one settlement with its explanation. An institution (user or
/// system client) sees only its own settlements; agency users those of their region; a person their own.
struct SettlementRoutes {
    let services: Services

    struct View: Encodable, Sendable {
        var setl_id: String, mdtrt_id: String, psn_no: String, fixmedins_code: String, insutype: String
        var status: String
        var cancel_setl_id: String?
        var feedetl_sn: [String]
        var settlement: Settlement
        var explanation_text: [String], explanation_text_en: [String]
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.get, "/settlements/:setl_id", .settlementRead) { _, context, principal in
            let text = try context.parameters.require("setl_id")
            guard let id = Int64(text), let stored = try await services.settlement.find(setlID: id) else {
                throw DomainError(.notFound, code: "SETTLEMENT_NOT_FOUND", message: "结算记录不存在：\(text)",
                                  messageEn: "no settlement \(text)", path: "setl_id")
            }
            try principal.authorize(.settlementRead, on: Scope(region: try RegionCode.parse(stored.admdvs),
                                                                institutionCode: stored.institution, personID: stored.psnNo))
            return JSONResponse(View(setl_id: String(stored.setlID), mdtrt_id: String(stored.mdtrtID), psn_no: String(stored.psnNo),
                                     fixmedins_code: stored.institution, insutype: stored.insutype,
                                     status: stored.cancelled ? "cancelled" : "settled", cancel_setl_id: stored.cancelSetlID.map(String.init),
                                     feedetl_sn: stored.feedetlSns, settlement: stored.settlement,
                                     explanation_text: stored.settlement.explanationText(.zh),
                                     explanation_text_en: stored.settlement.explanationText(.en)))
        }
    }
}
