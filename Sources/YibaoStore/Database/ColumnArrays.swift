/// A multi-row insert as PostgreSQL takes it best: one array per column,
///
///     INSERT INTO t (a, b) SELECT * FROM unnest($1, $2)
///
/// Why: written out as `VALUES ($1, $2), ($3, $4), …` the text changes with the row count, and a
/// settlement's held writes (`CombinedStatement`) join four such inserts, so nearly every combined
/// statement was new to PostgreSQL: parsed, analysed and planned afresh, unnamed. At one client that was
/// 0.8 ms of a 2207's 1.3 ms inside PostgreSQL (its log: parse 0.44, bind 0.39, execute 0.47 ms). With
/// column arrays the text depends only on the columns, so the statement and every combination it joins is
/// prepared once per connection like a fixed text (`PostgresPreparedSession`).
///
/// SQLite keeps the `VALUES` form (it has no arrays; its statements cost microseconds to prepare).
extension StaticSQL {
    /// The column-array form of a multi-row insert, made once with the statement.
    final class ColumnArrays: Sendable {
        let statement: StaticSQL
        let columns: Int

        init(table: String, columns: [String], suffix: String) {
            let arrays = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
            statement = StaticSQL("INSERT INTO \(table) (\(columns.joined(separator: ", "))) SELECT * FROM unnest(\(arrays))"
                                  + (suffix.isEmpty ? "" : " " + suffix))
            self.columns = columns.count
        }
    }
}

extension StaticSQL.Bound {
    /// The statement as PostgreSQL should run it: a multi-row insert with its row-major values turned
    /// into one array a column, or the statement itself when it has no such form or a column cannot be
    /// an array (a nil in it, or a type postgres-nio has no array of): those go as `VALUES`, unprepared.
    var inColumnArrays: StaticSQL.Bound {
        guard let arrays = statement.columnArrays, let columns = Self.columns(of: values, width: arrays.columns) else { return self }
        return arrays.statement.bind(columns)
    }

    /// `values` (rows of `width`, one after the other) as one typed array a column.
    static func columns(of values: [any Encodable & Sendable], width: Int) -> [any Encodable & Sendable]? {
        guard width > 0, !values.isEmpty, values.count % width == 0 else { return nil }
        var columns: [any Encodable & Sendable] = []
        columns.reserveCapacity(width)
        for column in 0..<width {
            let cells = stride(from: column, to: values.count, by: width)
            guard let first = unwrapped(values[column]) else { return nil }
            let array: (any Encodable & Sendable)? = switch first {
            case is String: typed(cells, of: values, as: String.self)
            case is Int64: typed(cells, of: values, as: Int64.self)
            case is Int: typed(cells, of: values, as: Int.self)
            case is Bool: typed(cells, of: values, as: Bool.self)
            default: nil
            }
            guard let array else { return nil }
            columns.append(array)
        }
        return columns
    }

    /// The values at `cells` as `T`s; nil when one is not a `T` (or is nil).
    private static func typed<T: Encodable & Sendable>(_ cells: StrideTo<Int>, of values: [any Encodable & Sendable],
                                                      as type: T.Type) -> [T]? {
        var array: [T] = []
        for cell in cells {
            guard let value = unwrapped(values[cell]) as? T else { return nil }
            array.append(value)
        }
        return array
    }

    /// An optional's value (nil when it has none); any other value as it is.
    private static func unwrapped(_ value: any Encodable) -> (any Encodable)? {
        guard let optional = value as? any OptionalBinding else { return value }
        return optional.wrappedBinding.flatMap(unwrapped)
    }
}

/// Lets a value of unknown type be looked into when it is an `Optional`.
protocol OptionalBinding {
    var wrappedBinding: (any Encodable)? { get }
}

extension Optional: OptionalBinding where Wrapped: Encodable {
    var wrappedBinding: (any Encodable)? { self }
}
