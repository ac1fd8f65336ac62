import SQLKit
import YibaoCore

/// The settlement part of the demo: a catalogue for Xiamen (350200, employee scheme 310) and Benxi
/// (210500, resident scheme 390), the demo institutions' declared lists (their own code is `HIS-` +
/// the catalogue code), and a handful of insured persons with accounts. Prices are illustrative.
enum DemoSettlementData {
    /// (code, name, kind, class, ceiling per unit in yuan, restriction)
    struct Item {
        var code: String, name: String, kind: CatalogueItem.Kind, listClass: ListClass, ceiling: String?
        var sex: Sex? = nil, minGrade: String? = nil, indication: String = ""
    }

    static let items: [Item] = [
        Item(code: "XA10BAA001A001010100001", name: "二甲双胍片", kind: .drug, listClass: .classA, ceiling: "15.00"),
        Item(code: "XC09AAA001A001010100002", name: "卡托普利片", kind: .drug, listClass: .classA, ceiling: "8.00"),
        Item(code: "XJ01CAA040A001010100003", name: "阿莫西林胶囊", kind: .drug, listClass: .classA, ceiling: "12.00"),
        Item(code: "XN02BEA001A001010100004", name: "对乙酰氨基酚片", kind: .drug, listClass: .classA, ceiling: "6.00"),
        Item(code: "XA02BCA001A001010100005", name: "奥美拉唑肠溶胶囊", kind: .drug, listClass: .classA, ceiling: "20.00"),
        Item(code: "ZA01AAA001B001010100014", name: "板蓝根颗粒", kind: .drug, listClass: .classA, ceiling: "15.00"),
        Item(code: "XM01AEA001A001010100015", name: "布洛芬缓释胶囊", kind: .drug, listClass: .classA, ceiling: "10.00"),
        Item(code: "XH02ABA002A001010100016", name: "地塞米松磷酸钠注射液", kind: .drug, listClass: .classA, ceiling: "2.00"),
        Item(code: "XA07BCA001A001010100017", name: "蒙脱石散", kind: .drug, listClass: .classA, ceiling: "10.00"),
        Item(code: "XC10AAA005A001010100006", name: "阿托伐他汀钙片", kind: .drug, listClass: .classB, ceiling: "45.00"),
        Item(code: "XJ01DDA001A001010100007", name: "注射用头孢曲松钠", kind: .drug, listClass: .classB, ceiling: "30.00"),
        Item(code: "XB01ACA006A001010100008", name: "硫酸氢氯吡格雷片", kind: .drug, listClass: .classB, ceiling: "60.00",
             indication: "限急性冠脉综合征、近期心肌梗死或缺血性卒中患者"),
        Item(code: "XR03ACA002A001010100009", name: "硫酸沙丁胺醇吸入气雾剂", kind: .drug, listClass: .classB, ceiling: "35.00"),
        Item(code: "XG03DAA004A001010100010", name: "黄体酮注射液", kind: .drug, listClass: .classB, ceiling: "5.00", sex: .female),
        Item(code: "XG04CAA002A001010100011", name: "盐酸坦索罗辛缓释胶囊", kind: .drug, listClass: .classB, ceiling: "50.00", sex: .male),
        Item(code: "XL01FAA001A001010100012", name: "利妥昔单抗注射液", kind: .drug, listClass: .classB, ceiling: "2000.00", minGrade: "3",
             indication: "限 CD20 阳性的弥漫大 B 细胞性非霍奇金淋巴瘤"),
        Item(code: "XJ05ABA001A001010100018", name: "阿昔洛韦片", kind: .drug, listClass: .classB, ceiling: "18.00"),
        Item(code: "XS01AEA012A001010100019", name: "左氧氟沙星滴眼液", kind: .drug, listClass: .classB, ceiling: "25.00"),
        Item(code: "XA11CCA001A001010100013", name: "维生素D滴剂", kind: .drug, listClass: .classC, ceiling: nil),
        Item(code: "XA11AAA001A001010100020", name: "复合维生素片", kind: .drug, listClass: .classC, ceiling: nil),
        Item(code: "110200001", name: "普通门诊诊查费", kind: .service, listClass: .classA, ceiling: "10.00"),
        Item(code: "110200002", name: "副主任医师门诊诊查费", kind: .service, listClass: .classA, ceiling: "20.00"),
        Item(code: "250101001", name: "血细胞分析", kind: .service, listClass: .classA, ceiling: "20.00"),
        Item(code: "250301001", name: "肝功能检查", kind: .service, listClass: .classA, ceiling: "80.00"),
        Item(code: "310701001", name: "常规心电图检查", kind: .service, listClass: .classA, ceiling: "25.00"),
        Item(code: "120100001", name: "普通病房床位费", kind: .bed, listClass: .classA, ceiling: "40.00"),
        Item(code: "120400001", name: "一级护理", kind: .service, listClass: .classA, ceiling: "25.00"),
        Item(code: "331003001", name: "阑尾切除术", kind: .service, listClass: .classA, ceiling: "1200.00"),
        Item(code: "210300001", name: "X 线计算机体层（CT）平扫", kind: .service, listClass: .classB, ceiling: "200.00"),
        Item(code: "210500001", name: "磁共振平扫", kind: .service, listClass: .classB, ceiling: "500.00", minGrade: "2"),
        Item(code: "480000001", name: "美容性皮肤护理", kind: .service, listClass: .classC, ceiling: nil),
        Item(code: "C0101010010000000001", name: "一次性使用无菌注射器", kind: .consumable, listClass: .classA, ceiling: "1.00"),
        Item(code: "C0301020010000000002", name: "冠状动脉药物洗脱支架", kind: .consumable, listClass: .classB, ceiling: "8000.00", minGrade: "3"),
        Item(code: "C0201010010000000003", name: "功能性医用敷料", kind: .consumable, listClass: .classC, ceiling: nil),
    ]

    static let catalogueStart = LocalDate(year: 2024, month: 1, day: 1)!

    /// The institution's own code for a catalogue code in the demo (对照).
    static func medinsCode(_ code: String) -> String { "HIS-" + code }

    struct Person {
        var admdvs: String, name: String, sex: Sex, birth: LocalDate, sequence: Int, category: PersonCategory
        var statuses: SpecialStatuses = [], insutype: String, firstLevel: String, secondLevel: String = "0"
        var continuousYears = 0
    }

    static let persons: [Person] = [
        Person(admdvs: "350200", name: "张伟", sex: .male, birth: LocalDate(year: 1980, month: 5, day: 12)!, sequence: 11,
               category: .employee, insutype: "310", firstLevel: "3000.00"),
        Person(admdvs: "350200", name: "李娜", sex: .female, birth: LocalDate(year: 1992, month: 3, day: 8)!, sequence: 22,
               category: .employee, insutype: "310", firstLevel: "1200.00"),
        Person(admdvs: "350200", name: "王建国", sex: .male, birth: LocalDate(year: 1955, month: 10, day: 1)!, sequence: 33,
               category: .retiree, insutype: "310", firstLevel: "5000.00"),
        Person(admdvs: "350200", name: "陈小红", sex: .female, birth: LocalDate(year: 1998, month: 7, day: 20)!, sequence: 44,
               category: .migrant, insutype: "310", firstLevel: "300.00"),
        Person(admdvs: "350200", name: "林志强", sex: .male, birth: LocalDate(year: 1975, month: 1, day: 15)!, sequence: 55,
               category: .employee, statuses: .civilServant, insutype: "310", firstLevel: "4000.00"),
        Person(admdvs: "210500", name: "赵丽", sex: .female, birth: LocalDate(year: 1985, month: 9, day: 3)!, sequence: 66,
               category: .residentAdult, insutype: "390", firstLevel: "0", continuousYears: 6),
        Person(admdvs: "210500", name: "孙浩", sex: .male, birth: LocalDate(year: 2012, month: 4, day: 18)!, sequence: 77,
               category: .student, insutype: "390", firstLevel: "0", continuousYears: 3),
        Person(admdvs: "210500", name: "周桂兰", sex: .female, birth: LocalDate(year: 1950, month: 12, day: 30)!, sequence: 88,
               category: .residentElderly, insutype: "390", firstLevel: "0", continuousYears: 10),
    ]

    /// The identity number of a demo person (deterministic, so documentation can quote it).
    static func certno(_ person: Person) throws -> String {
        try IdentityNumber.make(region: RegionCode.parse(person.admdvs), birthDate: person.birth, sequence: person.sequence,
                                sex: person.sex).value
    }

    static func load(into database: any Database, in db: any SQLDatabase) async throws {
        let catalogue = CatalogueRepository(database: database)
        for (region, insutype) in [("350200", "310"), ("210500", "390")] {
            for item in items {
                try await catalogue.upsert(CatalogueItem(admdvs: region, code: item.code, insutype: insutype, name: item.name, kind: item.kind,
                                                         listClass: item.listClass, priceCeiling: try item.ceiling.map { try Money.parse($0) },
                                                         sex: item.sex, indication: item.indication, minGrade: item.minGrade,
                                                         begndate: catalogueStart), in: db)
            }
        }
        let designations = InstitutionDesignationRepository(database: database)
        for institution in DemoData.institutions {
            let actor = AuditActor.commandLine(region: institution.admdvs)
            try await designations.setStatus(institution.code, DesignationStatus(status: .active, begndate: catalogueStart, reason: "演示"),
                                             by: actor, in: db)
            // The community clinic and the pharmacy declare only what they provide: drugs and simple services.
            let offered = institution.grade == "1" || institution.kind == "pharmacy"
                ? items.filter { $0.kind == .drug || ["110200001", "250101001"].contains($0.code) } : items
            try await designations.declare(institution.code, items: offered.map {
                DeclaredItem(medinsCode: medinsCode($0.code), code: $0.code, begndate: catalogueStart)
            }, by: actor, in: db)
        }
        let registry = PersonRepository(database: database)
        for person in persons {
            try await registry.create(
                PersonRecord(admdvs: person.admdvs, certno: try certno(person), name: person.name, sex: person.sex, birthDate: person.birth,
                             category: person.category, statuses: person.statuses, insutype: person.insutype,
                             enrolBegin: LocalDate(year: 2015, month: 1, day: 1)!, continuousYears: person.continuousYears,
                             seriousIllnessYears: person.continuousYears),
                account: AccountBalances(firstLevel: try Money.parse(person.firstLevel), secondLevel: try Money.parse(person.secondLevel)),
                by: .commandLine(region: person.admdvs), in: db)
        }
    }
}

extension DemoData {
    /// The identity number of the demo insured person called `name` (for documentation and tests).
    public static func insuredCertno(_ name: String) -> String? {
        DemoSettlementData.persons.first { $0.name == name }.flatMap { try? DemoSettlementData.certno($0) }
    }

    /// The demo institutions' own code for a catalogue code (their 对照).
    public static func declaredCode(_ code: String) -> String { DemoSettlementData.medinsCode(code) }
}
