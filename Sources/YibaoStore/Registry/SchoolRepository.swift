import SQLKit
import YibaoCore

/// Schools (`schools`) and the students each registers for a school year (`school_students`, R15: one
/// school per student and school year, registered by the policy's `resident.school_year` deadline).
/// Resident billing reads a student's school for the year to split the subsidy (R12).
public enum SchoolRepository {
    /// What a registration did: students newly registered, and those the school had already registered.
    public struct Registration: Sendable, Equatable, Codable {
        public var schoolYear: Int
        public var from: LocalDate
        public var through: LocalDate
        public var registered: Int
        public var alreadyRegistered: Int

        enum CodingKeys: String, CodingKey {
            case schoolYear = "school_year", from, through, registered, alreadyRegistered = "already_registered"
        }
    }

    /// Registers a school of region `admdvs`; `county` is the district it belongs to (and funds it when
    /// `countyFunded`), within the region.
    public static func create(admdvs: String, name: String, county: String, countyFunded: Bool, by actor: AuditActor,
                              in db: any SQLDatabase) async throws -> School {
        guard !name.allSatisfy(\.isWhitespace) else {
            throw DomainError(code: "SCHOOL_NAME_REQUIRED", message: "请填写学校名称", messageEn: "give the school's name", path: "name")
        }
        let countyCode: RegionCode
        do { countyCode = try RegionCode.parse(county) } catch { throw error.at("county") }
        guard try RegionCode.parse(admdvs).contains(countyCode) else {
            throw DomainError(code: "SCHOOL_COUNTY", message: "学校所在区县 \(county) 不属于统筹区 \(admdvs)",
                              messageEn: "the school's county \(county) is not within region \(admdvs)", path: "county")
        }
        if let existing = try await db.select().column("id").from("schools").where("admdvs", .equal, admdvs).where("name", .equal, name).first() {
            throw DomainError(.conflict, code: "SCHOOL_DUPLICATE", message: "本统筹区已登记学校“\(name)”（编号 \(try existing.decode(column: "id", as: Int64.self))）",
                              messageEn: "school \"\(name)\" is already registered in the region", path: "name")
        }
        let school = School(admdvs: admdvs, id: IDGenerator.shared.next(), name: name, countyRegion: countyCode.value, countyFunded: countyFunded)
        try await db.insert(into: "schools").columns("admdvs", "id", "name", "county_admdvs", "county_funded", "created_at", "created_by")
            .values(SQLBind(admdvs), SQLBind(school.id), SQLBind(name), SQLBind(school.countyRegion), SQLBind(countyFunded ? 1 : 0),
                    SQLBind(Clock.nowMillis()), SQLBind(actor.name))
            .run()
        try await AuditTrail.append(actor.event(action: "school.create", target: "school:\(school.id)",
                                                after: "name=\(name) county=\(school.countyRegion) county_funded=\(countyFunded)"), in: db)
        return school
    }

    public static func find(admdvs: String, id: Int64, in db: any SQLDatabase) async throws -> School? {
        try await db.select().column("*").from("schools").where("admdvs", .equal, admdvs).where("id", .equal, id).first().map(School.init(row:))
    }

    public static func list(admdvs: String, in db: any SQLDatabase) async throws -> [School] {
        try await db.select().column("*").from("schools").where("admdvs", .equal, admdvs).orderBy("name").all().map(School.init(row:))
    }

    /// The school registers `psnNos` (registered persons of its region, category student) for school year
    /// `schoolYear` on day `on`, at the latest on the policy's deadline. In the caller's one transaction:
    /// a refused student (reported at `students[i]`) registers nobody. Registering a student again with the
    /// same school changes nothing; with another school it is refused naming that school.
    public static func registerStudents(_ psnNos: [Int64], school: School, schoolYear: Int, on day: LocalDate, by actor: AuditActor,
                                        in db: any SQLDatabase) async throws -> Registration {
        guard (1990...2200).contains(schoolYear) else {
            throw DomainError(code: "SCHOOL_YEAR_INVALID", message: "学年无效：\(schoolYear)", messageEn: "invalid school year \(schoolYear)", path: "school_year")
        }
        guard !psnNos.isEmpty else {
            throw DomainError(code: "SCHOOL_STUDENTS_REQUIRED", message: "请列出要登记的学生", messageEn: "list the students to register", path: "students")
        }
        guard let rule = try await PolicyRepository.inForce(region: school.admdvs, insutype: Insutype.residentBasic.rawValue,
                                                            on: LocalDate(year: schoolYear, month: 1, day: 1)!, in: db)?
            .section(ContributionPolicy.self)?.resident?.schoolYear else {
            throw DomainError(.notFound, code: "SCHOOL_YEAR_POLICY_MISSING",
                              message: "统筹区 \(school.admdvs) 在 \(schoolYear) 年的居民医保政策未设置学年和学校登记截止日（resident.school_year）",
                              messageEn: "no resident policy with resident.school_year in force in \(school.admdvs) for \(schoolYear)", path: "school_year")
        }
        let deadline = rule.registrationDeadline(of: schoolYear)
        guard day <= deadline else {
            throw DomainError(.conflict, code: "SCHOOL_REGISTRATION_CLOSED",
                              message: "\(schoolYear) 学年的学生登记已于 \(deadline) 截止（登记日 \(day)）",
                              messageEn: "registration of students for school year \(schoolYear) closed on \(deadline) (registering on \(day))",
                              path: "registered_on")
        }
        let existing = try await db.raw("""
            SELECT s.psn_no, s.school_id, c.name FROM school_students s JOIN schools c ON c.admdvs = s.admdvs AND c.id = s.school_id
            WHERE s.admdvs = \(bind: school.admdvs) AND s.school_year = \(bind: schoolYear) AND s.psn_no IN (\(binds: psnNos))
            """).all()
        var schoolOf: [Int64: (id: Int64, name: String)] = [:]
        for row in existing {
            schoolOf[try row.decode(column: "psn_no", as: Int64.self)] = (try row.decode(column: "school_id", as: Int64.self),
                                                                            try row.decode(column: "name", as: String.self))
        }
        let persons = Dictionary(try await db.select().column("*").from("persons").where("admdvs", .equal, school.admdvs)
            .where("psn_no", .in, psnNos).all().map(PersonRecord.init(row:)).map { ($0.psnNo, $0) }, uniquingKeysWith: { a, _ in a })
        var result = Registration(schoolYear: schoolYear, from: rule.start(of: schoolYear), through: rule.end(of: schoolYear),
                                  registered: 0, alreadyRegistered: 0)
        var seen: Set<Int64> = []
        for (index, psnNo) in psnNos.enumerated() {
            guard let person = persons[psnNo] else {
                throw DomainError(.notFound, code: "PERSON_NOT_FOUND", message: "本统筹区没有参保人 \(psnNo)",
                                  messageEn: "no person \(psnNo) in the region", path: "students[\(index)]")
            }
            guard person.category == .student else {
                throw DomainError(code: "SCHOOL_STUDENT_CATEGORY", message: "\(person.name) 的人员类别不是在校学生（\(person.category.rawValue)）",
                                  messageEn: "\(psnNo) is not registered as a student (\(person.category.rawValue))", path: "students[\(index)]")
            }
            if let other = schoolOf[psnNo], other.id != school.id {
                throw DomainError(.conflict, code: "SCHOOL_STUDENT_ELSEWHERE",
                                  message: "\(person.name) 已由“\(other.name)”登记为 \(schoolYear) 学年的学生",
                                  messageEn: "\(psnNo) is already registered for school year \(schoolYear) by school \(other.id)",
                                  path: "students[\(index)]")
            }
            guard schoolOf[psnNo] == nil, seen.insert(psnNo).inserted else {
                result.alreadyRegistered += 1
                continue
            }
            try await db.insert(into: "school_students")
                .columns("admdvs", "psn_no", "school_year", "school_id", "registered_on", "created_at", "created_by")
                .values(SQLBind(school.admdvs), SQLBind(psnNo), SQLBind(schoolYear), SQLBind(school.id), SQLBind(day.description),
                        SQLBind(Clock.nowMillis()), SQLBind(actor.name))
                .run()
            result.registered += 1
        }
        try await AuditTrail.append(actor.event(action: "school.students", target: "school:\(school.id)",
                                                after: "school_year=\(schoolYear) registered=\(result.registered)"), in: db)
        return result
    }

    /// The schools that registered these persons for school year `schoolYear`, by person.
    public static func schools(of psnNos: [Int64], schoolYear: Int, admdvs: String, in db: any SQLDatabase) async throws -> [Int64: School] {
        guard !psnNos.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT s.psn_no, c.* FROM school_students s JOIN schools c ON c.admdvs = s.admdvs AND c.id = s.school_id
            WHERE s.admdvs = \(bind: admdvs) AND s.school_year = \(bind: schoolYear) AND s.psn_no IN (\(binds: psnNos))
            """).all()
        var out: [Int64: School] = [:]
        for row in rows { out[try row.decode(column: "psn_no", as: Int64.self)] = try School(row: row) }
        return out
    }

    /// The persons school `schoolID` registered for `schoolYear`, in `psn_no` order.
    public static func students(admdvs: String, schoolID: Int64, schoolYear: Int, in db: any SQLDatabase) async throws -> [PersonRecord] {
        try await db.raw("""
            SELECT p.* FROM school_students s JOIN persons p ON p.admdvs = s.admdvs AND p.psn_no = s.psn_no
            WHERE s.admdvs = \(bind: admdvs) AND s.school_id = \(bind: schoolID) AND s.school_year = \(bind: schoolYear) ORDER BY p.psn_no
            """).all().map(PersonRecord.init(row:))
    }
}

extension School {
    init(row: any SQLRow) throws {
        self.init(admdvs: try row.decode(column: "admdvs", as: String.self), id: try row.decode(column: "id", as: Int64.self),
                  name: try row.decode(column: "name", as: String.self), countyRegion: try row.decode(column: "county_admdvs", as: String.self),
                  countyFunded: try row.decode(column: "county_funded", as: Int64.self) != 0)
    }
}
