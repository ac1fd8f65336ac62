import SQLKit
import YibaoCore

/// The demo's Benxi school (county-funded by 平山区 210502) and its students — the demo students — for
/// the school years 2025 and 2026, registered on 1 September, so resident billing finds their school.
enum DemoSchools {
    static func load(in db: any SQLDatabase) async throws {
        let actor = AuditActor.commandLine(region: "210500")
        let school = try await SchoolRepository.create(admdvs: "210500", name: "本溪市平山区实验中学（演示）", county: "210502", countyFunded: true,
                                                       by: actor, in: db)
        var students: [Int64] = []
        for person in DemoSettlementData.persons where person.admdvs == "210500" && person.category == .student {
            students += try await PersonRepository.find(certno: try DemoSettlementData.certno(person), in: db).map(\.psnNo)
        }
        for year in [2025, 2026] {
            _ = try await SchoolRepository.registerStudents(students, school: school, schoolYear: year,
                                                            on: LocalDate(year: year, month: 9, day: 1)!, by: actor, in: db)
        }
    }
}
