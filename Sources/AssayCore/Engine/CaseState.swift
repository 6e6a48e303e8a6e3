/// A case as its events leave it. Built only by folding events, never by I/O or the clock.
public struct CaseState: Sendable, Equatable {
    /// What the opening fixed, shared by every copy of the state (one reference to count, where
    /// the fields would be a dozen: states are copied on every decision).
    private final class Opening: Sendable {
        let id: CaseID
        let flowID: String
        let definitionHash: DefinitionHash
        let institution: Institution
        let openedAt: Timestamp

        init(id: CaseID, flowID: String, definitionHash: DefinitionHash, institution: Institution, openedAt: Timestamp) {
            self.id = id
            self.flowID = flowID
            self.definitionHash = definitionHash
            self.institution = institution
            self.openedAt = openedAt
        }
    }

    private let opening: Opening
    public var id: CaseID { opening.id }
    public var flowID: String { opening.flowID }
    public var definitionHash: DefinitionHash { opening.definitionHash }
    public var institution: Institution { opening.institution }
    public var openedAt: Timestamp { opening.openedAt }
    /// The stage the case is in now.
    public private(set) var stage: String
    /// When the case entered its current stage; stage deadlines count from here.
    public private(set) var enteredStageAt: Timestamp
    /// How many events the case has; the next event's sequence is `version + 1`.
    public private(set) var version: Int
    /// Every stage the case has been in, in order, starting with the start stage.
    public private(set) var path: [String]
    /// Every action taken so far and who took it, in order.
    public private(set) var decisions: [Decision]

    /// An action taken on the case and the id of the actor who took it.
    public struct Decision: Sendable, Equatable {
        public var action: String
        public var actorID: String
    }

    public static func == (lhs: CaseState, rhs: CaseState) -> Bool {
        lhs.id == rhs.id && lhs.flowID == rhs.flowID && lhs.definitionHash == rhs.definitionHash
            && lhs.institution == rhs.institution && lhs.openedAt == rhs.openedAt
            && lhs.stage == rhs.stage && lhs.enteredStageAt == rhs.enteredStageAt && lhs.version == rhs.version
            && lhs.path == rhs.path && lhs.decisions == rhs.decisions
    }

    /// Whether the actor with `actorID` has taken `action` on this case.
    public func hasTaken(_ action: String, actorID: String) -> Bool {
        decisions.contains { $0.action == action && $0.actorID == actorID }
    }

    /// The state right after `opened`.
    public init(id: CaseID, opened: CaseOpened, at: Timestamp) {
        opening = Opening(id: id, flowID: opened.flowID, definitionHash: opened.definitionHash, institution: opened.institution, openedAt: at)
        stage = opened.stage
        enteredStageAt = at
        version = 1
        // Room for a usual review (a handful of stages), so folding it does not regrow them.
        path = [opened.stage]
        path.reserveCapacity(Self.expectedStages)
        decisions = []
        decisions.reserveCapacity(Self.expectedStages)
    }

    /// How many stages a case's path is made room for at its opening.
    private static let expectedStages = 8

    /// Folds `events`, in order, into the state they describe; nil when there are none.
    public init?(replaying events: [Event]) throws(HistoryError) {
        guard let first = events.first else { return nil }
        guard first.sequence == 1, case .opened(let opened) = first.body else {
            throw HistoryError(caseID: first.subject, sequence: first.sequence, problem: "a case's history must begin with its opening event")
        }
        self.init(id: first.subject, opened: opened, at: first.at)
        for event in events.dropFirst() {
            try apply(event)
        }
    }

    /// Applies the next event of this case.
    public mutating func apply(_ event: Event) throws(HistoryError) {
        guard event.subject == id, event.sequence == version + 1 else {
            throw HistoryError(caseID: event.subject, sequence: event.sequence, problem: "expected event \(version + 1) of case \(id)")
        }
        try change(event)
    }

    /// Applies the next opening or action of this case, read without the plugins' records
    /// between (`EventStore.caseChanges(inside:)`): the stage and path are the whole history's,
    /// the version is the event's own sequence.
    public mutating func apply(change event: Event) throws(HistoryError) {
        guard event.subject == id, event.sequence > version else {
            throw HistoryError(caseID: event.subject, sequence: event.sequence, problem: "expected an event after \(version) of case \(id)")
        }
        try change(event)
    }

    /// Takes `version` as the case's, when the events after the last one applied are records
    /// left unread (they change no stage): a case listed from its openings and actions.
    public mutating func skipRecords(through version: Int) {
        self.version = max(self.version, version)
    }

    private mutating func change(_ event: Event) throws(HistoryError) {
        switch event.body {
        case .opened:
            throw HistoryError(caseID: id, sequence: event.sequence, problem: "the case is opened a second time")
        case .actionTaken(let taken):
            guard taken.from == stage else {
                throw HistoryError(caseID: id, sequence: event.sequence, problem: "the action starts from stage '\(taken.from)' but the case is in '\(stage)'")
            }
            stage = taken.to
            enteredStageAt = event.at
            path.append(taken.to)
            decisions.append(Decision(action: taken.action, actorID: taken.actor.id))
        case .recorded:
            // A plugin's record about the case: plugins fold it; the stage does not change.
            break
        }
        version = event.sequence
    }
}
