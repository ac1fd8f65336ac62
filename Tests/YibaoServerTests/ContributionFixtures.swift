import YibaoCore
import YibaoStore

extension LiveServer.Client {
    /// Bills the demo person `name` for Xiamen month `month` (800.00 employer + 200.00 individual, paying
    /// alone) due on `due`; returns the person.
    @discardableResult
    func bill(_ name: String, month: String, due: String) async throws -> PersonRecord {
        let person = try await database.read { db in try await PersonRepository.find(certno: DemoData.insuredCertno(name)!, in: db) }.first!
        _ = try await database.write { db in
            try await ContributionBillRepository.insert(
                ContributionBill(admdvs: "350200", employerID: 0, psnNo: person.psnNo, month: month, employerShare: Money(yuan: 800),
                                 individualShare: Money(yuan: 200), dueDate: try LocalDate.parse(due)), in: db)
        }
        return person
    }
}
