import Foundation
import SQLKit
import YibaoCore
import YibaoStore

/// The transactions the HIS interface offers, each with the permission it needs.
enum HISTransaction: String, CaseIterable {
    case personQuery = "1101"
    case outpatientRegister = "2201"
    case outpatientFees = "2204"
    case outpatientPreSettle = "2206"
    case outpatientSettle = "2207"
    case outpatientCancel = "2208"
    case admission = "2401"
    case inpatientFees = "2301"
    case inpatientPreSettle = "2303"
    case inpatientSettle = "2304"
    case inpatientCancel = "2305"
    case discharge = "2402"

    var permission: Permission {
        switch self {
        case .personQuery: .personRead
        case .outpatientPreSettle, .inpatientPreSettle: .settlementRead
        case .outpatientCancel, .inpatientCancel: .settlementCancel
        default: .settlementWrite
        }
    }

    /// The type its envelope's `input` block is read as (`HISRequest.input`).
    var inputType: any (Decodable & Sendable).Type {
        switch self {
        case .personQuery: PersonQuery.self
        case .outpatientRegister: OutpatientRegistration.self
        case .admission: AdmissionRegistration.self
        case .outpatientFees, .inpatientFees: FeeUpload.self
        case .outpatientPreSettle, .inpatientPreSettle, .outpatientSettle, .inpatientSettle: SettleRequest.self
        case .outpatientCancel, .inpatientCancel: CancelRequest.self
        case .discharge: DischargeRequest.self
        }
    }

    /// Whether the transaction works on admissions (2xxx inpatient family) rather than visits.
    var inpatient: Bool {
        switch self {
        case .admission, .inpatientFees, .inpatientPreSettle, .inpatientSettle, .inpatientCancel, .discharge: true
        default: false
        }
    }

    func run(_ call: HISCall) async throws -> String {
        switch self {
        case .personQuery: return try await call.success(call.personQuery())
        case .outpatientRegister:
            let input = try call.input(OutpatientRegistration.self).data
            return try await call.write { db in OutpatientOpened(data: try await call.register(input, admission: false, in: db)) }
        case .admission:
            let input = try call.input(AdmissionRegistration.self).mdtrtinfo
            return try await call.write { db in AdmissionOpened(result: try await call.register(input, admission: true, in: db)) }
        case .outpatientFees, .inpatientFees:
            let lines = try call.input(FeeUpload.self).feedetail
            let basis = try await call.feeBasis(lines, inpatient: inpatient)
            return try await call.write { db in try await call.uploadFees(lines, basis: basis, in: db) }
        case .outpatientPreSettle, .inpatientPreSettle:
            let input = try call.input(SettleRequest.self).data
            let basis = try await call.settleBasis(input, inpatient: inpatient)
            let bill = try await HISCall.at("input.data") {
                try await call.services.settlement.preSettle(basis: basis, medfeeSumamt: input.medfeeSumamt.money)
            }
            return try call.success(SettlementOutput(bill))
        case .outpatientSettle, .inpatientSettle:
            let input = try call.input(SettleRequest.self).data
            let basis = try await call.settleBasis(input, inpatient: inpatient)
            return try await call.write { db in
                let bill = try await HISCall.at("input.data") {
                    try await call.services.settlement.settle(basis: basis, medfeeSumamt: input.medfeeSumamt.money,
                                                              msgid: call.header.msgid, by: call.actor, in: db)
                }
                return SettlementOutput(bill)
            }
        case .outpatientCancel, .inpatientCancel:
            let input = try call.input(CancelRequest.self).data
            return try await call.write { db in try await call.cancel(input, inpatient: inpatient, in: db) }
        case .discharge:
            let input = try call.input(DischargeRequest.self).dscginfo
            return try await call.write { db in try await call.discharge(input, in: db) }
        }
    }
}
