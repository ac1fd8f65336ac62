import Foundation
import Hummingbird
import SQLKit
import YibaoCore
import YibaoStore

/// The HIS interface: `POST /his` with the national envelope, the transaction named by `infno`.
/// Answers are always an envelope (HTTP 200; 401 only without a valid token) whose `infcode` says how
/// it went: a client mistake never becomes a 500 and never changes anything.
///
/// Callers are system clients bound to one institution: the envelope's `fixmedins_code` must be the
/// token's. Writes are idempotent by (`fixmedins_code`, `msgid`): the message row, the effects and the
/// stored answer commit in one transaction, and a retry gets the stored answer back.
struct HISRoutes {
    /// The one address of the interface (served on its connection's event loop: `OffLoopMiddleware`).
    static let path = "/his"
    let services: Services

    func register(on router: Router<YibaoRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context -> Response in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let data = Data(buffer: body)
            let header: HISRequest
            do {
                header = try JSONDecoder().decode(HISRequest.self, from: data)
            } catch {
                return Self.reply(Self.failure(Self.domainError(error), msgid: Self.msgid(in: data)), status: .ok)
            }
            do {
                let text = try await handle(header, data: data, principal: context.principal)
                return Self.reply(text, status: .ok)
            } catch {
                let problem = Self.domainError(error)
                if !(error is DomainError || error is DecodingError) {
                    context.logger.error("HIS \(header.infno) internal error: \(String(reflecting: error))")
                }
                return Self.reply(Self.failure(problem, msgid: header.msgid), status: problem.kind == .unauthorized ? .unauthorized : .ok)
            }
        }
    }

    /// Authenticates, authorises and runs one transaction; returns the response text.
    func handle(_ header: HISRequest, data: Data, principal: Principal?) async throws -> String {
        guard let principal else {
            throw DomainError(.unauthorized, code: "NOT_SIGNED_IN", message: "请在 Authorization 头中提供系统令牌（Bearer）",
                              messageEn: "send the system client's bearer token in the Authorization header")
        }
        guard principal.role == .systemClient, let own = principal.institutionCode else {
            throw DomainError(.forbidden, code: "NOT_SYSTEM_CLIENT", message: "HIS 接口只接受绑定定点机构的系统令牌",
                              messageEn: "the HIS interface accepts only system-client tokens bound to an institution")
        }
        guard header.fixmedinsCode == own else {
            throw DomainError(.forbidden, code: "FIXMEDINS_MISMATCH",
                              message: "报文的定点机构编码 \(header.fixmedinsCode) 与令牌所属机构 \(own) 不符",
                              messageEn: "fixmedins_code \(header.fixmedinsCode) is not the token's institution \(own)", path: "fixmedins_code")
        }
        let institution = try await services.institutions.require(own)
        guard let transaction = HISTransaction(rawValue: header.infno) else {
            let known = HISTransaction.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(code: "INFNO_UNKNOWN", message: "不支持的交易编号：\(header.infno)（支持 \(known)）",
                              messageEn: "unknown infno \(header.infno); supported: \(known)", path: "infno")
        }
        let scope = Scope(region: try RegionCode.parse(institution.admdvs), institutionCode: own)
        try principal.authorize(transaction.permission, on: scope)
        let call = HISCall(services: services, header: header, data: data, institution: institution,
                           actor: AuditActor(name: "\(principal.username)/\(header.opter)", role: principal.role.rawValue,
                                             region: institution.admdvs),
                           principal: principal)
        return try await transaction.run(call)
    }

    static func domainError(_ error: any Error) -> DomainError {
        switch error {
        case let error as DomainError: return error
        case let error as DecodingError: return DecodingProblem.domainError(error)
        default:
            return DomainError(code: "INTERNAL", message: "平台内部错误，请稍后重试或联系经办机构",
                               messageEn: "internal platform error; retry later or contact the agency")
        }
    }

    static func failure(_ error: DomainError, msgid: String) -> String {
        let path = error.path.map { " [\($0)]" } ?? ""
        let response = HISResponse<String>(infcode: HISInfcode.of(error.kind), infRefmsgid: HISCall.newRefmsgid(), msgid: msgid,
                                           refmsgTime: HISCall.now(), respondTime: HISCall.now(),
                                           errMsg: "\(error.message) / \(error.messageEn)\(path)", errCode: error.code,
                                           errPath: error.path, output: nil)
        return (try? StoredJSON.encode(response)) ?? #"{"infcode":-1}"#
    }

    static func msgid(in data: Data) -> String {
        ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["msgid"] as? String ?? ""
    }

    static func reply(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
