/// What a check of one unified social credit code finds: valid, with what its characters say,
/// or the first rule it breaks, by position (`assay registration code` prints one a line).
public struct CodeCheck: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var valid: Bool
    /// The registering authority and category, the division and the organisation code of a
    /// valid code; the broken rule of an invalid one.
    public var detail: String

    /// Checks `text`'s characters and check digits, and that its division is one of `rules`' directory.
    public init(_ text: String, rules: RegistrationRules) {
        self.text = text
        do {
            let code = try SocialCreditCode(text)
            guard rules.lists(division: code.division) else {
                valid = false
                detail = "characters 3 to 8 name division \(code.division), which is not a division of the directory (GB/T 2260) of \(rules.id) \(rules.version)"
                return
            }
            let registered = SocialCreditCode.categories[code.authority]!
            valid = true
            detail = "\(registered.authority), \(registered.categories[code.category]!), division \(code.division), organisation code \(code.organizationCode)"
        } catch {
            valid = false
            detail = "\(error)"
        }
    }

    public var description: String { "\(text): \(valid ? "valid — " : "")\(detail)" }
}
