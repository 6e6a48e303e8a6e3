import AssayCore
import Testing

@Suite("Flow definitions and their content hash")
struct DefinitionTests {
    let minimal = Fixtures.path("valid/minimal.yaml")

    @Test("formatting, comments and key order do not change the hash")
    func hashIgnoresFormatting() throws {
        let original = try DefinitionLoader().load(file: minimal)
        let text = try String(contentsOfFile: minimal, encoding: .utf8)
        let reformatted = "# A comment that changes nothing.\n" + text
            .replacingOccurrences(of: "title: { zh: 完成, en: Done }", with: "title:\n      en: Done\n      zh: 完成")
        let reloaded = try DefinitionLoader().load(Array(reformatted.utf8), file: "reformatted.yaml")
        #expect(reloaded.hash == original.hash)
    }

    @Test("any change of meaning changes the hash")
    func hashFollowsMeaning() throws {
        let original = try DefinitionLoader().load(file: minimal)
        let text = try String(contentsOfFile: minimal, encoding: .utf8)
        for (from, to) in [("after: 30d", "after: 31d"), ("to: done", "to: review"), ("en: Done", "en: Finished")] {
            let changed = try DefinitionLoader().load(Array(text.replacingOccurrences(of: from, with: to).utf8), file: "changed.yaml")
            #expect(changed.hash != original.hash, "changing \(from) to \(to)")
        }
    }

    @Test("the hash is the SHA-256 of the canonical JSON")
    func hashIsSHA256OfCanonicalJSON() throws {
        let loaded = try DefinitionLoader().load(file: minimal)
        let json = String(decoding: try CanonicalJSON.encode(loaded.definition), as: UTF8.self)
        #expect(json.hasPrefix("{\"id\":\"minimal\",\"roles\":{\"county-expert\":{\"title\":{\"en\":\"County expert\",\"zh\":\"县级专家\"}}"))
        #expect(loaded.hash.hex.count == 64)
        #expect(loaded.hash.hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("stages and actions keep their document order")
    func documentOrderIsKept() throws {
        let definition = try DefinitionLoader().load(file: minimal).definition
        #expect(definition.stages.names == ["application", "review", "done"])
        #expect(definition.stages["review"]?.actions.names == ["approve", "expire"])
        #expect(definition.stages["review"]?.deadline == Deadline(after: .days(30), action: "expire"))
    }

    @Test("the library serves the highest version to new cases and every version by hash")
    func libraryKeepsEveryVersion() throws {
        var first = try DefinitionLoader().load(file: minimal).definition
        var second = first
        second.version = 2
        second.title.en = "Minimal flow, second edition"
        first.version = 1
        let library = FlowLibrary([second, first])
        #expect(library.current("minimal")?.definition.version == 2)
        #expect(library.definition(DefinitionHash(of: first))?.version == 1)
        #expect(library.flowIDs == ["minimal"])
    }
}
