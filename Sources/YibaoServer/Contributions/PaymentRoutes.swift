import Hummingbird
import YibaoCore
import YibaoStore

/// Received money (钱账分离: statements are imported, cash is never held): bank or tax statement import,
/// the list of unmatched payments, and their refunds under maker-checker — a user with
/// `contribution.reconcile` asks, a different user with `contribution.approve` approves or rejects
/// (`PaymentRefund`). Everything is scoped to the region in the path.
struct PaymentRoutes {
    let services: Services

    struct PaymentBody: Encodable, Sendable {
        var id: String
        var statement: String
        var line: Int
        var payer: String
        var amount: Money
        var paid_on: String
        var reference: String
        var unallocated: Money

        init(_ p: ReceivedPayment) {
            (id, statement, line, payer, amount) = (String(p.id), p.statement, p.lineNo, p.payer, p.amount)
            (paid_on, reference, unallocated) = (p.paidOn.description, p.reference, p.unallocated)
        }
    }

    struct RefundBody: Encodable, Sendable {
        var id: String
        var payment_id: String
        var payer: String
        var amount: Money
        var reason: String
        var status: String
        var requested_by: String
        var decided_by: String?
        var note: String

        init(_ r: PaymentRefundRepository.Record) {
            (id, payment_id, payer, amount, reason) = (String(r.id), String(r.paymentID), r.payer, r.refund.amount, r.refund.reason)
            (status, requested_by, decided_by, note) = (r.refund.status.rawValue, r.refund.requestedBy, r.refund.decidedBy, r.refund.decisionNote)
        }
    }

    /// `{"amount": "100.00"?, "reason": "…"}`: without `amount`, all that is refundable.
    struct RefundRequest: Decodable, Sendable {
        var amount: Money?
        var reason: String
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        // The body is the CSV text (`payer,amount,paid_on[,reference]`); `statement` names it (a line is
        // imported once per statement); `skip_invalid=true` imports the valid lines of a file with errors.
        api.secured(.post, "/regions/:admdvs/payment-statements", .contributionReconcile) { request, context, principal in
            let region = try region(context, principal, .contributionReconcile)
            let query = request.uri.queryParameters
            guard let statement = query.get("statement").map({ String($0) }), !statement.isEmpty else {
                throw DomainError(code: "STATEMENT_REQUIRED", message: "请用 statement=… 指明对账单编号",
                                  messageEn: "name the statement with statement=…", path: "statement")
            }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let report = try await PaymentStatementImport.run(String(buffer: body), statement: statement, region: region,
                                                              skipInvalid: query.get("skip_invalid") == "true",
                                                              by: principal.auditActor, database: services.database)
            return JSONResponse(report, status: report.errors.isEmpty || report.imported > 0 ? .ok : .badRequest)
        }
        api.secured(.get, "/regions/:admdvs/payments/unallocated", .contributionRead) { _, context, principal in
            let region = try region(context, principal, .contributionRead)
            let list = try await services.database.read { db in try await ReceivedPayment.unallocated(admdvs: region, in: db) }
            return JSONResponse(ItemList(items: list.map(PaymentBody.init)))
        }
        api.secured(.post, "/regions/:admdvs/payments/:id/refunds", .contributionReconcile) { request, context, principal in
            let region = try region(context, principal, .contributionReconcile)
            let paymentID = try id(context, "id", field: "payment_id")
            let body = try await request.decodeJSON(as: RefundRequest.self, context: context)
            let record = try await services.database.write { db in
                try await PaymentRefundRepository.request(admdvs: region, paymentID: paymentID, amount: body.amount, reason: body.reason,
                                                          by: principal.auditActor, in: db)
            }
            return JSONResponse(RefundBody(record), status: .created)
        }
        api.secured(.get, "/regions/:admdvs/refunds", .contributionRead) { request, context, principal in
            let region = try region(context, principal, .contributionRead)
            let status = try ApprovalRoutes.status(request, PaymentRefund.subject)
            let list = try await services.database.read { db in try await PaymentRefundRepository.list(admdvs: region, status: status, in: db) }
            return JSONResponse(ItemList(items: list.map(RefundBody.init)))
        }
        ApprovalRoutes.decisions(on: api, path: "/regions/:admdvs/refunds/:id") { region, id, approve, note, actor in
            RefundBody(try await services.database.write { db in
                try await PaymentRefundRepository.decide(admdvs: region, id: id, approve: approve, note: note, by: actor, in: db)
            })
        }
    }

    private func region(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) throws -> String {
        let region = try RegionCode.parse(context.parameters.require("admdvs"))
        try principal.authorize(permission, on: Scope(region: region))
        return region.value
    }

    private func id(_ context: YibaoRequestContext, _ parameter: String, field: String) throws -> Int64 {
        guard let id = Int64(try context.parameters.require(parameter)) else {
            throw DomainError(code: "ID_INVALID", message: "编号无效", messageEn: "invalid id", path: field)
        }
        return id
    }
}
