import YibaoCore

/// Reads a catalogue CSV (UTF-8, header line, comma-separated, double quotes around fields holding
/// commas). Columns, by header name, in any order:
/// `med_list_codg,insutype,name,kind,chrgitm_lv,pric_uplmt_amt,lmt_sex,lmt_age_min,lmt_age_max,lmt_indication,min_hosp_lv,begndate,enddate`
/// (the last seven may be empty or left out). Every line is checked and every problem reported with
/// its line number, so an analyst fixes the file once rather than error by error.
public enum CatalogueCSV {
    public struct LineError: Sendable, Equatable, Codable {
        public var line: Int
        public var field: String
        public var message: String
        public var messageEn: String

        enum CodingKeys: String, CodingKey { case line, field, message, messageEn = "message_en" }
    }

    public struct Parsed: Sendable {
        public var items: [CatalogueItem]
        public var errors: [LineError]
    }

    static let required = ["med_list_codg", "insutype", "name", "kind", "chrgitm_lv", "begndate"]

    public static func parse(_ text: String, region: String) -> Parsed {
        var items: [CatalogueItem] = []
        var errors: [LineError] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let headerLine = lines.first else {
            return Parsed(items: [], errors: [LineError(line: 1, field: "", message: "文件为空", messageEn: "the file is empty")])
        }
        let header = fields(String(headerLine)).map { $0.trimmingSpaces.lowercased() }
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            return Parsed(items: [], errors: [LineError(line: 1, field: missing.joined(separator: ","),
                                                        message: "表头缺少列：\(missing.joined(separator: "、"))",
                                                        messageEn: "the header lacks the columns \(missing.joined(separator: ", "))")])
        }
        var seen: [String: Int] = [:]
        for (index, raw) in lines.enumerated().dropFirst() {
            let number = index + 1
            let line = String(raw).trimmingSpaces
            if line.isEmpty { continue }
            let values = fields(String(raw))
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() where i < values.count { row[name] = values[i].trimmingSpaces }
            var lineErrors: [LineError] = []
            func fail(_ field: String, _ zh: String, _ en: String) {
                lineErrors.append(LineError(line: number, field: field, message: zh, messageEn: en))
            }
            func value(_ name: String) -> String? { row[name].flatMap { $0.isEmpty ? nil : $0 } }
            for name in required where value(name) == nil { fail(name, "\(name) 不能为空", "\(name) is empty") }
            let code = value("med_list_codg") ?? ""
            if !code.isEmpty, !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
                fail("med_list_codg", "医保目录编码只能含字母、数字、- 和 .：“\(code)”", "med_list_codg may hold only letters, digits, - and .: \"\(code)\"")
            }
            let insutype = value("insutype") ?? ""
            if !insutype.isEmpty, Insutype(rawValue: insutype) == nil {
                fail("insutype", "险种代码无效：“\(insutype)”", "unknown insutype \"\(insutype)\"")
            }
            let kind = value("kind").flatMap(CatalogueItem.Kind.init(rawValue:))
            if value("kind") != nil, kind == nil {
                fail("kind", "类别须为 \(CatalogueItem.Kind.allCases.map(\.rawValue).joined(separator: "/"))：“\(row["kind"] ?? "")”",
                     "kind must be one of \(CatalogueItem.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let listClass: ListClass? = switch value("chrgitm_lv") {
            case "01", "1", "甲": .classA
            case "02", "2", "乙": .classB
            case "03", "3", "丙": .classC
            default: nil
            }
            if value("chrgitm_lv") != nil, listClass == nil {
                fail("chrgitm_lv", "收费项目等级须为 01/02/03：“\(row["chrgitm_lv"] ?? "")”", "chrgitm_lv must be 01, 02 or 03")
            }
            var ceiling: Money?
            if let text = value("pric_uplmt_amt") {
                do { ceiling = try Money.parseNonNegative(text) } catch {
                    fail("pric_uplmt_amt", "最高限价无效：\(error.message)", "price ceiling invalid: \(error.messageEn)")
                }
            }
            var sex: Sex?
            if let text = value("lmt_sex") {
                switch text {
                case "1", "男", "male": sex = .male
                case "2", "女", "female": sex = .female
                default: fail("lmt_sex", "限定性别须为 1（男）或 2（女）：“\(text)”", "lmt_sex must be 1 (male) or 2 (female)")
                }
            }
            func age(_ name: String) -> Int? {
                guard let text = value(name) else { return nil }
                guard let n = Int(text), (0...150).contains(n) else {
                    fail(name, "年龄须为 0–150 的整数：“\(text)”", "\(name) must be a whole number 0-150"); return nil
                }
                return n
            }
            let minAge = age("lmt_age_min"), maxAge = age("lmt_age_max")
            if let minAge, let maxAge, minAge > maxAge {
                fail("lmt_age_max", "年龄上限小于下限", "lmt_age_max is below lmt_age_min")
            }
            let minGrade = value("min_hosp_lv")
            if let minGrade, !["1", "2", "3"].contains(minGrade) {
                fail("min_hosp_lv", "最低医院等级须为 1/2/3：“\(minGrade)”", "min_hosp_lv must be 1, 2 or 3")
            }
            func date(_ name: String) -> LocalDate? {
                guard let text = value(name) else { return nil }
                do { return try LocalDate.parse(text) } catch {
                    fail(name, error.message, error.messageEn); return nil
                }
            }
            let begin = date("begndate"), end = date("enddate")
            if let begin, let end, end < begin { fail("enddate", "终止日期早于开始日期", "enddate is before begndate") }
            let key = code + "|" + insutype
            if !code.isEmpty, let first = seen[key] {
                fail("med_list_codg", "编码 \(code)（险种 \(insutype)）与第 \(first) 行重复", "code \(code) for insutype \(insutype) repeats line \(first)")
            } else if !code.isEmpty {
                seen[key] = number
            }
            if lineErrors.isEmpty, let kind, let listClass, let begin {
                items.append(CatalogueItem(admdvs: region, code: code, insutype: insutype, name: value("name") ?? "", kind: kind,
                                           listClass: listClass, priceCeiling: ceiling, sex: sex, minAge: minAge, maxAge: maxAge,
                                           indication: value("lmt_indication") ?? "", minGrade: minGrade, begndate: begin, enddate: end))
            }
            errors += lineErrors
        }
        return Parsed(items: items, errors: errors)
    }

    /// A CSV file's data lines as (line number, column name → trimmed value), blank lines skipped, or
    /// the header's problem (line 1) when a `required` column is missing. Column names are lower-cased.
    static func table(_ text: String, required: [String]) -> (rows: [(line: Int, values: [String: String])], headerError: LineError?) {
        // Spreadsheets often save UTF-8 with a byte-order mark before the header.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let header = lines.first.map { fields(String($0)).map { $0.trimmingSpaces.lowercased() } } ?? []
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], LineError(line: 1, field: missing.joined(separator: ","), message: "表头缺少列：\(missing.joined(separator: "、"))",
                                  messageEn: "the header lacks the columns \(missing.joined(separator: ", "))"))
        }
        var rows: [(line: Int, values: [String: String])] = []
        for (index, raw) in lines.enumerated().dropFirst() where !String(raw).trimmingSpaces.isEmpty {
            var row: [String: String] = [:]
            for (i, value) in fields(String(raw)).enumerated() where i < header.count { row[header[i]] = value.trimmingSpaces }
            rows.append((index + 1, row))
        }
        return (rows, nil)
    }

    /// Splits one CSV line; `""` inside quotes is a quote.
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(current); current = ""
            } else if c != "\r" {
                current.append(c)
            }
        }
        out.append(current)
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
