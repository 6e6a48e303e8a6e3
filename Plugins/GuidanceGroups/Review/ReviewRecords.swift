import AssayCore

/// The record that forms an expert group for a case: the checklist it scores (pinned by hash)
/// and its members. Each one starts a new review round of the case; a round after the first
/// says why it supersedes the one before (an appeal, a recheck, a member replaced).
public struct GroupFormed: Sendable, Equatable, Codable {
    /// The stored checklist, by content hash.
    public var checklist: String
    /// Expert ids; the leader is one of them.
    public var members: [String]
    public var leader: String
    /// Why this group supersedes the case's last round; nil for the case's first group.
    public var reason: String?

    public init(checklist: String, members: [String], leader: String, reason: String? = nil) {
        self.checklist = checklist
        self.members = members
        self.leader = leader
        self.reason = reason
    }

    /// Why the group cannot be formed as written, or nil.
    var problem: String? {
        if !FileHash.isSHA256(checklist) { return "checklist is a SHA-256 of a stored checklist, not '\(checklist)'" }
        if Set(members).count != members.count { return "a member is listed twice" }
        if !(2...7).contains(members.count) { return "a group has 2 to 7 members, not \(members.count)" }
        if !members.contains(leader) { return "the leader \(leader) is not one of the members" }
        if let reason, reason.isEmptyText { return "a new round's reason is empty; say why it supersedes the last" }
        return nil
    }
}

/// A member's answer to one item; a later answer by the same member replaces it.
public struct ItemAnswer: Sendable, Equatable, Codable {
    public var item: String
    public var answer: AnswerValue

    public init(item: String, answer: AnswerValue) {
        self.item = item
        self.answer = answer
    }
}

/// The leader's resolution of an item the members disagree on: the group's value, and why.
public struct ItemResolution: Sendable, Equatable, Codable {
    public var item: String
    public var answer: AnswerValue
    public var reason: String

    public init(item: String, answer: AnswerValue, reason: String) {
        self.item = item
        self.answer = answer
        self.reason = reason
    }
}
