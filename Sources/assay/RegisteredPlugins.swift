import Accounts
import AssayCore
import Coordinators
import GuidanceGroups
import IntegrityRecords
import RegistrationAudit

/// The plugins `assay` runs with. Adding a plugin is a module under Plugins/ and one line here.
enum RegisteredPlugins {
    static let all: [any Plugin] = [GuidanceGroups(), RegistrationAudit(), IntegrityRecords(), Coordinators(), Accounts()]

    /// The host of the registered plugins.
    static func host() throws -> PluginHost {
        do {
            return try PluginHost(all)
        } catch {
            throw CommandFailure.wrong("the registered plugins conflict: \(error)")
        }
    }
}
