/// A synthetic region's providers, reproducible from a seed: designated institutions of every grade
/// and a catalogue of several thousand drugs, service items and consumables across 甲/乙/丙 with price
/// ceilings, and what each institution declares (对照) from it. Pure, like `SyntheticPopulation`.
public struct SyntheticProviders: Sendable {
    public struct Institution: Sendable, Equatable {
        public var code: String
        public var name: String
        /// hospital, clinic, pharmacy.
        public var kind: String
        /// The stored grade: 3A, 3B, 3, 2, 1, none.
        public var grade: String
    }

    public struct Item: Sendable, Equatable {
        public var code: String
        public var name: String
        /// drug, service, consumable, bed.
        public var kind: String
        public var listClass: ListClass
        /// Per unit; nil for some 丙 items (self-paid, no ceiling).
        public var ceiling: Money?
        /// Lowest hospital grade that may bill it (`hosp_lv` 2 or 3), nil for any.
        public var minGrade: String?
    }

    public let institutions: [Institution]
    public let items: [Item]

    /// (kind, count, per-mille of 甲, of 乙; the rest 丙, largest ceiling in yuan).
    static let catalogueShape: [(kind: String, count: Int, classA: Int, classB: Int, maxYuan: Int64)] = [
        ("drug", 2_600, 400, 500, 800), ("service", 1_100, 700, 250, 3_000), ("consumable", 300, 300, 500, 20_000),
    ]
    static let drugStems = ["阿莫西林", "头孢克洛", "阿奇霉素", "左氧氟沙星", "二甲双胍", "格列美脲", "阿卡波糖", "氨氯地平", "硝苯地平",
                            "缬沙坦", "厄贝沙坦", "美托洛尔", "阿托伐他汀", "瑞舒伐他汀", "阿司匹林", "氯吡格雷", "奥美拉唑", "雷贝拉唑",
                            "多潘立酮", "蒙脱石", "布洛芬", "对乙酰氨基酚", "塞来昔布", "氨溴索", "孟鲁司特", "沙丁胺醇", "布地奈德",
                            "氯雷他定", "西替利嗪", "甲钴胺", "维生素B1", "叶酸", "碳酸钙", "胰岛素", "甘精胰岛素", "利伐沙班",
                            "华法林", "地高辛", "呋塞米", "螺内酯", "左甲状腺素", "泼尼松", "地塞米松", "阿昔洛韦", "奥司他韦",
                            "板蓝根", "连花清瘟", "复方丹参", "银杏叶", "六味地黄"]
    static let drugForms = ["片", "胶囊", "缓释片", "颗粒", "注射液", "口服溶液", "分散片", "肠溶片", "丸", "软膏"]
    static let services = ["诊查费", "血常规", "尿常规", "肝功能", "肾功能", "血脂", "血糖测定", "心电图", "B超检查", "X线摄片", "CT平扫",
                           "磁共振", "胃镜检查", "肠镜检查", "静脉输液", "肌肉注射", "换药", "清创缝合", "针灸", "推拿", "康复训练",
                           "血液透析", "护理", "麻醉", "手术"]
    /// Bed-days (`kind` bed, billed with the days as count): fixed, as a city's few room types are.
    static let beds: [(name: String, listClass: ListClass, yuan: Int64)] = [
        ("普通病房床位费（三人间）", .classA, 40), ("普通病房床位费（双人间）", .classA, 60), ("重症监护病房床位费", .classA, 150),
        ("单人间病房床位费", .classB, 120), ("特需病房床位费", .classC, 400),
    ]
    static let consumables = ["注射器", "输液器", "导尿管", "医用敷料", "缝合线", "留置针", "吻合器", "骨科钢板", "人工晶体", "心脏支架"]
    /// Grades with their share (per mille) of the institutions and what they are.
    static let grades: [(grade: String, kind: String, perMille: Int, name: (String, String))] = [
        ("3A", "hospital", 30, ("市第", "医院")), ("3B", "hospital", 30, ("区第", "人民医院")), ("3", "hospital", 40, ("第", "专科医院")),
        ("2", "hospital", 150, ("第", "中心医院")), ("1", "clinic", 450, ("第", "社区卫生服务中心")), ("none", "pharmacy", 300, ("第", "大药房")),
    ]

    public init(region: RegionCode, institutions count: Int, seed: UInt64) {
        // A generator of its own, so the population does not change when the catalogue does.
        var rng = SeededGenerator(seed: seed ^ 0x5EED_CA7A_1067_0E5D)
        var institutions: [Institution] = []
        for index in 0..<max(0, count) {
            // The first six cover every grade; the rest follow the shares.
            var roll = Int.random(in: 0..<1_000, using: &rng)
            let grade = index < Self.grades.count ? Self.grades[index] : Self.grades.first { roll -= $0.perMille; return roll < 0 } ?? Self.grades[0]
            let prefix = grade.kind == "pharmacy" ? "P" : "H"
            // 9xxxx: clear of the hand-written demo institutions (00001…).
            let serial = String(90_000 + index)
            institutions.append(Institution(code: prefix + region.value + serial,
                                            name: "合成" + grade.name.0 + String(index + 1) + grade.name.1,
                                            kind: grade.kind, grade: grade.grade))
        }
        var items: [Item] = []
        for shape in Self.catalogueShape {
            for index in 0..<shape.count {
                let roll = Int.random(in: 0..<1_000, using: &rng)
                let listClass: ListClass = roll < shape.classA ? .classA : roll < shape.classA + shape.classB ? .classB : .classC
                // Squared uniform draw: most items are cheap, a few expensive.
                let u = Double.random(in: 0..<1, using: &rng)
                let ceilingFen = max(100, Int64(u * u * Double(shape.maxYuan) * 100))
                let ceiling: Money? = listClass == .classC && Int.random(in: 0..<2, using: &rng) == 0 ? nil : Money(fen: ceilingFen)
                let restricted = listClass == .classB ? Int.random(in: 0..<20, using: &rng) : 99
                let minGrade: String? = restricted == 0 ? "3" : restricted == 1 ? "2" : nil
                let serial = String(index + 1)
                let padded = String(repeating: "0", count: max(0, 6 - serial.count)) + serial
                let code: String, name: String
                switch shape.kind {
                case "drug":
                    let stem = Self.drugStems[index % Self.drugStems.count]
                    let form = Self.drugForms[(index / Self.drugStems.count) % Self.drugForms.count]
                    // 23 characters like the national drug code; `S9` marks synthetic entries.
                    code = (index % 5 == 0 ? "Z" : "X") + "S9" + padded + "A001010100" + String(padded.suffix(4))
                    name = stem + form + (index >= Self.drugStems.count * Self.drugForms.count ? "（规格\(index / (Self.drugStems.count * Self.drugForms.count) + 1)）" : "")
                case "service":
                    code = "9" + String(repeating: "0", count: 8 - serial.count) + serial
                    name = Self.services[index % Self.services.count] + "（\(index / Self.services.count + 1)类）"
                default:
                    code = "CS9" + String(repeating: "0", count: 17 - serial.count) + serial
                    name = Self.consumables[index % Self.consumables.count] + "（型号\(index / Self.consumables.count + 1)）"
                }
                items.append(Item(code: code, name: name, kind: shape.kind, listClass: listClass, ceiling: ceiling, minGrade: minGrade))
            }
        }
        // Bed codes 912010001…: clear of the generated services (900000001…).
        items += Self.beds.enumerated().map { index, bed in
            Item(code: "91201000\(index + 1)", name: bed.name, kind: "bed", listClass: bed.listClass, ceiling: Money(yuan: bed.yuan),
                 minGrade: nil)
        }
        self.institutions = institutions
        self.items = items
    }

    /// What an institution declares: tertiary hospitals everything, secondary everything not reserved to
    /// grade 3 (both with the beds), community centres the unrestricted drugs and the first 300 services, pharmacies the
    /// unrestricted drugs. Primary care and pharmacies stock two thirds of the drugs (by a fixed rotation).
    public func declared(by institution: Institution, index: Int) -> [Item] {
        switch institution.grade {
        case "3A", "3B", "3": return items
        case "2": return items.filter { $0.minGrade != "3" }
        default:
            var serviceIndex = 0
            return items.enumerated().filter { position, item in
                switch item.kind {
                case "drug": return item.minGrade == nil && (position + index) % 3 != 0
                case "service" where institution.kind == "clinic":
                    serviceIndex += 1
                    return item.minGrade == nil && serviceIndex <= 300
                default: return false
                }
            }.map(\.element)
        }
    }
}
