import AssayCore
import Foundation
import GuidanceGroups
import Testing

/// Replay reads every answer straight from its record value; it must take exactly what the
/// JSON decoder takes, so a log's verdicts do not depend on which reader ran.
@Suite("Answers read straight from record values")
struct AnswerReadingTests {
    static let sha = String(repeating: "ab", count: 32)

    @Test("the direct reader and JSONDecoder agree, accepting and refusing", arguments: [
        #"{"item":"1.1","answer":{"value":"yes","evidence":[]}}"#,
        #"{"item":"1.1","answer":{"value":"no","note":"记录缺失","evidence":[{"kind":"photo","sha256":"SHA"}]}}"#,
        #"{"item":"1.1","answer":{"value":"no","note":null,"evidence":[]},"extra":1}"#,
        #"{"item":"1.1","answer":{"value":"yes"}}"#,
        #"{"item":"1.1","answer":{"value":3,"evidence":[]}}"#,
        #"{"item":1,"answer":{"value":"yes","evidence":[]}}"#,
        #"{"answer":{"value":"yes","evidence":[]}}"#,
        #"{"item":"1.1","answer":{"value":"yes","note":7,"evidence":[]}}"#,
        #"{"item":"1.1","answer":{"value":"yes","evidence":[{"kind":"video","sha256":"SHA"}]}}"#,
        #"{"item":"1.1","answer":{"value":"yes","evidence":[{"kind":"photo"}]}}"#,
        #"{"item":"1.1","answer":"yes"}"#,
        #"["1.1"]"#,
    ])
    func agree(_ json: String) throws {
        let value = try JSONDecoder().decode(RecordValue.self, from: Data(json.replacingOccurrences(of: "SHA", with: Self.sha).utf8))
        let decoded = try? value.decode(as: ItemAnswer.self)
        let kind = try #require(GuidanceGroups().recordKinds.first { $0.name == "answer" })
        let read = try? kind.read(value).get()
        #expect((read as? ItemAnswer) == decoded, "\(json)")
    }

    @Test("a malformed answer is refused in the decoder's words, naming the field")
    func malformedWords() throws {
        let value = try JSONDecoder().decode(RecordValue.self, from: Data(#"{"item":"1.1","answer":{"value":"yes"}}"#.utf8))
        let kind = try #require(GuidanceGroups().recordKinds.first { $0.name == "answer" })
        #expect(throws: MalformedValue("the field answer.evidence is missing")) { try kind.read(value).get() }
    }
}
