import YibaoCore

extension SyntheticEncounterWriter {
    enum Outcome: Sendable {
        case settled(Settlement)
        case refused(String)
    }

    /// Settles a chunk on `lanes` lanes, a person's bills on one lane in stream order; outcomes in the
    /// chunk's order.
    func settle(_ bills: [SyntheticBills.Bill], persons: [Person], institutions: [InstitutionRecord],
                by actor: AuditActor) async throws -> [Outcome] {
        var outcomes = [Outcome?](repeating: nil, count: bills.count)
        try await withThrowingTaskGroup(of: [(Int, Outcome)].self) { group in
            for lane in 0..<lanes {
                let mine = bills.indices.filter { bills[$0].person % lanes == lane }
                guard !mine.isEmpty else { continue }
                group.addTask {
                    var results: [(Int, Outcome)] = []
                    for i in mine {
                        let bill = bills[i]
                        results.append((i, try await settle(bill, person: persons[bill.person], institution: institutions[bill.institution],
                                                            by: actor)))
                    }
                    return results
                }
            }
            for try await results in group {
                for (i, outcome) in results { outcomes[i] = outcome }
            }
        }
        return outcomes.map { $0! }
    }

    /// One bill as the HIS calls would settle it — register, upload, discharge (an admission), settle —
    /// in one transaction. Only a refusal at registration is an outcome; any other error is a fault.
    func settle(_ bill: SyntheticBills.Bill, person: Person, institution: InstitutionRecord, by actor: AuditActor) async throws -> Outcome {
        let number = Self.number(bill)
        let fees = bill.lines.enumerated().map { i, line in
            FeeDetail(feedetlSn: "\(number)-\(i + 1)", code: line.code, medinsCode: DemoSettlementData.medinsCode(line.code),
                      amount: line.amount, price: line.price, countE4: line.countE4, date: line.date)
        }
        do {
            let settlement = try await database.write { [desk] db in
                let encounter = try await desk.register(psnNo: person.psnNo, insutype: person.insutype, medType: bill.setting.medType,
                                                        referral: false, begntime: bill.begin, iptOtpNo: number, institution: institution,
                                                        admission: bill.isAdmission, in: db)
                // Each HIS call would commit before the next reads: send what it held back.
                try await db.sendHeld()
                let uploading = try await RealTimeSettlement.basis(mdtrtID: encounter.mdtrtID, institution: institution, asOf: nil,
                                                                   for: .upload(codes: fees.map(\.code)), references: desk.references, in: db)
                _ = try await desk.uploadFees(fees, basis: uploading, in: db)
                try await db.sendHeld()
                if bill.isAdmission {
                    _ = try await desk.discharge(mdtrtID: encounter.mdtrtID, endtime: bill.end, institution: institution.code, in: db)
                }
                let settling = try await RealTimeSettlement.basis(mdtrtID: encounter.mdtrtID, institution: institution, asOf: nil,
                                                                  for: .settlement, references: desk.references, in: db)
                return try await desk.settle(basis: settling, medfeeSumamt: bill.total, msgid: number, by: actor, in: db).settlement
            }
            return .settled(settlement)
        } catch let error as DomainError where error.code == Self.refusal {
            return .refused(error.code)
        }
    }

    /// What the platform answers a registration for a person not covered on the day.
    static let refusal = "PERSON_NOT_COVERED"
}
