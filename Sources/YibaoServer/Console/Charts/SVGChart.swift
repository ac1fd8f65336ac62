import YibaoCore

/// A bar or line chart drawn on the server as SVG: axes with round tick values, a label under each
/// point and its value written on it, so it reads at a glance without JavaScript. The same points
/// give the table shown under the chart and its CSV download, so the three never disagree.
/// Colours and fonts come from the stylesheet (classes only, no inline styles).
struct SVGChart: Sendable {
    enum Kind: Sendable { case bar, line }
    /// Counts, or money in fen (shown as yuan with two decimals).
    enum Unit: Sendable { case count, money }

    struct Point: Sendable, Equatable {
        var label: String
        var value: Int64
    }

    var id: String
    var kind: Kind
    var title: String
    var labelHeader: String
    var valueHeader: String
    var unit: Unit = .count
    var points: [Point]
    var csvHref: String

    static let width = 640
    static let plotHeight = 208
    static let margin = (top: 28, right: 16, left: 72)

    func valueText(_ value: Int64) -> String {
        unit == .money ? Money(fen: value).grouped : Money(fen: value * 100).grouped.dropLast(3).description
    }

    /// Ticks at 0, step, 2·step … where step is 1, 2 or 5 × 10ⁿ and five steps reach the maximum.
    var ticks: [Int64] {
        let top = max(points.map(\.value).max() ?? 0, 1)
        var step: Int64 = 1
        search: while true {
            for factor: Int64 in [1, 2, 5] where step * factor * 5 >= top {
                step *= factor
                break search
            }
            step *= 10
        }
        let count = Int((top + step - 1) / step)
        return (0...count).map { Int64($0) * step }
    }

    /// Rough width of a label in the 11-px chart font: CJK characters are square, Latin ones narrower.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 6.2 : 11) }
    }

    var svg: String {
        let m = Self.margin
        let plotWidth = Double(Self.width - m.left - m.right)
        let plotHeight = Double(Self.plotHeight)
        let band = plotWidth / Double(max(points.count, 1))
        // Labels wider than their band are turned 40°, and the canvas grows to fit them.
        let widest = points.map { Self.textWidth($0.label) }.max() ?? 0
        let rotate = widest > band * 0.9
        let bottom = rotate ? Int(24 + widest * 0.643) : 36
        let height = m.top + Self.plotHeight + bottom
        let ticks = self.ticks
        let top = Double(ticks.last ?? 1)
        func y(_ value: Int64) -> Double { Double(m.top) + plotHeight * (1 - Double(value) / top) }
        func x(_ index: Int) -> Double { Double(m.left) + band * (Double(index) + 0.5) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-chart\" viewBox=\"0 0 \(Self.width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title\">"
        out += "<title id=\"\(id)-title\">\(Self.escape(title))</title>"
        for tick in ticks {
            let ty = Self.f(y(tick))
            out += "<line class=\"grid\" x1=\"\(m.left)\" x2=\"\(Self.width - m.right)\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            out += "<text class=\"tick\" x=\"\(m.left - 6)\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(valueText(tick))</text>"
        }
        let baseline = Self.f(y(0))
        out += "<line class=\"axis\" x1=\"\(m.left)\" x2=\"\(m.left)\" y1=\"\(m.top)\" y2=\"\(baseline)\"/>"
        out += "<line class=\"axis\" x1=\"\(m.left)\" x2=\"\(Self.width - m.right)\" y1=\"\(baseline)\" y2=\"\(baseline)\"/>"
        if kind == .line, points.count > 1 {
            let path = points.indices.map { "\(Self.f(x($0))),\(Self.f(y(points[$0].value)))" }.joined(separator: " ")
            out += "<polyline class=\"series\" points=\"\(path)\"/>"
        }
        for (i, point) in points.enumerated() {
            let cx = Self.f(x(i))
            let py = y(point.value)
            switch kind {
            case .bar:
                let barWidth = min(band * 0.6, 72)
                out += "<rect class=\"bar\" x=\"\(Self.f(x(i) - barWidth / 2))\" y=\"\(Self.f(py))\" width=\"\(Self.f(barWidth))\" height=\"\(Self.f(y(0) - py))\"><title>\(Self.escape(point.label)): \(valueText(point.value))</title></rect>"
            case .line:
                out += "<circle class=\"dot\" cx=\"\(cx)\" cy=\"\(Self.f(py))\" r=\"3.5\"><title>\(Self.escape(point.label)): \(valueText(point.value))</title></circle>"
            }
            out += "<text class=\"value\" x=\"\(cx)\" y=\"\(Self.f(py - 6))\" text-anchor=\"middle\">\(valueText(point.value))</text>"
            let ly = m.top + Self.plotHeight + 16
            if rotate {
                out += "<text class=\"label\" x=\"\(cx)\" y=\"\(ly)\" text-anchor=\"end\" transform=\"rotate(-40 \(cx) \(ly))\">\(Self.escape(point.label))</text>"
            } else {
                out += "<text class=\"label\" x=\"\(cx)\" y=\"\(ly)\" text-anchor=\"middle\">\(Self.escape(point.label))</text>"
            }
        }
        return out + "</svg>"
    }

    /// The points as CSV (UTF-8 with a byte-order mark so spreadsheet programs read the Chinese
    /// headers); money as plain decimals, as the national interface writes it.
    var csv: String {
        var out = "\u{FEFF}" + Self.csvField(labelHeader) + "," + Self.csvField(valueHeader) + "\r\n"
        for point in points {
            let value = unit == .money ? Money(fen: point.value).description : String(point.value)
            out += Self.csvField(point.label) + "," + value + "\r\n"
        }
        return out
    }

    /// The values the `chart` template reads.
    var view: [String: Any] {
        ["id": id, "title": title, "svg": svg, "labelHeader": labelHeader, "valueHeader": valueHeader, "csvHref": csvHref,
         "rows": points.map { ["label": $0.label, "value": valueText($0.value)] }]
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text  // no formulas in spreadsheets
        return needsQuotes ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// One decimal place is enough on a 640-unit canvas.
    static func f(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
