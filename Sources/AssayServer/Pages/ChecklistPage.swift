import Accounts
import AssayCore
import Foundation
import GuidanceGroups
import Hummingbird
import IntegrityRecords

/// The expert's on-site checklist: every section and item (kind, tier, critical, weight) with
/// the expert's latest answer, a form for each as its kind requires, and the expert's running
/// score per tier and section with the critical items still open. Answers go through the API's
/// `answer` operation; one that repeats the expert's latest answer to the item exactly records
/// nothing, so an answer a phone sends twice (its reply lost) lands once.
extension Pages {
    struct ChecklistView {
        var caseID: String
        var caseHref: String
        var title: String
        var round: Int
        var leader: String
        var action: String
        var evidence: String
        var sections: [SectionView]
        var tiers: [TierView]
        var openCritical: [String]
        var answered: Int
        var total: Int
    }

    struct SectionView {
        var id: String
        var title: String
        var items: [ItemView]
    }

    struct ItemView {
        var id: String
        var anchor: String
        var text: String
        var kind: String
        var tierMark: String
        var critical: Bool
        var weight: Int
        var options: [Option]
        var number: NumberView?
        var freeText: Bool
        var allowsNA: Bool
        var naChecked: Bool
        var note: String
        var status: String
        var statusClass: String
        var evidence: [String]
        var needs: String?
    }

    struct Option {
        var value: String
        var label: String
        var id: String
        var checked: Bool
    }

    struct NumberView {
        var id: String
        var min: Int?
        var max: Int?
        var unit: String?
        var value: String
    }

    struct TierView {
        var name: String
        var share: String
        var met: Bool
        var sections: [ShareView]
    }

    struct ShareView {
        var id: String
        var share: String
        var threshold: String?
    }

    func registerChecklist(on router: Routes) {
        router.get("cases/{caseID}/checklist") { request, context in
            let (reader, state) = try await visibleCase(request, context)
            let guidance = try await api.engine.currentPluginStates().state(of: GuidanceGroups.self) ?? GuidanceGroupsState()
            guard let round = guidance.currentRound(of: state.id), let checklist = guidance.checklists[round.group.checklist] else {
                throw PageInterruption.refused(.notFound(GuidanceGroupsState.noGroup(state.id)))
            }
            guard round.hasMember(reader.account!.id) else {
                throw PageInterruption.refused(.forbidden("group-member", "\(reader.account!.id) is not in the group of case \(state.id); its members are \(round.group.members.joined(separator: ", "))"))
            }
            return page("checklist", title: "\(reader.t("checklist")) · \(state.id)", checklistView(state, round, checklist, guidance, for: reader), for: reader)
        }
        router.post("cases/{caseID}/checklist/answers") { request, context in
            // The page's script asks for JSON: its refusals are problem details, not pages.
            let wantsJSON = request.headers[.accept]?.contains("application/json") == true
            do {
                let (reader, state) = try await visibleCase(request, context)
                let form = try await self.form(request, reader: reader)
                let item = form["item"] ?? ""
                let recorded = try await recordAnswer(form, on: state, by: reader)
                guard wantsJSON else { return Self.seeOther(Self.path(of: state.id.value, "/checklist#\(Self.anchor(item))")) }
                var headers = HTTPFields()
                headers[.contentType] = "application/json"
                let body = try JSONSerialization.data(withJSONObject: ["item": item, "recorded": recorded] as [String: Any])
                return Response(status: recorded ? .created : .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
            } catch PageInterruption.refused(let problem) where wantsJSON {
                return Self.json(problem)
            }
        }
    }

    /// Records the answer a checklist form sends, unless it repeats the reader's latest answer
    /// to the item exactly; whether it recorded one.
    private func recordAnswer(_ form: FormBody, on state: CaseState, by reader: Reader) async throws -> Bool {
        let item = form["item"] ?? "", value = form["na"] != nil ? AnswerValue.notApplicable : form["value"] ?? ""
        let answer = AssayAPI.answerValue(value, note: form["note"], photos: form.all("photos"), documents: form.all("documents"))
        let guidance = try await api.engine.currentPluginStates().state(of: GuidanceGroups.self)
        let round = guidance?.currentRound(of: state.id)
        let latest = round.flatMap { round in guidance?.checklists[round.group.checklist].flatMap { round.answer(of: reader.account!.id, to: item, in: $0) } }
        guard latest?.answer != answer else { return false }
        try check(try await api.answer(.init(path: .init(caseID: state.id.value),
                                             body: .json(.init(item: item, value: value, note: answer.note, photos: form.all("photos"), documents: form.all("documents"))))))
        return true
    }

    /// The problem as the API sends it, for a page's script.
    static func json(_ problem: Problem) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        let data = (try? JSONEncoder().encode(problem.body)) ?? Data()
        return Response(status: HTTPResponse.Status(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func anchor(_ item: String) -> String {
        "item-" + item.replacingOccurrences(of: ".", with: "-")
    }

    private func checklistView(_ state: CaseState, _ round: ReviewRound, _ checklist: Checklist, _ guidance: GuidanceGroupsState, for reader: Reader) -> ChecklistView {
        let member = reader.account!.id
        let score = guidance.score(round, for: state.institution.type)?.members.first { $0.id == member }?.score
        let results = Dictionary(uniqueKeysWithValues: (score?.items ?? []).map { ($0.item.id, $0) })
        let sections = checklist.sections.map { section in
            SectionView(id: section.id, title: reader.text(section.title), items: section.items.map { item in
                itemView(item, given: round.answer(of: member, to: item.id, in: checklist)?.answer, outcome: results[item.id]?.outcome, for: reader)
            })
        }
        let tiers = score.map { Self.tiers(of: $0, for: reader) } ?? []
        let open = (score?.items ?? []).filter { $0.item.critical && $0.outcome == .unanswered }.map { "\($0.item.id) \(reader.text($0.item.text))" }
        let applicable = (score?.items ?? []).filter { $0.outcome != .excluded }
        return ChecklistView(caseID: state.id.value, caseHref: Self.path(of: state.id.value), title: "\(reader.text(checklist.title)) \(checklist.version)",
                             round: round.number, leader: round.group.leader, action: Self.path(of: state.id.value, "/checklist/answers"),
                             evidence: "/cases/\(Self.segment(state.id.value))/evidence/",
                             sections: sections, tiers: tiers, openCritical: open, answered: applicable.count { !$0.outcome.isOpen }, total: applicable.count)
    }

    /// Each tier's share and verdict, and each section's share in it, the sections by title.
    static func tiers(of score: ChecklistScore, for reader: Reader) -> [TierView] {
        let titles = Dictionary(uniqueKeysWithValues: score.checklist.sections.map { ($0.id, reader.text($0.title)) })
        return score.tiers.map { tier in
            TierView(name: reader.t(tier.tier.rawValue), share: tier.overall.description, met: tier.passed,
                     sections: tier.sections.map { ShareView(id: titles[$0.id] ?? $0.id, share: $0.share.description, threshold: $0.threshold.map { "≥ \($0)%" }) })
        }
    }

    /// The values an item of a kind with a fixed set of answers takes (yes/no, levels with
    /// their points, options), as radio buttons `ids`-VALUE; none for a number or text item.
    static func options(for item: ChecklistItem, ids: String, checked: String?, for reader: Reader) -> [Option] {
        func option(_ value: String, _ label: String) -> Option {
            Option(value: value, label: label, id: "\(ids)-\(value)", checked: checked == value)
        }
        return switch item.kind {
        case .yesNo, .evidence: [option("yes", reader.t("yes")), option("no", reader.t("no"))]
        case .levels: (item.levels ?? []).map { option($0.name, "\($0.name) (\($0.points))") }
        case .choice: (item.options ?? []).map { option($0, $0) }
        case .number, .text: []
        }
    }

    private func itemView(_ item: ChecklistItem, given: AnswerValue?, outcome: ChecklistScore.Outcome?, for reader: Reader) -> ItemView {
        let anchor = Self.anchor(item.id)
        let shown = outcome ?? .unanswered
        let words = Self.outcome(shown, for: reader)
        let (status, statusClass): (String, String) = switch shown {
        case .met: ("\(words): \(given?.value ?? "")", "met")
        case .notMet: ("\(words): \(given?.value ?? "")", "not-met")
        case .notApplicable, .excluded: (words, "na")
        case .unanswered, .disputed: (words, "open")
        }
        return ItemView(id: item.id, anchor: anchor, text: reader.text(item.text), kind: reader.t("kind.\(item.kind.rawValue)"), tierMark: item.tier.mark,
                        critical: item.critical, weight: item.weight, options: Self.options(for: item, ids: anchor, checked: given?.value, for: reader),
                        number: item.kind == .number ? NumberView(id: "\(anchor)-number", min: item.range?.min, max: item.range?.max, unit: item.unit,
                                                                  value: given.map(\.value).flatMap { $0 == AnswerValue.notApplicable ? nil : $0 } ?? "") : nil,
                        freeText: item.kind == .text, allowsNA: item.allowsNotApplicable, naChecked: given?.value == AnswerValue.notApplicable,
                        note: given?.note ?? "", status: status, statusClass: statusClass, evidence: given?.evidence.map { "\($0.kind) \($0.sha256.prefix(12))…" } ?? [],
                        needs: item.notMetNeeds.isEmpty ? nil : item.notMetNeeds.map(\.rawValue).joined(separator: ", "))
    }
}
