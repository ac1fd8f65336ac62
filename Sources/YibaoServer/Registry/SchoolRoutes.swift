import Hummingbird
import YibaoCore
import YibaoStore

/// Schools and their students (Benxi R12, R15): the region registers a school with the county that funds
/// it (or none); the school's list of students for a school year is recorded by the deadline in the
/// policy. Permissions: `enrolment.write` to register, `enrolment.read` / `person.read` to read.
struct SchoolRoutes {
    let services: Services

    struct SchoolBody: Codable, Sendable {
        var id: String?
        var admdvs: String
        var name: String
        var county: String
        var county_funded: Bool

        init(_ s: School) {
            (id, admdvs, name, county, county_funded) = (String(s.id), s.admdvs, s.name, s.countyRegion, s.countyFunded)
        }
    }

    /// `{"school_year": 2026, "registered_on": "2026-09-10"?, "students": ["<psn_no>", …]}`; without
    /// `registered_on`, today.
    struct StudentList: Decodable, Sendable {
        var school_year: Int
        var registered_on: LocalDate?
        var students: [String]
    }

    struct Student: Encodable, Sendable {
        var psn_no: String
        var name: String
        var certno: String
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        api.secured(.post, "/schools", .enrolmentWrite) { request, context, principal in
            let body = try await request.decodeJSON(as: SchoolBody.self, context: context)
            let region: RegionCode
            do { region = try RegionCode.parse(body.admdvs) } catch let error as DomainError { throw error.at("admdvs") }
            try principal.authorize(.enrolmentWrite, on: Scope(region: region))
            let school = try await services.database.write { db in
                try await SchoolRepository.create(admdvs: region.value, name: body.name, county: body.county, countyFunded: body.county_funded,
                                                  by: principal.auditActor, in: db)
            }
            return JSONResponse(SchoolBody(school), status: .created)
        }
        api.secured(.get, "/schools", .enrolmentRead) { request, _, principal in
            let region = try request.uri.queryParameters.get("admdvs").map { try RegionCode.parse(String($0)) } ?? principal.region
            try principal.authorize(.enrolmentRead, on: Scope(region: region))
            let list = try await services.database.read { db in try await SchoolRepository.list(admdvs: region.value, in: db) }
            return JSONResponse(ItemList(items: list.map(SchoolBody.init)))
        }
        api.secured(.post, "/schools/:admdvs/:id/students", .enrolmentWrite) { request, context, principal in
            let school = try await school(context, principal, .enrolmentWrite)
            let body = try await request.decodeJSON(as: StudentList.self, context: context)
            let psnNos = try body.students.enumerated().map { index, text in
                guard let psnNo = Int64(text) else {
                    throw DomainError(code: "ID_INVALID", message: "人员编号无效：“\(text)”", messageEn: "invalid psn_no \"\(text)\"", path: "students[\(index)]")
                }
                return psnNo
            }
            let result = try await services.database.write { db in
                try await SchoolRepository.registerStudents(psnNos, school: school, schoolYear: body.school_year, on: body.registered_on ?? Clock.today(),
                                                            by: principal.auditActor, in: db)
            }
            return JSONResponse(result, status: .created)
        }
        api.secured(.get, "/schools/:admdvs/:id/students", .personRead) { request, context, principal in
            let school = try await school(context, principal, .personRead)
            guard let text = request.uri.queryParameters.get("school_year"), let year = Int(text) else {
                throw DomainError(code: "SCHOOL_YEAR_REQUIRED", message: "请提供学年 school_year=YYYY", messageEn: "give the school year as school_year=YYYY",
                                  path: "school_year")
            }
            let students = try await services.database.read { db in
                try await SchoolRepository.students(admdvs: school.admdvs, schoolID: school.id, schoolYear: year, in: db)
            }
            return JSONResponse(ItemList(items: students.map { p in
                Student(psn_no: String(p.psnNo), name: p.name,
                        certno: (try? IdentityNumber.parse(p.certno)).map { Authorization.identityText($0, for: principal) } ?? "")
            }))
        }
    }

    private func school(_ context: YibaoRequestContext, _ principal: Principal, _ permission: Permission) async throws -> School {
        let region = try RegionCode.parse(context.parameters.require("admdvs"))
        try principal.authorize(permission, on: Scope(region: region))
        guard let id = Int64(try context.parameters.require("id")),
              let school = try await services.database.read({ db in try await SchoolRepository.find(admdvs: region.value, id: id, in: db) }) else {
            throw DomainError(.notFound, code: "SCHOOL_NOT_FOUND", message: "本统筹区没有该学校", messageEn: "no such school in the region", path: "id")
        }
        return school
    }
}
