import ArgumentParser
import YibaoCore
import YibaoStore

/// `yibao billing back-payment …`: back-payments (补缴) of residents' missed years or employee-scheme
/// persons' missed months under maker-checker, over the same store operations as the API. The operator names the user each step is taken as
/// (`--user`); that user's role and region are checked as the API checks them, and the checker must be
/// another user than the maker.
struct BackPaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "back-payment", abstract: "补缴（双人复核）/ back-payments of missed resident years or employee months (maker-checker)",
        subcommands: [Request.self, Decide.self, List.self])

    struct Request: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "申请补缴 / ask for a person's missed years or months (the maker)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(name: .customLong("psn-no"), help: "人员编号 / person") var psnNo: Int64
        @Option(help: "居民补缴年度，可重复 / a resident's missed year (repeatable)") var year: [Int] = []
        @Option(help: "职工补缴月份 YYYY-MM，可重复 / an employee-scheme missed month (repeatable)") var month: [String] = []
        @Option(help: "原因 / reason") var reason: String
        @Option(help: "经办人用户名 / the user asking") var user: String

        func validate() throws {
            guard year.isEmpty != month.isEmpty else {
                throw ValidationError("请给出 --year（城乡居民）或 --month（职工医保）之一 / give --year (residents) or --month (employee scheme), not both")
            }
        }

        func execute() async throws {
            let (region, psnNo, years, months, reason, user) = (region, psnNo, year, month, reason, user)
            let record = try await database.with { db in
                let actor = try await BackPaymentCommand.actor(user, may: .contributionWrite, in: region, database: db)
                return try await db.write { sql in
                    months.isEmpty
                        ? try await BackPaymentRepository.request(admdvs: region, psnNo: psnNo, years: years, reason: reason, on: Clock.today(),
                                                                  by: actor, in: sql)
                        : try await BackPaymentRepository.request(admdvs: region, psnNo: psnNo, months: months, reason: reason, on: Clock.today(),
                                                                  by: actor, in: sql)
                }
            }
            BackPaymentCommand.print(record)
        }
    }

    struct Decide: ReportingCommand {
        static let configuration = CommandConfiguration(commandName: "decide",
                                                        abstract: "批准或驳回补缴申请（须由申请人以外的用户）/ approve or reject (another user)")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "申请编号 / request id") var id: Int64
        @Flag(help: "批准（计费）或驳回 / approve (and bill) or reject") var decision: Decision
        @Option(help: "审批意见（驳回时必填）/ note (required to reject)") var note = ""
        @Option(help: "审批人用户名 / the checker") var user: String

        enum Decision: String, EnumerableFlag { case approve, reject }

        func execute() async throws {
            let (region, id, approve, note, user) = (region, id, decision == .approve, note, user)
            let record = try await database.with { db in
                let actor = try await BackPaymentCommand.actor(user, may: .contributionApprove, in: region, database: db)
                return try await db.write { sql in
                    try await BackPaymentRepository.decide(admdvs: region, id: id, approve: approve, note: note, on: Clock.today(), by: actor, in: sql)
                }
            }
            BackPaymentCommand.print(record)
        }
    }

    struct List: ReportingCommand {
        static let configuration = CommandConfiguration(abstract: "列出补缴申请 / list the region's back-payment requests")
        @OptionGroup var database: DatabaseOption
        @Option(help: "统筹区 / pooling region (admdvs)") var region: String
        @Option(help: "requested | approved | rejected") var status: Approval.Status?

        func execute() async throws {
            let (region, status) = (region, status)
            let records = try await database.with { db in
                try await db.read { sql in try await BackPaymentRepository.list(admdvs: region, status: status, in: sql) }
            }
            records.forEach(BackPaymentCommand.print)
        }
    }

    /// The audit actor for `username`, once their role may do `permission` in `region`.
    static func actor(_ username: String, may permission: Permission, in region: String, database: any Database) async throws -> AuditActor {
        guard let user = try await UserRepository(database: database).find(username: username), user.active else {
            throw DomainError(.notFound, code: "USER_NOT_FOUND", message: "用户不存在或已停用：\(username)", messageEn: "no active user \(username)",
                              path: "user")
        }
        let principal = try Principal(user)
        try Authorization.check(principal, permission, Scope(region: try RegionCode.parse(region)))
        return principal.auditActor
    }

    static func print(_ r: BackPaymentRepository.Record) {
        let a = r.backPayment.approval
        let periods = r.backPayment.years.map { "\($0.year) \($0.category.rawValue) \($0.amount)" }
            + r.backPayment.months.map { "\($0.month) \($0.employerID == 0 ? "个人 / alone" : "单位 / employer \($0.employerID)") "
                + "\($0.employerShare) + \($0.individualShare)" }
        Swift.print("#\(r.id) psn_no \(r.psnNo): \(periods.joined(separator: "; ")) = \(r.backPayment.total), \(a.status.rawValue) "
                    + "(申请 / by \(a.requestedBy)\(a.decidedBy.map { ", 审批 / decided by \($0)" } ?? ""))")
    }
}

extension Approval.Status: ExpressibleByArgument {}
