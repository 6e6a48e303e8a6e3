@testable import AssayCore
import AssayYAML
import Foundation
import Testing

/// The loader's fast path must take exactly the definitions the node-tree `Decodable` path
/// takes, and build the same values: otherwise a file would load differently from how its
/// errors are reported, or load where it should be refused.
@Suite("Decoding definitions straight from libyaml's events")
struct FlowEventDecoderTests {
    /// What the fast path makes of `text`, and what the node-tree path makes of it.
    static func bothPaths(_ text: String, limits: YAMLParser.Limits = YAMLParser.Limits()) -> (fast: FlowDefinition?, tree: Result<FlowDefinition, YAMLError>) {
        let bytes = Array(text.utf8)
        let decoder = YAMLDecoder(parser: YAMLParser(limits: limits))
        return (FlowEventDecoder.decode(bytes, limits: limits), Result { () throws(YAMLError) in try decoder.decode(FlowDefinition.self, from: bytes, file: "flow.yaml") })
    }

    /// Every name in document order: `==` on named lists ignores order, loading must not.
    static func namesInOrder(_ definition: FlowDefinition) -> [String] {
        definition.roles.names + definition.stages.flatMap { stage in
            [stage.name] + stage.actions.flatMap { action in [action.name] + action.inputs.names }
        }
    }

    static func agree(_ text: String, _ comment: Comment) {
        let (fast, tree) = bothPaths(text)
        switch tree {
        case .success(let definition):
            // Compared outside `#expect`, which would print both whole definitions.
            let same = fast == definition && fast.map(namesInOrder) == namesInOrder(definition)
            #expect(same, "\(comment): the fast path decoded \(fast == nil ? "nothing" : "another definition")")
        case .failure(let error):
            let taken = fast != nil
            #expect(!taken, "\(comment): the tree refuses it (\(error)) but the fast path took it")
        }
    }

    static func realFlows() throws -> [String] {
        try DefinitionLoader.yamlFiles(in: [Fixtures.workflows]).map { try String(contentsOfFile: $0, encoding: .utf8) }
            + [try String(contentsOfFile: Fixtures.path("valid/minimal.yaml"), encoding: .utf8)]
    }

    @Test("the real flows take the fast path and decode to what the node tree decodes")
    func realFlowsAgree() throws {
        for text in try Self.realFlows() {
            let (fast, tree) = Self.bothPaths(text)
            let definition = try tree.get()
            #expect(fast == definition)
            #expect(fast.map(Self.namesInOrder) == Self.namesInOrder(definition))
        }
    }

    @Test("with any one line removed, doubled or given another value, both paths agree")
    func mutatedFlowsAgree() throws {
        let text = try String(contentsOfFile: Fixtures.workflows + "/basic-standard.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let values = ["", "~", "null", "NULL", "'null'", "[x]", "{}", "'5'", "5", "+5", "true", "True", "yes", "'true'",
                      "county", "town", "text", "choice", "15d", "0d", "3651d", "{ zh: 甲, en: A }", "{ zh: 甲 }", "[[x]]"]
        var accepted = 0
        for index in lines.indices {
            var removed = lines
            removed.remove(at: index)
            Self.agree(removed.joined(separator: "\n"), "line \(index + 1) removed")
            var doubled = lines
            doubled.insert(lines[index], at: index)
            Self.agree(doubled.joined(separator: "\n"), "line \(index + 1) doubled")
            guard let colon = lines[index].range(of: ": "), !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("#") else { continue }
            for value in values {
                var changed = lines
                changed[index] = String(lines[index][..<colon.upperBound]) + value
                let variant = changed.joined(separator: "\n")
                Self.agree(variant, "line \(index + 1) given \(value)")
                if Self.bothPaths(variant).fast != nil { accepted += 1 }
            }
        }
        #expect(accepted > 100, "the fast path should take the variants that are still valid flows")
    }

    @Test("anchors are taken; aliases, second documents and empty files are left to the node tree")
    func declinedShapes() throws {
        let text = try String(contentsOfFile: Fixtures.path("valid/minimal.yaml"), encoding: .utf8)
        let anchored = text.replacingOccurrences(of: "title: { zh: 过期, en: Expire }", with: "title: &expire { zh: 过期, en: Expire }")
        #expect(anchored != text)
        #expect(Self.bothPaths(anchored).fast != nil)
        let aliased = anchored.replacingOccurrences(of: "title: { zh: 完成, en: Done }", with: "title: *expire")
        #expect(aliased != anchored)
        #expect(Self.bothPaths(aliased).fast == nil)
        #expect(throws: Never.self) { try Self.bothPaths(aliased).tree.get() }
        #expect(Self.bothPaths(text + "---\nid: other\n").fast == nil)
        #expect(Self.bothPaths("").fast == nil)
        #expect(Self.bothPaths("# only a comment\n").fast == nil)
    }

    @Test("the parser's limits bind the fast path too")
    func limitsBind() throws {
        let text = try String(contentsOfFile: Fixtures.path("valid/minimal.yaml"), encoding: .utf8)
        for limits in [YAMLParser.Limits(maxNodes: 20), YAMLParser.Limits(maxDepth: 3)] {
            let (fast, tree) = Self.bothPaths(text, limits: limits)
            #expect(fast == nil)
            #expect(throws: YAMLError.self) { try tree.get() }
        }
        let loader = DefinitionLoader(decoder: YAMLDecoder(parser: YAMLParser(limits: YAMLParser.Limits(maxDepth: 3))))
        #expect {
            try loader.load(Array(text.utf8), file: "minimal.yaml")
        } throws: { error in
            (error as? YAMLError)?.reason == .nestingTooDeep(limit: 3)
        }
    }

    @Test("a loaded definition finds positions in its source, which it parses again only when asked")
    func positionsFromSource() throws {
        let loaded = try DefinitionLoader().load(file: Fixtures.path("valid/minimal.yaml"))
        let text = try String(contentsOfFile: Fixtures.path("valid/minimal.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let stageLine = try #require(lines.firstIndex { $0.hasPrefix("  review:") }) + 1
        #expect(loaded.keyMark(at: ["stages", "review"]) == Mark(line: stageLine, column: 3))
        #expect(loaded.mark(at: ["stages", "review", "no-such-key"]).line == stageLine + 1)
    }
}
