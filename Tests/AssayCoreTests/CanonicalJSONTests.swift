import AssayTestSupport
import AssayCore
import Foundation
import AssayDemo
import Testing

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    struct Sample: Encodable {
        var zeta = 1
        var alpha = "\t多行\n文本 \"引号\" \\ \u{01}\r"
        var missing: String? = nil
        var list = [true, false]
        var nested = ["b": -2, "a": 3]
    }

    @Test("keys are sorted, whitespace is absent, nil is left out, and text is kept exactly, escaped where JSON needs it")
    func canonicalForm() throws {
        let json = String(decoding: try CanonicalJSON.encode(Sample()), as: UTF8.self)
        #expect(json == #"{"alpha":"\t多行\n文本 \"引号\" \\ \u0001\r","list":[true,false],"nested":{"a":3,"b":-2},"zeta":1}"#)
    }

    @Test("floating-point numbers are refused, naming where")
    func floatsAreRefused() {
        struct Score: Encodable { var score = 0.5 }
        struct Sheet: Encodable { var scores = [Score()] }
        let written = #expect(throws: CanonicalEncodingError.self) { try CanonicalJSON.encode(Sheet()) }
        #expect(written?.path == ".scores[0].score")
        let recorded = #expect(throws: CanonicalEncodingError.self) { try RecordValue(encoding: Sheet()) }
        #expect(recorded?.path == ".scores[0].score")
    }

    @Test("events encode the same bytes every time")
    func eventsAreStable() throws {
        let institution = Institution(id: "410821-001", name: "云台山镇卫生院", region: RegionCode("410821")!)
        let opened = CaseOpened(flowID: "basic-standard", definitionHash: DefinitionHash(hex: "ab"), institution: institution,
                                actor: Actor(id: "staff", role: "institution", jurisdiction: .institution("410821-001")), stage: "application")
        let event = Event(subject: "c1", sequence: 1, at: Timestamp(milliseconds: 1_646_096_400_000), body: .opened(opened))
        let json = String(decoding: try CanonicalJSON.encode(event), as: UTF8.self)
        #expect(json == #"{"at":1646096400000,"case":"c1","data":{"actor":{"id":"staff","jurisdiction":"institution:410821-001","role":"institution"},"definition":"ab","flow":"basic-standard","institution":{"id":"410821-001","name":"云台山镇卫生院","region":"410821"},"stage":"application"},"kind":"case-opened","sequence":1}"#)
    }

    static let event: Event = {
        let institution = Institution(id: "410821-001", name: "云台山镇卫生院", region: RegionCode("410821")!)
        let actor = Actor(id: "expert\"1\"", role: "county-expert", jurisdiction: .region(RegionCode("410821")!))
        return Event(subject: "c1", sequence: 2, at: Timestamp(milliseconds: 1_646_096_400_000), body: .actionTaken(ActionTaken(
            action: "initial-pass", from: "initial-review", to: "city-referral", actor: actor, trigger: .actor,
            inputs: ["decision": "pass", "opinion": "多行\n文本\t\u{01}\\"], guards: [GuardResult(name: "decision-is-pass", verdict: .pass("ok"))])))
    }()

    @Test("the direct writer produces the canonical encoder's bytes, for every event of the demo")
    func writerMatchesEncoder() async throws {
        #expect(Self.event.canonicalBytes == (try CanonicalJSON.encode(Self.event)))
        let store = InMemoryEventStore()
        let engine = Engine(library: FlowLibrary(try Fixtures.realFlows().map(\.definition)), plugins: try ChecklistReviews.host(), store: store)
        _ = try await DemoScenario(engine: engine).run()
        for entry in store.entries(from: 1, limit: .max) {
            let event = try entry.event()
            #expect(event.canonicalBytes == (try CanonicalJSON.encode(event)))
            #expect(entry.body == event.canonicalBytes)
            // What verification reads of it, without parsing the data, agrees with the whole.
            let header = try EventHeader(canonical: entry.body)
            #expect((header.subject, header.sequence) == (event.subject, event.sequence))
            if case .opened(let opened) = event.body { #expect(header.definitionHash == opened.definitionHash) } else { #expect(header.definitionHash == nil) }
        }
    }

    @Test("the envelope is read past data holding brackets, quotes and escapes in strings; a body cut short or with bytes after it is refused")
    func headerSkipsData() throws {
        let tricky = Event(subject: Subject(kind: "expert", id: "e"), sequence: 2, at: Timestamp(milliseconds: 1),
                           body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system,
                                                        value: .object(["a": .string("}]\"{[\\"), "b": .array([.object(["c": .string("\"kind\":\"x\"")])])]))))
        let header = try EventHeader(canonical: tricky.canonicalBytes)
        #expect((header.subject, header.sequence, header.kind) == (tricky.subject, 2, "record"))
        let body = tricky.canonicalBytes
        #expect(throws: CanonicalReader.Failure.self) { try EventHeader(canonical: Array(body.dropLast(30))) }
        #expect(throws: CanonicalReader.Failure.self) { try EventHeader(canonical: body + Array(" ".utf8)) }

        // Data whose own members are named `kind`, after a comma too: the envelope's kind is the last.
        let kinds = Event(subject: CaseID("track/c1"), sequence: 7, at: Timestamp(milliseconds: 1),
                          body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system,
                                                       value: .object(["a": .integer(1), "kind": .string("action-taken"), "z": .object(["b": .null, "kind": .string("x")])]))))
        let read = try EventHeader(canonical: kinds.canonicalBytes)
        #expect((read.subject, read.sequence, read.kind) == (kinds.subject, 7, "record"))
        #expect(String(decoding: kinds.canonicalBytes, as: UTF8.self).contains(#","kind":"action-taken""#))
        // The data must close where the envelope's kind begins.
        let unclosed = String(decoding: kinds.canonicalBytes, as: UTF8.self).replacingOccurrences(of: #"}},"kind":"record""#, with: #"}],"kind":"record""#)
        #expect(throws: CanonicalReader.Failure.self) { try EventHeader(canonical: Array(unclosed.utf8)) }
        let kindless = String(decoding: kinds.canonicalBytes, as: UTF8.self).replacingOccurrences(of: #"}},"kind":"record""#, with: #"}},"kinds":"record""#)
        #expect(throws: CanonicalReader.Failure.self) { try EventHeader(canonical: Array(kindless.utf8)) }
    }

    @Test("reading with the subject a store indexes an event under gives the body's subject, whether the two agree or not")
    func indexedSubject() throws {
        let quoted = Event(subject: Subject(kind: "expert", id: "say \"hi\"\\"), sequence: 1, at: Timestamp(milliseconds: 1),
                           body: .recorded(PluginRecord(plugin: "p", type: "t", by: .system, value: .object([:]))))
        for event in [Self.event, Self.record, quoted] {
            let body = event.canonicalBytes
            // The same subject, one its prefix, one it is a prefix of, another: each read as the body names it.
            for indexed in [event.subject, Subject(String(event.subject.value.dropLast())), Subject(event.subject.value + "0"), Subject(kind: "expert", id: "other")] {
                #expect(try EventHeader(canonical: body, indexedAs: indexed).subject == event.subject)
                #expect(try Event(canonical: body, indexedAs: indexed) == event)
            }
        }
        // Bytes written with an escape are read as the escape says, even where they spell the text given.
        var reader = CanonicalReader(Array(#""a\"b""#.utf8))
        #expect(try reader.string(sameAs: #"a\"b"#) == "a\"b")
        try reader.finish()
    }

    /// A plugin's record about an expert, a subject that is not a case.
    static let record = Event(subject: Subject(kind: "expert", id: "county-expert-1@410883"), sequence: 3, at: Timestamp(milliseconds: 1_646_096_400_000),
                              body: .recorded(PluginRecord(plugin: "conflicts", type: "declared", by: Actor(id: "county-expert-1@410883", role: "county-expert", jurisdiction: .region(RegionCode("410883")!)),
                                                           value: .object(["institution": .string("410883-002"), "reason": .string("亲属\n任职"), "since": .integer(-2022),
                                                                           "ties": .array([.bool(true), .null, .object([:])])]))))

    @Test("a plugin's record about another subject has one canonical form, decoded back to itself")
    func recordsAboutOtherSubjects() throws {
        let json = String(decoding: Self.record.canonicalBytes, as: UTF8.self)
        #expect(json == #"{"at":1646096400000,"data":{"by":{"id":"county-expert-1@410883","jurisdiction":"region:410883","role":"county-expert"},"plugin":"conflicts","type":"declared","value":{"institution":"410883-002","reason":"亲属\n任职","since":-2022,"ties":[true,null,{}]}},"kind":"record","sequence":3,"subject":"expert:county-expert-1@410883"}"#)
        #expect(try CanonicalJSON.encode(Self.record) == Self.record.canonicalBytes)
        #expect(try Event(canonical: Self.record.canonicalBytes) == Self.record)
        #expect(try JSONDecoder().decode(Event.self, from: Data(Self.record.canonicalBytes)) == Self.record)
        // A subject that is not a case is never written under "case", nor a case under "subject".
        let disguised = json.replacingOccurrences(of: "\"data\"", with: "\"case\":\"expert:x\",\"data\"")
            .replacingOccurrences(of: ",\"subject\":\"expert:county-expert-1@410883\"", with: "")
        #expect(disguised != json)
        #expect(throws: CanonicalReader.Failure.self) { try Event(canonical: Array(disguised.utf8)) }
        let unordered = json.replacingOccurrences(of: "\"since\":-2022,\"ties\"", with: "\"ties\"").replacingOccurrences(of: "{}]}}", with: "{}],\"since\":-2022}}")
        #expect(unordered != json)
        #expect(throws: CanonicalReader.Failure.self) { try Event(canonical: Array(unordered.utf8)) }
    }

    @Test("an event decodes from its canonical bytes to exactly itself")
    func canonicalRoundTrip() throws {
        let bytes = try CanonicalJSON.encode(Self.event)
        #expect(try Event(canonical: bytes) == Self.event)
        #expect(try CanonicalJSON.encode(try Event(canonical: bytes)) == bytes)
    }

    @Test("any other form of the same event is refused", arguments: [
        ("whitespace", ",\"kind\"", ", \"kind\""),
        ("keys out of order", "\"at\":1646096400000,\"case\":\"c1\"", "\"case\":\"c1\",\"at\":1646096400000"),
        ("an unknown key", "\"sequence\":2}", "\"sequence\":2,\"zzz\":1}"),
        ("a leading zero", "\"sequence\":2", "\"sequence\":02"),
        ("an unneeded escape", "initial-pass", "initial\\u002dpass"),
        ("a missing key", "\"kind\":\"action-taken\",", ""),
        ("a float", "\"sequence\":2", "\"sequence\":2.0"),
    ])
    func otherFormsAreRefused(_ name: String, from: String, to: String) throws {
        let json = String(decoding: try CanonicalJSON.encode(Self.event), as: UTF8.self)
        let changed = json.replacingOccurrences(of: from, with: to)
        #expect(changed != json, "the change \(name) did not apply")
        #expect(throws: CanonicalReader.Failure.self) { try Event(canonical: Array(changed.utf8)) }
    }

    @Test("every kind of jurisdiction decodes to itself, its id or code read past its prefix", arguments: [
        Actor.Jurisdiction.institution("410821-001"), .institution(""), .institution("机构\"甲\""), .region(RegionCode("410821")!), .system,
    ])
    func jurisdictionsRoundTrip(_ jurisdiction: Actor.Jurisdiction) throws {
        var event = Self.event
        guard case .actionTaken(var taken) = event.body else { Issue.record("the sample is an action"); return }
        taken.actor.jurisdiction = jurisdiction
        event.body = .actionTaken(taken)
        #expect(try Event(canonical: try CanonicalJSON.encode(event)) == event)
    }

    @Test("a jurisdiction that is none of institution:ID, region:CODE or system is refused, naming it", arguments: [
        "region:4108", "county:410821", "institution", "systems",
    ])
    func unknownJurisdictionsAreRefused(_ text: String) throws {
        let json = String(decoding: try CanonicalJSON.encode(Self.event), as: UTF8.self)
        let changed = json.replacingOccurrences(of: "\"jurisdiction\":\"region:410821\"", with: "\"jurisdiction\":\"\(text)\"")
        #expect(changed != json)
        let failure = #expect(throws: CanonicalReader.Failure.self) { try Event(canonical: Array(changed.utf8)) }
        #expect(failure?.reason.contains(text) == true)
    }

    @Test("a string cut short or holding a raw control character is refused")
    func brokenStringsAreRefused() throws {
        let json = String(decoding: try CanonicalJSON.encode(Self.event), as: UTF8.self)
        let control = json.replacingOccurrences(of: "initial-pass", with: "initial\u{01}pass")
        #expect(control != json)
        let refused = #expect(throws: CanonicalReader.Failure.self) { try Event(canonical: Array(control.utf8)) }
        #expect(refused?.reason == "unescaped control character")
        var reader = CanonicalReader(Array(#""initial-pa"#.utf8))
        let cut = #expect(throws: CanonicalReader.Failure.self) { try reader.string() }
        #expect(cut?.reason == "unterminated string")
    }

    @Test("a key that tells one shape from another is read only when it comes next, commas included")
    func keysReadOnlyWhenNext() throws {
        var reader = CanonicalReader(Array(#"{"a":{"b":[1,2]},"c":3}"#.utf8))
        try reader.beginObject()
        let bFirst = reader.readKey(ifNext: "b")
        let aFirst = reader.readKey(ifNext: "a")
        #expect(!bFirst && aFirst)
        try reader.beginObject()
        try reader.key("b")
        try reader.beginArray()
        var items: [Int64] = []
        while try reader.nextItem() { items.append(try reader.integer()) }
        #expect(items == [1, 2])
        try reader.endObject()
        let aAgain = reader.readKey(ifNext: "a")
        #expect(!aAgain, "a key already read is not next")
        let c = reader.readKey(ifNext: "c")
        #expect(c, "after the comma")
        let three = try reader.integer()
        #expect(three == 3)
        try reader.endObject()
        try reader.finish()
    }

    @Test("objects nest 32 deep and arrays 64 at most; deeper is refused, not read")
    func nestingIsBounded() throws {
        var objects = CanonicalReader(Array(String(repeating: #"{"a":"#, count: 33).utf8))
        for _ in 1...32 {
            try objects.beginObject()
            try objects.key("a")
        }
        let tooDeep = #expect(throws: CanonicalReader.Failure.self) { try objects.beginObject() }
        #expect(tooDeep?.reason == "nested too deeply")
        #expect(tooDeep?.offset == 32 * 5 + 1)

        var arrays = CanonicalReader(Array(String(repeating: "[", count: 65).utf8))
        for _ in 1...64 { try arrays.beginArray() }
        let tooDeepArrays = #expect(throws: CanonicalReader.Failure.self) { try arrays.beginArray() }
        #expect(tooDeepArrays?.reason == "nested too deeply")
    }
}
