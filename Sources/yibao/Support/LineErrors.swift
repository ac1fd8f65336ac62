import YibaoStore

extension CatalogueCSV.LineError {
    /// One problem of an imported file as a clerk reads it: line, field, Chinese then English.
    var printed: String { "✗ 第 \(line) 行 / line \(line) [\(field)]: \(message) / \(messageEn)" }
}
