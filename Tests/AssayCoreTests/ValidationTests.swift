import AssayCore
import AssayTestSupport
import AssayYAML
import Foundation
import Testing

@Suite("Validating flow definitions")
struct ValidationTests {
    @Test("the real flows in Workflows/ are valid with the guidance-groups plugin, with no warnings")
    func realFlowsAreValid() throws {
        let report = WorkflowValidation(validator: Validator(plugins: try ChecklistReviews.host())).run([Fixtures.workflows])
        #expect(report.diagnostics.isEmpty, "\(report.text)")
        #expect(report.files.count == 3)
        #expect(Set(report.definitions.map(\.definition.id)) == ["basic-standard", "recommended-standard", "community-hospital"])
    }

    @Test("a stage that uses a kind of data file no plugin reads is an error at its key")
    func unknownDataFileKind() throws {
        let text = try String(contentsOfFile: Fixtures.workflows + "/basic-standard.yaml", encoding: .utf8)
            .replacingOccurrences(of: "uses: { checklist: [township", with: "uses: { checklst: [township")
        let loaded = try DefinitionLoader().load(Array(text.utf8), file: "basic-standard.yaml")
        let errors = Validator(plugins: try ChecklistReviews.host()).validate(loaded)
        // The on-site review and the recheck both use it.
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.allSatisfy { $0.message == "no loaded plugin reads data files of kind 'checklst' (did you mean 'checklist'?); kinds: checklist, prerequisites, registration-rules, integrity-rules, targets, team-rule" })
    }

    @Test("one run reports every problem of a file: duplicate keys, unknown keys, references and reachability together")
    func everyProblemInOneRun() throws {
        let text = """
            id: many
            version: 1
            title: { zh: 多处错误, en: Many mistakes }
            titel: { zh: 重复, en: again }
            roles:
              institution:
                title: { zh: 机构, en: Institution }
            start: application
            stages:
              application:
                title: { zh: 申报, en: Application }
                actions:
                  submit:
                    title: { zh: 提交, en: Submit }
                    by: { role: institution, level: institution }
                    guards: [decision-is-maybe]
                    to: done
              done:
                title: { zh: 完成, en: Done }
                terminal: true
              done:
                title: { zh: 又一个, en: Again }
                terminal: true
              orphan:
                title: { zh: 孤立, en: Orphan }
                terminal: true

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-many-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("many.yaml"))
        let report = WorkflowValidation(validator: Validator()).run([folder.path])
        let messages = report.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains { $0.contains("duplicate key 'done'") }, "\(report.text)")
        #expect(messages.contains { $0.hasPrefix("unknown key 'titel'") }, "\(report.text)")
        #expect(messages.contains { $0.contains("decision-is-maybe") }, "\(report.text)")
        #expect(messages.contains { $0.contains("stage 'orphan' cannot be reached") }, "\(report.text)")
        #expect(report.diagnostics.allSatisfy { $0.line > 1 }, "each at its line: \(report.text)")
        // Read past its errors, the definition is checked, never loaded to run.
        #expect(report.definitions.isEmpty)
    }

    /// An invalid fixture and the first error it must produce.
    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { file }
    }

    @Test("each kind of mistake is reported at its line and column", arguments: [
        Expectation(file: "dead-end.yaml", line: 35, column: 3, message: "no terminal stage can be reached from stage 'limbo'"),
        Expectation(file: "unreachable.yaml", line: 35, column: 3, message: "stage 'orphan' cannot be reached from the start stage 'application'"),
        Expectation(file: "unknown-target.yaml", line: 17, column: 13, message: "action 'submit' leads to stage 'reveiw', which is not defined (did you mean 'review'?)"),
        Expectation(file: "duplicate-key.yaml", line: 18, column: 9, message: "stages.application.actions.submit: duplicate key 'by' (first defined at line 16, column 9)"),
        Expectation(file: "broken-indentation.yaml", line: 20, column: 4, message: "YAML syntax error: did not find expected key"),
        Expectation(file: "deadline-without-action.yaml", line: 20, column: 15, message: "the deadline of stage 'review' names no action"),
        Expectation(file: "unknown-guard.yaml", line: 25, column: 18, message: "no loaded plugin provides guard 'decision-is-pas' (did you mean 'decision-is-pass'?)"),
        Expectation(file: "unknown-role.yaml", line: 24, column: 21, message: "role 'county-experts' is not declared under 'roles' (did you mean 'county-expert'?)"),
        Expectation(file: "duplicate-action.yaml", line: 32, column: 7, message: "action 'submit' is also defined in stage 'application'"),
        Expectation(file: "bad-duration.yaml", line: 20, column: 24, message: "stages.review.deadline.after: 'a month' is not a duration"),
        // Found by fuzzing: this once overflowed and crashed `assay validate`.
        Expectation(file: "overflowing-deadline.yaml", line: 20, column: 24, message: "stages.review.deadline.after: '999999999999999d' is not a duration; write a positive whole number of days or hours of at most ten years"),
        Expectation(file: "deadline-over-ten-years.yaml", line: 20, column: 24, message: "stages.review.deadline.after: '3651d' is not a duration"),
        Expectation(file: "unknown-key.yaml", line: 34, column: 5, message: "stages.done: unknown key 'terminl' (did you mean 'terminal'?); expected one of: title, terminal, deadline, actions"),
    ])
    func mistakesAreLocated(_ expected: Expectation) throws {
        let path = Fixtures.path("invalid/\(expected.file)")
        let report = WorkflowValidation().run([path])
        let error = try #require(report.diagnostics.first { $0.severity == .error }, "no error reported")
        #expect(error.file == path)
        #expect((error.line, error.column) == (expected.line, expected.column), "\(error)")
        #expect(error.message.contains(expected.message), "\(error.message)")
        #expect(!report.hasUnreadableInput)
        #expect(report.text.split(separator: "\n").contains { $0.hasPrefix("\(path):\(expected.line):\(expected.column): error: ") })
    }

    @Test("every schema error of a file is reported in one run, in document order")
    func everySchemaErrorAtOnce() {
        let path = Fixtures.path("invalid/seven-mistakes.yaml")
        let report = WorkflowValidation().run([path])
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.line):\($0.column)" } == ["3:1", "8:5", "16:41", "20:24", "25:9", "27:29", "34:15"], "\(report.text)")
        #expect(errors.map(\.message) == [
            "unknown key 'titel' (did you mean 'title'?); expected one of: id, version, title, roles, start, stages, assigned-reviewers",
            "roles.county-expert: unknown key 'tilte' (did you mean 'title'?); expected one of: title",
            "stages.application.actions.submit.by.level: unknown level 'township'; use one of: institution, county, city, province",
            "stages.review.deadline.after: 'a month' is not a duration; write a positive whole number of days or hours of at most ten years (3650d), such as 15d or 48h",
            "stages.review.actions.approve: unknown key 'guard' (did you mean 'guards'?); expected one of: title, by, guards, inputs, to, independent-of",
            "stages.review.actions.approve.inputs.decision.type: unknown input type 'choise'; use one of: text, choice, number",
            "stages.done.terminal: expected true or false, found \"yes please\"",
        ])
        #expect(report.summary == "1 file checked, invalid: 7 errors, 0 warnings")
    }

    @Test("a tab in the indentation and a binary file are said in words about the file")
    func tabsAndBinaryInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-validation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tabbed = folder.appendingPathComponent("tabbed.yaml")
        try Data("id: x\nversion: 1\nroles:\n\tinstitution: {}\n".utf8).write(to: tabbed)
        let binary = folder.appendingPathComponent("binary.yaml")
        try Data([0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x00, 0x01]).write(to: binary)
        let report = WorkflowValidation().run([tabbed.path, binary.path])
        #expect(report.diagnostics.map(\.description) == [
            "\(tabbed.path):4:1: error: a tab cannot indent YAML; use spaces",
            "\(binary.path):1:5: error: the file is not UTF-8 text (it may be binary, or saved in another encoding); a flow is a YAML text file in UTF-8",
        ])
    }

    @Test("a key path longer than a line keeps its ends around an ellipsis")
    func longKeyPathsAreShortened() {
        let path = ["stages", "a-stage-with-a-rather-long-name", "actions", "an-action-with-an-even-longer-name", "inputs", "decision", "type"]
        let shown = KeyPath.format(path)
        #expect(shown.count <= 61)
        #expect(shown.hasPrefix("stages…"))
        #expect(shown.hasSuffix("inputs.decision.type"))
        #expect(KeyPath.format(["stages", "review", "deadline"]) == "stages.review.deadline")
    }

    @Test("a duplicate action carries a note where it was first defined")
    func duplicateActionHasANote() throws {
        let report = WorkflowValidation().run([Fixtures.path("invalid/duplicate-action.yaml")])
        let error = try #require(report.diagnostics.first)
        let note = try #require(error.notes.first)
        #expect(error.notes.count == 1)
        #expect(note.severity == .note && note.line == 14 && note.column == 7)
    }

    @Test("an unknown target is not also reported as unreachable stages")
    func unknownTargetDoesNotCascade() {
        let report = WorkflowValidation().run([Fixtures.path("invalid/unknown-target.yaml")])
        #expect(report.errorCount == 1)
    }

    @Test("the same flow version in two files is an error")
    func duplicateFlowVersions() throws {
        let minimal = Fixtures.path("valid/minimal.yaml")
        let report = WorkflowValidation().run([minimal, minimal])
        #expect(report.errorCount == 1)
        #expect(report.diagnostics.first?.message.contains("flow 'minimal' version 1 is also defined in") == true)
    }

    @Test("a missing path is unreadable input, not a validation error")
    func missingPathIsUnreadable() {
        let report = WorkflowValidation().run(["/no/such/folder"])
        #expect(report.hasUnreadableInput)
        #expect(report.diagnostics.first?.description == "/no/such/folder:1:1: error: cannot read the file: no such file or folder")
    }

    @Test("the JSON report lists every diagnostic with its position")
    func jsonReport() throws {
        let report = WorkflowValidation().run([Fixtures.path("invalid/unknown-guard.yaml")])
        let json = report.json
        #expect(json.contains("\"valid\" : false"))
        #expect(json.contains("\"errors\" : 2"))
        #expect(json.contains("\"line\" : 25"))
        #expect(json.contains("checklist-passed"))
    }

    @Test("a guard provided by a plugin satisfies validation")
    func pluginGuardsSatisfyValidation() throws {
        struct Checklists: GuardProvider {
            var id: String { "guidance-groups" }
            var guards: [Guard] { [Guard(name: "checklist-passed", summary: "the checklist passed") { _ in .pass("ok") }] }
        }
        let validator = Validator(guards: try GuardRegistry([StandardGuards(), Checklists()]))
        let loaded = try DefinitionLoader().load(file: Fixtures.path("invalid/unknown-guard.yaml"))
        let errors = validator.validate(loaded).filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("decision-is-pas") == true)
    }
}
