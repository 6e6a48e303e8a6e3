import AssayYAML
import Testing

@Suite("Parsing YAML with libyaml")
struct YAMLParserTests {
    @Test("nodes keep the line and column they start at")
    func nodesKeepTheirPositions() throws {
        let root = try YAMLParser().parse(Array("id: x\nstages:\n  apply:\n    to: review\n".utf8), file: "flow.yaml")
        #expect(root["id"]?.mark == Mark(line: 1, column: 5))
        #expect(root["stages"]?["apply"]?["to"]?.mark == Mark(line: 4, column: 9))
        #expect(root["stages"]?["apply"]?["to"]?.scalarText == "review")
    }

    @Test("a duplicate key is an error naming both places")
    func duplicateKeysAreErrors() {
        let fixture = Fixture("duplicate-key")
        #expect {
            try YAMLParser().parse(fixture.bytes, file: "duplicate-key.yaml")
        } throws: { error in
            let error = try #require(error as? YAMLError)
            return error.reason == .duplicateKey("to", firstAt: Mark(line: 4, column: 5))
                && error.mark == Mark(line: 6, column: 5)
                && error.path == ["stages", "review"]
                && error.description.hasPrefix("duplicate-key.yaml:6:5: stages.review: duplicate key 'to'")
        }
    }

    @Test("broken indentation is a syntax error at the offending line")
    func brokenIndentationIsASyntaxError() throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser().parse(Fixture("bad-indentation").bytes, file: "bad-indentation.yaml")
        }
        guard case .syntax = error.reason else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(error.mark.line == 5)
        #expect(error.description.hasPrefix("bad-indentation.yaml:5:"))
    }

    @Test("aliases are expanded")
    func aliasesAreExpanded() throws {
        let root = try YAMLParser().parse(Array("base: &b {role: expert}\ncopy: *b\n".utf8), file: "a.yaml")
        #expect(root["copy"]?["role"]?.scalarText == "expert")
        #expect(root["copy"]?.mark == Mark(line: 2, column: 7))
    }

    @Test("an alias bomb stops at the node limit with an error that says so")
    func aliasBombsAreBounded() throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser().parse(Fixture("billion-laughs").bytes, file: "billion-laughs.yaml")
        }
        #expect(error.reason == .tooManyNodes(limit: YAMLParser.Limits().maxNodes))
        #expect(error.message.contains("alias"))
    }

    @Test("nesting beyond the depth limit is an error")
    func deepNestingIsBounded() throws {
        let text = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let parser = YAMLParser(limits: .init(maxNodes: 1000, maxDepth: 32))
        let error = try #require(throws: YAMLError.self) { try parser.parse(Array(text.utf8), file: "deep.yaml") }
        #expect(error.reason == .nestingTooDeep(limit: 32))
        #expect(error.mark == Mark(line: 1, column: 33))
    }

    @Test("an alias to an undefined anchor is an error")
    func unknownAnchorsAreErrors() throws {
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser().parse(Array("a: *missing\n".utf8), file: "a.yaml")
        }
        // libyaml itself rejects undefined aliases only when composing; the tree builder does here.
        #expect(error.reason == .unknownAnchor("missing"))
        #expect(error.mark == Mark(line: 1, column: 4))
    }

    @Test("one file holds one document", arguments: ["", "a: 1\n---\nb: 2\n", "# only a comment\n"])
    func exactlyOneDocument(text: String) throws {
        #expect(throws: YAMLError.self) { try YAMLParser().parse(Array(text.utf8), file: "docs.yaml") }
    }
}
