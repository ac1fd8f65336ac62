import Foundation

/// The policy documents shipped with Yibao (domain guide presets), with the region parameters that
/// give W for their demo years. Files live in `Policy/Presets` (a SwiftPM resource copied as `Presets`).
public enum PolicyPresets {
    public struct Preset: Sendable, Equatable {
        /// The document id inside the file.
        public let id: String
        public let file: String
        public let regionFile: String
    }

    public static let benxiResident = Preset(id: "benxi-resident-2025", file: "benxi-resident", regionFile: "benxi-region")
    public static let xiamenEmployee = Preset(id: "xiamen-employee-2025", file: "xiamen-employee", regionFile: "xiamen-region")
    public static let municipalEmployee = Preset(id: "municipal-employee-2025", file: "municipal-employee", regionFile: "municipal-region")

    public static let all: [Preset] = [benxiResident, xiamenEmployee, municipalEmployee]
    public static var ids: [String] { all.map(\.id) }

    public static func preset(id: String) -> Preset? { all.first { $0.id == id } }

    /// The loaded, validated document of a preset.
    public static func document(_ preset: Preset) throws(PolicyLoadError) -> PolicyDocument {
        try PolicyDocument.load(text: try text(preset.file), file: "Presets/\(preset.file).yaml")
    }

    /// The region parameters (W by year) matching a preset.
    public static func regionParameters(_ preset: Preset) throws(PolicyLoadError) -> RegionParameters {
        try RegionParameters.load(text: try text(preset.regionFile), file: "Presets/\(preset.regionFile).yaml")
    }

    /// Every preset document, in `all` order.
    public static func documents() throws(PolicyLoadError) -> [PolicyDocument] {
        var out: [PolicyDocument] = []
        for preset in all { out.append(try document(preset)) }
        return out
    }

    /// The raw text of a preset file.
    public static func text(_ name: String) throws(PolicyLoadError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Presets"),
              let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw PolicyLoadError(file: "Presets/\(name).yaml", issues: [
                PolicyIssue(path: "", message: "找不到内置策略文件", messageEn: "the bundled preset file is missing"),
            ])
        }
        return text
    }
}
