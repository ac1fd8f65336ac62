import Hummingbird
import YibaoCore
import YibaoStore

/// Person registration with first enrolment (参保人员登记), resident households (以家庭为单位参保) and
/// the person record. Registration needs `enrolment.write` in the person's region; every refusal names
/// its field (`members[2].certno`, `statuses[0].through` …). Identity numbers are masked for callers who
/// may not read them in full.
struct PersonRoutes {
    let services: Services

    /// One person as registered: national field names; `sex` and `birth_date` are optional (taken from
    /// the identity number, and checked against it when given).
    struct Registration: Decodable, Sendable {
        var certno: String
        var name: String
        var sex: String?
        var birth_date: LocalDate?
        var hukou_admdvs: String?
        var psn_type: String
        var statuses: [Status]?
        /// Household registration: the member's relation to the head.
        var relation: String?

        struct Status: Decodable, Sendable {
            var status: String
            var from: LocalDate
            var through: LocalDate?

            var period: StatusPeriod {
                get throws(DomainError) { StatusPeriod(status: try PersonRoutes.status(named: status), from: from, through: through) }
            }
        }

        /// The registration with its enumerations parsed (each refusal at its field) and checked.
        func checked(insutype: Insutype, enrolOn: LocalDate, policy: ContributionPolicy) throws(DomainError) -> PersonRegistration.Checked {
            guard let category = PersonCategory(rawValue: psn_type) else {
                throw DomainError(code: "PSN_TYPE_INVALID", message: "人员类别无效：“\(psn_type)”（可选：\(PersonCategory.allCases.map(\.rawValue).joined(separator: "、"))）",
                                  messageEn: "unknown psn_type \"\(psn_type)\" (one of \(PersonCategory.allCases.map(\.rawValue).joined(separator: ", ")))",
                                  path: "psn_type")
            }
            var periods: [StatusPeriod] = []
            for (index, entry) in (statuses ?? []).enumerated() {
                do { periods.append(try entry.period) } catch { throw error.at("statuses[\(index)]") }
            }
            let registration = PersonRegistration(certno: certno, name: name, sex: try Self.sex(sex), birthDate: birth_date,
                                                  hukouRegion: hukou_admdvs, category: category, statuses: periods)
            return try registration.check(insutype: insutype, enrolOn: enrolOn, policy: policy)
        }

        static func sex(_ text: String?) throws(DomainError) -> Sex? {
            guard let text else { return nil }
            guard let sex = Sex(rawValue: text) else {
                throw DomainError(code: "SEX_INVALID", message: "性别应为 male 或 female：“\(text)”", messageEn: "sex must be male or female: \"\(text)\"",
                                  path: "sex")
            }
            return sex
        }
    }

    /// `POST /api/persons`: one person, joining `household_id` when given.
    struct PersonRequest: Decodable, Sendable {
        var admdvs: String
        var insutype: String
        var enrol_on: LocalDate
        var household_id: String?
        var person: Registration

        enum CodingKeys: String, CodingKey { case admdvs, insutype, enrol_on, household_id }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            admdvs = try c.decode(String.self, forKey: .admdvs)
            insutype = try c.decode(String.self, forKey: .insutype)
            enrol_on = try c.decode(LocalDate.self, forKey: .enrol_on)
            household_id = try c.decodeIfPresent(String.self, forKey: .household_id)
            person = try Registration(from: decoder)
        }
    }

    /// `POST /api/households`: the whole family at once.
    struct HouseholdRequest: Decodable, Sendable {
        var admdvs: String
        var insutype: String
        var enrol_on: LocalDate
        var address: String?
        var members: [Registration]
    }

    struct PersonBody: Encodable, Sendable {
        var psn_no: String
        var admdvs: String
        var certno: String
        var name: String
        var sex: String
        var birth_date: String
        var hukou_admdvs: String
        var psn_type: String
        var insutype: String
        var enrol_on: String
        var statuses: [StatusBody]
        var household_id: String?
        var relation: String?

        struct StatusBody: Encodable, Sendable {
            var status: String
            var from: String
            var through: String?
        }

        init(_ p: PersonRecord, statuses periods: [StatusPeriod], household: Int64?, relation: HouseholdRelation?, for principal: Principal) {
            psn_no = String(p.psnNo)
            admdvs = p.admdvs
            certno = (try? IdentityNumber.parse(p.certno)).map { Authorization.identityText($0, for: principal) } ?? ""
            (name, sex, birth_date, hukou_admdvs) = (p.name, p.sex.rawValue, p.birthDate.description, p.hukouRegion)
            (psn_type, insutype, enrol_on) = (p.category.rawValue, p.insutype, p.enrolBegin.description)
            statuses = periods.map { StatusBody(status: $0.name, from: $0.from.description, through: $0.through?.description) }
            household_id = household.map(String.init)
            self.relation = relation?.rawValue
        }
    }

    struct HouseholdBody: Encodable, Sendable {
        var household_id: String
        var admdvs: String
        var members: [PersonBody]
    }

    struct StatusEnd: Decodable, Sendable { var through: LocalDate }

    /// A special status by its name (`dibao`, `severely_disabled` …), refused at `status` otherwise.
    static func status(named name: String) throws(DomainError) -> SpecialStatuses {
        guard let status = SpecialStatuses.names.first(where: { $0.0 == name })?.1 else {
            throw DomainError(code: "STATUS_INVALID", message: "特殊身份无效：“\(name)”（可选：\(SpecialStatuses.names.map(\.0).joined(separator: "、"))）",
                              messageEn: "unknown status \"\(name)\" (one of \(SpecialStatuses.names.map(\.0).joined(separator: ", ")))",
                              path: "status")
        }
        return status
    }

    func register(on api: RouterGroup<YibaoRequestContext>) {
        // A status gained or lost after registration (a 低保 decision from March, its end in December).
        api.secured(.post, "/persons/:psn_no/statuses", .personWrite) { request, context, principal in
            let person = try await services.person(context, principal, .personWrite)
            let period = try await request.decodeJSON(as: Registration.Status.self, context: context).period
            try await services.database.write { db in
                try await PersonRepository.recordStatus(period, admdvs: person.admdvs, psnNo: person.psnNo, by: principal.auditActor, in: db)
            }
            return Response(status: .created)
        }
        api.secured(.post, "/persons/:psn_no/statuses/:status/end", .personWrite) { request, context, principal in
            let person = try await services.person(context, principal, .personWrite)
            let status = try Self.status(named: try context.parameters.require("status"))
            let body = try await request.decodeJSON(as: StatusEnd.self, context: context)
            try await services.database.write { db in
                try await PersonRepository.endStatus(status, through: body.through, admdvs: person.admdvs, psnNo: person.psnNo,
                                                     by: principal.auditActor, in: db)
            }
            return Response(status: .noContent)
        }
        api.secured(.post, "/persons", .enrolmentWrite) { request, context, principal in
            let body = try await request.decodeJSON(as: PersonRequest.self, context: context)
            let (region, insutype, policy) = try await target(body.admdvs, body.insutype, body.enrol_on, principal)
            let checked = try body.person.checked(insutype: insutype, enrolOn: body.enrol_on, policy: policy)
            let household = try body.household_id.map { text in
                guard let id = Int64(text) else {
                    throw DomainError(code: "HOUSEHOLD_ID_INVALID", message: "家庭户编号无效", messageEn: "invalid household_id", path: "household_id")
                }
                return (id: id, relation: try HouseholdRelation.parse(body.person.relation ?? "other", path: "relation"))
            }
            let record = try await services.database.write { db in
                try await services.persons.register(checked, admdvs: region, insutype: insutype, enrolOn: body.enrol_on, household: household,
                                                    policy: policy, by: principal.auditActor, in: db)
            }
            return JSONResponse(PersonBody(record, statuses: checked.statuses, household: household?.id, relation: household?.relation,
                                           for: principal), status: .created)
        }
        api.secured(.get, "/persons/:psn_no", .personRead) { _, context, principal in
            let person = try await services.person(context, principal, .personRead)
            let (periods, household) = try await services.database.read { db in
                (try await PersonRepository.statusPeriods(admdvs: person.admdvs, psnNo: person.psnNo, in: db),
                 try await PersonRepository.membership(admdvs: person.admdvs, psnNo: person.psnNo, in: db))
            }
            return JSONResponse(PersonBody(person, statuses: periods, household: household?.id, relation: household?.relation, for: principal))
        }
        api.secured(.post, "/households", .enrolmentWrite) { request, context, principal in
            let body = try await request.decodeJSON(as: HouseholdRequest.self, context: context)
            let (region, insutype, policy) = try await target(body.admdvs, body.insutype, body.enrol_on, principal)
            var checked: [PersonRepository.Member] = []
            for (index, member) in body.members.enumerated() {
                do {
                    checked.append(PersonRepository.Member(
                        person: try member.checked(insutype: insutype, enrolOn: body.enrol_on, policy: policy),
                        relation: try HouseholdRelation.parse(member.relation ?? "", path: "relation")))
                } catch let error as DomainError {
                    throw error.at("members[\(index)]")
                }
            }
            let members = checked
            let (id, records) = try await services.database.write { db in
                try await services.persons.registerHousehold(members, address: body.address ?? "", admdvs: region, insutype: insutype,
                                                             enrolOn: body.enrol_on, by: principal.auditActor, in: db)
            }
            let bodies = zip(records, members).map { record, member in
                PersonBody(record, statuses: member.person.statuses, household: id, relation: member.relation, for: principal)
            }
            return JSONResponse(HouseholdBody(household_id: String(id), admdvs: region, members: bodies), status: .created)
        }
        api.secured(.get, "/households/:admdvs/:id", .personRead) { _, context, principal in
            let region = try RegionCode.parse(context.parameters.require("admdvs"))
            try principal.authorize(.personRead, on: Scope(region: region))
            guard let id = Int64(try context.parameters.require("id")),
                  let members = try await services.database.read({ db in try await PersonRepository.household(admdvs: region.value, id: id, in: db) })
            else {
                throw DomainError(.notFound, code: "HOUSEHOLD_NOT_FOUND", message: "本统筹区没有该家庭户", messageEn: "no such household in the region",
                                  path: "id")
            }
            let bodies = try await services.database.read { db in
                var bodies: [PersonBody] = []
                for member in members {
                    let periods = try await PersonRepository.statusPeriods(admdvs: region.value, psnNo: member.person.psnNo, in: db)
                    bodies.append(PersonBody(member.person, statuses: periods, household: id, relation: member.relation, for: principal))
                }
                return bodies
            }
            return JSONResponse(HouseholdBody(household_id: String(id), admdvs: region.value, members: bodies))
        }
    }

    /// The region (checked against the caller's scope), the scheme and the contribution policy in force
    /// on the enrolment day (its resident rules decide categories by age and the whole-household rule).
    private func target(_ admdvs: String, _ insutypeText: String, _ enrolOn: LocalDate,
                        _ principal: Principal) async throws -> (String, Insutype, ContributionPolicy) {
        let region: RegionCode
        do { region = try RegionCode.parse(admdvs) } catch { throw error.at("admdvs") }
        try principal.authorize(.enrolmentWrite, on: Scope(region: region))
        let insutype: Insutype
        do { insutype = try Insutype.parse(insutypeText) } catch { throw error.at("insutype") }
        let policy = try await services.policies.inForce(region: region.value, insutype: insutype.rawValue, on: enrolOn)?
            .section(ContributionPolicy.self) ?? ContributionPolicy()
        return (region.value, insutype, policy)
    }
}
