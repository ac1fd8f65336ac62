import Foundation
import SQLKit
import Testing
import YibaoCore
import YibaoStore
import YibaoTestSupport

/// Schools register their students by school year (Benxi R15: before 15 September; R21: 1 September –
/// 31 August), one school per student and year, students only.
@Suite struct SchoolRegistrationTests {
    static let actor = ResidentBillingRunTests.actor

    static func refusal(_ body: @Sendable () async throws -> Void) async throws -> DomainError? {
        try await PaymentRefundTests.refusal(body)
    }

    @Test(arguments: TestBackend.all)
    func studentsAreRegisteredOncePerSchoolYearByTheDeadline(backend: TestBackend) async throws {
        try await backend.withDatabase { db in
            try await DemoData.load(into: db, bcryptCost: 4, logger: TestBackend.logger)
            let day = ResidentBillingRunTests.day
            let students = try await ResidentBillingRunTests.register(db, [
                (PersonRegistration(certno: ResidentBillingRunTests.certno("2010-01-10", 51), name: "学生甲", category: .student), .head),
            ], on: day("2026-08-20"))
            let adult = try await ResidentBillingRunTests.register(db, [
                (PersonRegistration(certno: ResidentBillingRunTests.certno("1980-01-10", 53), name: "成年人", category: .residentAdult), .head),
            ], on: day("2026-08-20"))
            let (school, other) = try await db.write { sql in
                (try await SchoolRepository.create(admdvs: "210500", name: "明山区小学", county: "210504", countyFunded: true, by: Self.actor, in: sql),
                 try await SchoolRepository.create(admdvs: "210500", name: "溪湖区小学", county: "210503", countyFunded: false, by: Self.actor, in: sql))
            }
            @Sendable func register(_ psnNos: [Int64], _ at: School, year: Int = 2026, on: String) async throws -> SchoolRepository.Registration {
                try await db.write { sql in
                    try await SchoolRepository.registerStudents(psnNos, school: at, schoolYear: year, on: day(on), by: Self.actor, in: sql)
                }
            }
            let duplicateSchool = try await Self.refusal {
                _ = try await db.write { sql in
                    try await SchoolRepository.create(admdvs: "210500", name: "明山区小学", county: "210504", countyFunded: true, by: Self.actor, in: sql)
                }
            }
            #expect(duplicateSchool?.code == "SCHOOL_DUPLICATE")
            let outside = try await Self.refusal {
                _ = try await db.write { sql in
                    try await SchoolRepository.create(admdvs: "210500", name: "厦门学校", county: "350203", countyFunded: true, by: Self.actor, in: sql)
                }
            }
            #expect(outside?.code == "SCHOOL_COUNTY")
            #expect(outside?.path == "county")

            let late = try await Self.refusal { _ = try await register([students[0].psnNo], school, on: "2026-09-16") }
            #expect(late?.code == "SCHOOL_REGISTRATION_CLOSED")
            #expect(late?.path == "registered_on")
            let notStudent = try await Self.refusal { _ = try await register([students[0].psnNo, adult[0].psnNo], school, on: "2026-09-15") }
            #expect(notStudent?.code == "SCHOOL_STUDENT_CATEGORY")
            #expect(notStudent?.path == "students[1]")

            let first = try await register([students[0].psnNo], school, on: "2026-09-15")
            #expect(first.registered == 1 && first.alreadyRegistered == 0)
            #expect(first.from == day("2026-09-01") && first.through == day("2027-08-31"))
            let again = try await register([students[0].psnNo], school, on: "2026-09-15")
            #expect(again.registered == 0 && again.alreadyRegistered == 1)
            let elsewhere = try await Self.refusal { _ = try await register([students[0].psnNo], other, on: "2026-09-10") }
            #expect(elsewhere?.code == "SCHOOL_STUDENT_ELSEWHERE")
            // The next school year is a new registration, with any school.
            #expect(try await register([students[0].psnNo], other, year: 2027, on: "2027-09-01").registered == 1)

            try await db.read { sql async throws in
                #expect(try await SchoolRepository.students(admdvs: "210500", schoolID: school.id, schoolYear: 2026, in: sql).map(\.psnNo)
                        == [students[0].psnNo])
                let schools = try await SchoolRepository.schools(of: [students[0].psnNo], schoolYear: 2027, admdvs: "210500", in: sql)
                #expect(schools[students[0].psnNo]?.name == "溪湖区小学")
                #expect(schools[students[0].psnNo]?.countyFunded == false)
            }
        }
    }
}
