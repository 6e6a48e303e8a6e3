import AssayCore
import Foundation

extension MonthlyReport {
    /// `tenths` as `12.5%`.
    public static func percent(_ tenths: Int) -> String { "\(tenths / 10).\(tenths % 10)%" }

    private func inReview(_ figures: Figures) -> Int {
        figures.institutions - figures.basic
    }

    /// A terminal table, then the institutions not yet at basic standard; the moment shown by
    /// `time`.
    public func text(showing time: TimeDisplay = TimeDisplay()) -> String {
        var lines = ["monthly report as of \(time.show(at)) · targets \(targets): basic \(goals.basicShare)%, recommended \(goals.recommendedShare)%, \(goals.newCommunityHospitals) new community hospitals",
                     "region                      institutions  basic            recommended        community hospitals  overdue"]
        for figures in regions {
            let name = "\(figures.code) \(figures.name)" + (figures.level == "county" ? "" : " (\(figures.level))")
            lines.append(name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(figures.institutions).leftPadded(12) + "  "
                + "\(figures.basic) (\(Self.percent(figures.tenths(figures.basic))))".padding(toLength: 17, withPad: " ", startingAt: 0)
                + "\(figures.recommended) (\(Self.percent(figures.tenths(figures.recommended))))".padding(toLength: 19, withPad: " ", startingAt: 0)
                + String(figures.communityHospitals).padding(toLength: 21, withPad: " ", startingAt: 0)
                + String(figures.overdue))
        }
        let counties = regions.filter { $0.level == "county" }
        let waiting = counties.flatMap(\.notYetBasic)
        lines.append("")
        lines.append("institutions not yet at basic standard: \(waiting.count)")
        for county in counties where !county.notYetBasic.isEmpty {
            lines.append("  \(county.code) \(county.name): " + county.notYetBasic.joined(separator: "、"))
        }
        return lines.joined(separator: "\n")
    }

    /// One row per region.
    public var csv: String {
        var rows = ["code,name,level,institutions,basic,recommended,community_hospitals,overdue,basic_share,recommended_share,not_yet_basic"]
        for figures in regions {
            rows.append([figures.code, figures.name, figures.level, "\(figures.institutions)", "\(figures.basic)", "\(figures.recommended)",
                         "\(figures.communityHospitals)", "\(figures.overdue)", Self.percent(figures.tenths(figures.basic)),
                         Self.percent(figures.tenths(figures.recommended)), "\"\(figures.notYetBasic.joined(separator: ";"))\""].joined(separator: ","))
        }
        return rows.joined(separator: "\n")
    }

    /// The counties' shares at the basic (blue) and recommended (orange) standard as horizontal
    /// bars against the targets (dashed): 340 units wide, so at a phone's 360-px width it is
    /// drawn at its own size and its 13-unit labels read at 13 px.
    public var chart: String {
        let counties = regions.filter { $0.level == "county" }
        let width = 340, left = 8, barWidth = width - 2 * left, row = 46, top = 20
        let height = top + counties.count * row + 8
        func x(_ tenths: Int) -> Int { left + tenths * barWidth / 1000 }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"basic and recommended shares by county\" font-family=\"'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif\">"
        for tick in stride(from: 0, through: 100, by: 25) {
            svg += "<line x1=\"\(x(tick * 10))\" x2=\"\(x(tick * 10))\" y1=\"\(top - 4)\" y2=\"\(height - 8)\" stroke=\"#ddd\"/><text x=\"\(min(x(tick * 10), width - 34))\" y=\"12\" font-size=\"12\">\(tick)%</text>"
        }
        for (index, county) in counties.enumerated() {
            let y = top + index * row
            let basic = county.tenths(county.basic), recommended = county.tenths(county.recommended)
            svg += "<text x=\"\(left)\" y=\"\(y + 13)\" font-size=\"13\">\(Self.escape(county.name)) \(Self.percent(basic)) / \(Self.percent(recommended))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 18)\" width=\"\(x(basic) - left)\" height=\"10\" fill=\"#3b7dd8\"><title>\(Self.escape(county.name)) basic \(Self.percent(basic))</title></rect>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 30)\" width=\"\(x(recommended) - left)\" height=\"10\" fill=\"#e08a1e\"><title>\(Self.escape(county.name)) recommended \(Self.percent(recommended))</title></rect>"
        }
        for (share, color, label) in [(goals.basicShare, "#3b7dd8", "basic target"), (goals.recommendedShare, "#e08a1e", "recommended target")] {
            svg += "<line x1=\"\(x(share * 10))\" x2=\"\(x(share * 10))\" y1=\"\(top - 4)\" y2=\"\(height - 8)\" stroke=\"\(color)\" stroke-dasharray=\"6 4\" stroke-width=\"2\"><title>\(label) \(share)%</title></line>"
        }
        return svg + "</svg>"
    }

    /// A self-contained page: the chart, then the table.
    public func html(showing time: TimeDisplay = TimeDisplay()) -> String {
        let counties = regions.filter { $0.level == "county" }
        let svg = chart
        let rows = regions.map { figures in
            "<tr><td>\(figures.code)</td><td>\(Self.escape(figures.name))</td><td>\(figures.level)</td><td>\(figures.institutions)</td><td>\(figures.basic) (\(Self.percent(figures.tenths(figures.basic))))</td><td>\(figures.recommended) (\(Self.percent(figures.tenths(figures.recommended))))</td><td>\(figures.communityHospitals)</td><td>\(figures.overdue)</td></tr>"
        }.joined(separator: "\n")
        let waiting = counties.flatMap(\.notYetBasic).map { "<li>\(Self.escape($0))</li>" }.joined()
        return """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>月报 · Monthly report \(time.show(at))</title>
            <style>body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:nth-child(2),td:nth-child(3){text-align:left}</style></head>
            <body><h1>月报 · Monthly report</h1>
            <p>As of \(time.show(at)) · targets \(Self.escape(targets)): basic \(goals.basicShare)%, recommended \(goals.recommendedShare)%, \(goals.newCommunityHospitals) new community hospitals. Blue: share at basic standard; orange: at recommended standard; dashed lines: the targets. Each county's label gives both shares.</p>
            \(svg)
            <table><tr><th>code</th><th>region</th><th>level</th><th>institutions</th><th>basic</th><th>recommended</th><th>community hospitals</th><th>overdue</th></tr>
            \(rows)
            </table>
            <h2>Not yet at basic standard</h2><ul>\(waiting)</ul>
            </body></html>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
