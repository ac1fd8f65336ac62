import SQLKit
import YibaoCore

/// Imports a bank or tax statement (CSV, header `payer,amount,paid_on[,reference]`; `payer` is an
/// employer's credit code or a person's identity number). Every line is checked first and every problem
/// reported with its line number; a file with errors imports nothing unless `skipInvalid`, which imports
/// the valid lines. Each imported line is allocated to the payer's open bills, oldest first
/// (`PaymentAllocation`); a line whose payer is not registered, or that is left over after every bill
/// is paid, is listed as unmatched for a clerk. Re-importing the same statement adds nothing.
public enum PaymentStatementImport {
    public struct Line: Sendable, Equatable {
        public var line: Int
        public var payer: String
        public var amount: Money
        public var paidOn: LocalDate
        public var reference: String
    }

    public struct Unmatched: Sendable, Equatable, Codable {
        public var line: Int
        public var payer: String
        public var amount: Money
    }

    public struct Report: Sendable, Equatable, Codable {
        public var imported = 0
        public var alreadyImported = 0
        public var allocated = Money.zero
        public var unmatched: [Unmatched] = []
        public var errors: [CatalogueCSV.LineError] = []

        enum CodingKeys: String, CodingKey { case imported, alreadyImported = "already_imported", allocated, unmatched, errors }
    }

    public static func parse(_ text: String) -> (lines: [Line], errors: [CatalogueCSV.LineError]) {
        typealias LineError = CatalogueCSV.LineError
        let (rows, headerError) = CatalogueCSV.table(text, required: ["payer", "amount", "paid_on"])
        if let headerError { return ([], [headerError]) }
        var lines: [Line] = []
        var errors: [LineError] = []
        for (number, row) in rows {
            let before = errors.count
            let payer = row["payer"] ?? ""
            if (try? CreditCode.parse(payer)) == nil, (try? IdentityNumber.parse(payer)) == nil {
                errors.append(LineError(line: number, field: "payer", message: "缴费方应为统一社会信用代码或身份证号码：“\(payer)”",
                                        messageEn: "payer must be a credit code or an identity number: \"\(payer)\""))
            }
            let amount = try? Money.parse(row["amount"] ?? "")
            if amount == nil || amount! <= .zero {
                errors.append(LineError(line: number, field: "amount", message: "金额无效：“\(row["amount"] ?? "")”",
                                        messageEn: "invalid amount \"\(row["amount"] ?? "")\""))
            }
            let date = try? LocalDate.parse(row["paid_on"] ?? "")
            if date == nil {
                errors.append(LineError(line: number, field: "paid_on", message: "到账日期无效：“\(row["paid_on"] ?? "")”",
                                        messageEn: "invalid date \"\(row["paid_on"] ?? "")\""))
            }
            if errors.count == before, let amount, let date {
                lines.append(Line(line: number, payer: payer, amount: amount, paidOn: date, reference: row["reference"] ?? ""))
            }
        }
        return (lines, errors)
    }

    /// Checks, then imports in one transaction; `progress` hears (lines done, lines to import).
    public static func run(_ text: String, statement: String, region: String, skipInvalid: Bool, by actor: AuditActor,
                           database: any Database, progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Report {
        let (lines, errors) = parse(text)
        var report = Report(errors: errors)
        guard errors.isEmpty || skipInvalid else { return report }
        let done = try await database.write { db in
            var part = Report()
            for (done, line) in lines.enumerated() {
                progress(done, lines.count)
                let seen = try await db.select().column("id").from("payments").where("admdvs", .equal, region)
                    .where("statement", .equal, statement).where("line_no", .equal, line.line).first()
                if seen != nil { part.alreadyImported += 1; continue }
                let employer = try await db.select().column("id").from("employers").where("admdvs", .equal, region)
                    .where("credit_code", .equal, line.payer).first().map { try $0.decode(column: "id", as: Int64.self) } ?? 0
                let person = employer != 0 ? 0 : try await PersonRepository.find(certno: line.payer, in: db)
                    .first { $0.admdvs == region }?.psnNo ?? 0
                let allocation = try await PaymentAllocation.record(admdvs: region, statement: statement, lineNo: line.line, payer: line.payer,
                                                                    employerID: employer, psnNo: person, amount: line.amount,
                                                                    paidOn: line.paidOn, reference: line.reference, by: actor, in: db)
                part.imported += 1
                part.allocated = part.allocated + (line.amount - allocation.unallocated)
                if allocation.unallocated > .zero {
                    part.unmatched.append(Unmatched(line: line.line, payer: line.payer, amount: allocation.unallocated))
                }
            }
            return part
        }
        report.imported = done.imported
        report.alreadyImported = done.alreadyImported
        report.allocated = done.allocated
        report.unmatched = done.unmatched
        return report
    }
}
