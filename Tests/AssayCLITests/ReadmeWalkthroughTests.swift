import AssayCore
import AssayDemo
import AssayTestSupport
import Foundation
import Testing

/// The README's walkthrough "Driving a case from the shell", run as printed on a fresh store:
/// every `$ assay …` command in its order, each expected line found in order in what the
/// command printed (a line with `…` matches the parts around it; a line `…` alone skips), and a
/// command shown with an `error:` fails while the others succeed. The files a reader brings
/// (the directory, the registrations and the experts' field forms) are written as the walkthrough describes.
@Suite("The README walkthrough")
struct ReadmeWalkthroughTests {
    /// One command of the walkthrough and what the README shows it printing.
    struct Step {
        var arguments: [String]
        var expected: [String]
    }

    /// The steps of the first code block of the README's section `title`.
    static func steps(inSection title: String) throws -> [Step] {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## " + title + "\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```\n").dropFirst().first)
        var steps: [Step] = []
        var continuing = false
        for line in block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("$ ") || continuing {
                let words = (continuing ? line : String(line.dropFirst(2)))
                let command = words.components(separatedBy: "  # ")[0]
                continuing = command.hasSuffix("\\")
                let parsed = command.trimmingCharacters(in: CharacterSet(charactersIn: "\\ ")).split(separator: " ").map(String.init)
                if line.hasPrefix("$ ") {
                    steps.append(Step(arguments: parsed, expected: []))
                } else {
                    steps[steps.count - 1].arguments += parsed
                }
            } else if !line.isEmpty, !steps.isEmpty {
                steps[steps.count - 1].expected.append(line)
            }
        }
        return steps
    }

    /// Whether `expected` lines appear, in order, among `actual` lines.
    static func matches(_ expected: [String], in actual: [String]) -> (Bool, String) {
        var index = actual.startIndex
        for line in expected where line != "…" {
            let parts = line.components(separatedBy: "…").filter { !$0.isEmpty }
            guard let found = actual[index...].firstIndex(where: { candidate in
                var rest = Substring(candidate)
                for (n, part) in parts.enumerated() {
                    guard let range = rest.range(of: part), n > 0 || range.lowerBound == rest.startIndex else { return false }
                    rest = rest[range.upperBound...]
                }
                return true
            }) else { return (false, line) }
            index = actual.index(after: found)
        }
        return (true, "")
    }

    @Test("\"Driving a case from the shell\" runs as printed on a fresh store")
    func drivingACase() throws {
        let folder = try OperatorTests.emptyFolder()
        let steps = try Self.steps(inSection: "Driving a case from the shell")
        #expect(steps.count >= 10)
        let institution = try #require(Jiaozuo.institutions.first { $0.id == "410883-002" })
        #expect(try CaseCommandTests.registrations([institution], in: folder) == folder.appendingPathComponent("registrations.csv").path)
        #expect(try CaseCommandTests.directory(in: folder) == folder.appendingPathComponent("directory").path)
        var checklistHash = ""
        for step in steps {
            #expect(step.arguments.first == "assay")
            let arguments = Array(step.arguments.dropFirst())
            if arguments.starts(with: ["review", "import"]) {
                let written = try CaseCommandTests.submissions("bs/1", checklist: "community-health-service-centre", type: .communityHealthServiceCentre,
                                                               hash: checklistHash, experts: ["city-expert-1", "city-expert-2", "county-expert-2@410883"],
                                                               findings: ["2.9": ("no", "医疗废物暂存间未分类", "waste.jpg")], in: folder)
                try? FileManager.default.removeItem(at: folder.appendingPathComponent("submissions.csv"))
                try FileManager.default.moveItem(atPath: written, toPath: folder.appendingPathComponent("submissions.csv").path)
            }
            let result = try AssayCommand.run(arguments, in: folder)
            let printed = (result.output + result.errors).split(separator: "\n").map(String.init)
            if arguments.starts(with: ["review", "form"]) { checklistHash = String(printed.last?.split(separator: " ").last ?? "") }
            let fails = step.expected.contains { $0.hasPrefix("error:") }
            #expect(fails ? result.status == 1 : result.status == 0, "\(arguments.prefix(3)): \(result.errors)")
            let (matched, missing) = Self.matches(step.expected, in: printed)
            #expect(matched, "\(arguments.prefix(3)): the README's line\n\(missing)\nis not in what it printed:\n\(printed.joined(separator: "\n"))")
        }
    }
}
