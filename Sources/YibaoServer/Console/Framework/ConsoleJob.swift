import YibaoStore

/// What the console keeps of a job (`ConsoleJobs`), read back from its stored record.
struct ConsoleJob: Sendable {
    struct Text: Sendable, Codable {
        var zh: String
        var en: String
    }

    struct Field: Sendable, Codable {
        var name: String
        var value: String
    }

    /// The form post that started the job: posting it again runs the same work (the imports are checked
    /// again from the start, and a statement line already imported is not imported twice).
    struct Request: Sendable, Codable {
        var action: String
        var fields: [Field]
    }

    struct Fact: Sendable, Codable {
        var label: Text
        var value: String

        /// How the chosen file was read (nothing for pasted text).
        static func encoding(_ encoding: ImportedText.Encoding?) -> [Fact] {
            encoding.map { [Fact(label: .init(zh: "文件编码", en: "File encoding"), value: $0.rawValue)] } ?? []
        }
    }

    struct Outcome: Sendable, Codable {
        var succeeded: Bool
        var summary: Text
        var facts: [Fact] = []
        var errors: [CatalogueCSV.LineError] = []
        /// When the work stopped at bad lines: how many good ones the request with `skip_invalid=1` would import.
        var goodLines: Int? = nil
    }

    enum State: String, Sendable {
        case running, succeeded, failed
        /// Running in a server process that has since stopped: it may be run again.
        case interrupted
    }

    let record: ConsoleJobRecord
    let state: State
    let done: Int
    let total: Int
    let request: Request?
    let outcome: Outcome?

    var title: Text { Text(zh: record.titleZh, en: record.titleEn) }
}
