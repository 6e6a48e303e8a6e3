import AssayCore

/// The roles an account may hold: a flow's roles (acting as `Actor`), and the server's own two.
public enum AccountRole {
    /// Reads everything, writes nothing.
    public static let auditor = "auditor"
    /// Runs the deadlines (`tick`) and manages accounts; takes no flow action.
    public static let operatorRole = "operator"
    public static let serverRoles: Set<String> = [auditor, operatorRole]

    /// `institution:ID` or `region:CODE` read as an actor's jurisdiction, or nil.
    public static func jurisdiction(_ text: String) -> Actor.Jurisdiction? {
        if text.hasPrefix("institution:") {
            let id = String(text.dropFirst("institution:".count))
            return id.isEmpty ? nil : .institution(id)
        }
        if text.hasPrefix("region:"), let code = RegionCode(String(text.dropFirst("region:".count))) {
            return .region(code)
        }
        return nil
    }
}
