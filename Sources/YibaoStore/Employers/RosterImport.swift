import SQLKit
import YibaoCore

/// Imports an employer's roster changes from CSV (UTF-8, header line; columns by name, in any order,
/// others ignored): `kind,certno,month` where `kind` is 增员 / hire or 减员 / leave, `certno` the
/// person's identity number and `month` the first month the change applies (`YYYY-MM`).
///
/// Every line is checked before anything is written, in the same transaction that writes: the kind and
/// month, the identity number (its check digit), that the person is registered in the employer's
/// region, that a hire names someone not on this employer's roster in that month and a leave someone
/// who is (earlier lines of the file count). Each problem is reported with its line number and field.
/// A file with problems writes nothing unless `skipInvalid`, which writes the good lines: the console
/// shows the report first and lets the clerk choose.
public enum RosterImport {
    public struct Change: Sendable, Equatable {
        public var line: Int
        public var kind: EmployerRepository.RosterChange
        public var psnNo: Int64
        public var month: String
    }

    public struct Report: Sendable, Equatable, Codable {
        /// Data lines in the file (blank lines aside).
        public var lines = 0
        public var hires = 0
        public var leaves = 0
        /// Whether the good lines were written (false when a problem stopped the import).
        public var written = false
        public var errors: [CatalogueCSV.LineError] = []

        public var valid: Int { hires + leaves }
    }

    static let kinds: [String: EmployerRepository.RosterChange] = ["增员": .hire, "hire": .hire, "减员": .leave, "leave": .leave]

    /// Checks the file against the stored roster and, when it is clean or `skipInvalid`, records its
    /// changes, all in one transaction. `progress` hears (changes written, changes to write).
    public static func run(_ text: String, employer: EmployerRecord, skipInvalid: Bool, by actor: AuditActor, database: any Database,
                           progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Report {
        try await database.write { db in
            let (checked, changes) = try await check(text, employer: employer, in: db)
            var report = checked
            guard report.errors.isEmpty || (skipInvalid && report.valid > 0) else { return report }
            for (done, change) in changes.enumerated() {
                progress(done, changes.count)
                try await EmployerRepository.change(change.kind, employerID: employer.id, psnNo: change.psnNo, month: change.month,
                                                    admdvs: employer.admdvs, by: actor, in: db)
            }
            progress(changes.count, changes.count)
            report.written = true
            return report
        }
    }

    /// The valid changes and every problem, reading the persons and this employer's roster events once each.
    static func check(_ text: String, employer: EmployerRecord, in db: any SQLDatabase) async throws -> (Report, [Change]) {
        typealias LineError = CatalogueCSV.LineError
        var report = Report()
        let (rows, headerError) = CatalogueCSV.table(text, required: ["kind", "certno", "month"])
        if let headerError {
            report.errors = [headerError]
            return (report, [])
        }
        report.lines = rows.count
        let numbers = rows.compactMap { try? IdentityNumber.parse($0.values["certno"] ?? "").value }
        let persons = numbers.isEmpty ? [] : try await db.select().columns("psn_no", "certno").from("persons")
            .where("admdvs", .equal, employer.admdvs).where("certno", .in, Array(Set(numbers))).all()
        var psnNoByCertno: [String: Int64] = [:]
        for row in persons { psnNoByCertno[try row.decode(column: "certno", as: String.self)] = try row.decode(column: "psn_no", as: Int64.self) }
        // Each person's changes at this employer as (month, kind), stored ones first, then the file's.
        var history: [Int64: [(month: String, kind: EmployerRepository.RosterChange)]] = [:]
        for row in try await db.select().columns("psn_no", "kind", "effective_month").from("employer_roster_events")
            .where("admdvs", .equal, employer.admdvs).where("employer_id", .equal, employer.id).orderBy("effective_month").orderBy("id").all() {
            let kind = EmployerRepository.RosterChange(rawValue: try row.decode(column: "kind", as: String.self)) ?? .leave
            history[try row.decode(column: "psn_no", as: Int64.self), default: []]
                .append((try row.decode(column: "effective_month", as: String.self), kind))
        }
        var changes: [Change] = []
        for (number, row) in rows {
            let before = report.errors.count
            func fail(_ field: String, _ zh: String, _ en: String) {
                report.errors.append(LineError(line: number, field: field, message: zh, messageEn: en))
            }
            let kindText = row["kind"] ?? ""
            let kind = kinds[kindText.lowercased()]
            if kind == nil { fail("kind", "变动类型应为“增员”或“减员”：“\(kindText)”", "kind must be 增员 (hire) or 减员 (leave): \"\(kindText)\"") }
            let monthText = row["month"] ?? ""
            let month = try? BillingMonth.parse(monthText)
            if month == nil { fail("month", "月份格式应为 YYYY-MM：“\(monthText)”", "a month is written YYYY-MM: \"\(monthText)\"") }
            var psnNo: Int64?
            do {
                let number = try IdentityNumber.parse(row["certno"] ?? "")
                psnNo = psnNoByCertno[number.value]
                if psnNo == nil {
                    fail("certno", "统筹区 \(employer.admdvs) 没有身份证号码为 \(number.masked) 的参保人",
                         "no insured person with identity number \(number.masked) in region \(employer.admdvs)")
                }
            } catch {
                fail("certno", error.message, error.messageEn)
            }
            guard report.errors.count == before, let kind, let month, let psnNo else { continue }
            let onRoster = history[psnNo, default: []].last { $0.month <= month.description }?.kind == .hire
            if let (zh, en) = EmployerRepository.refusal(kind, onRoster: onRoster, month: month.description) {
                fail("certno", zh, en)
                continue
            }
            history[psnNo, default: []].append((month.description, kind))
            history[psnNo]!.sort { $0.month < $1.month }
            changes.append(Change(line: number, kind: kind, psnNo: psnNo, month: month.description))
            if kind == .hire { report.hires += 1 } else { report.leaves += 1 }
        }
        return (report, changes)
    }
}
