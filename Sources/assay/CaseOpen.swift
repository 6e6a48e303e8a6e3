import ArgumentParser
import AssayCore
import AssayDemo
import AssayStore
import Coordinators
import Foundation

/// `assay case open`: opens a case for an institution on a flow.
struct CaseOpen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a case for an institution on a flow, as the institution or its commission.",
        discussion: "The institution is looked up in the latest directory snapshot the store holds (`assay directory import`; in a store without one, the Jiaozuo institutions built in for the demo), or taken in full with --institution-name and --region. The case follows the flow's current definition for its whole life. The store is created if there is none.\n\nExample:\n  assay case open bs/1 --flow basic-standard --institution 410883-002 --at 2022-03-01T09:00 --actor staff@410883-002 --role institution --for institution:410883-002"
    )

    @OptionGroup var engineOptions: EngineOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var time: TimeOptions

    @Argument(help: "The new case's id, such as basic-standard/410883-002.")
    var caseID: String

    @Option(help: "The flow the case follows, such as basic-standard.")
    var flow: String

    @Option(help: "The institution's id, such as 410883-002.")
    var institution: String

    @Option(name: .customLong("institution-name"), help: "For an institution not in the directory: its name.")
    var institutionName: String?

    @Option(help: "For an institution not in the directory: the county-level region it is registered in (GB/T 2260).")
    var region: String?

    @Option(help: "For an institution not in the directory: its type (\(InstitutionType.allCases.map(\.rawValue).joined(separator: ", "))); by default the one its name states.")
    var type: InstitutionType?

    @Option(help: "When the case is opened, such as 2022-03-01T09:00 (in the --time-zone) or with its offset (default: now).")
    var at: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if (institutionName == nil) != (region == nil) {
            throw ValidationError("give --institution-name and --region together, for an institution not in the directory")
        }
        if type != nil, institutionName == nil {
            throw ValidationError("--type is for an institution not in the directory, given with --institution-name and --region")
        }
        if let region, RegionCode(region) == nil {
            throw ValidationError("--region '\(region)' is not a GB/T 2260 region code, such as 410883")
        }
    }

    func run() async throws {
        let moment = try at.map(time.parse) ?? Timestamp(Date())
        let who = try actor.actor
        let found = try await listedInstitution()
        let engine = try await engineOptions.engine(.create)
        // A refusal (a TransitionError) is reported as the one sentence it is, exit 1.
        let state = try await engine.open(CaseID(caseID), institution: found, flow: flow, by: who, at: moment.date)
        let report = CaseReport(state, transition: try engine.transition(for: state), now: moment, time: time, actor: who,
                                plugins: try await engine.currentPluginStates())
        print(format == .json ? try JSONOutput.encode(report) : "opened\n" + report.text)
    }

    /// The institution: given in full, or as the latest directory snapshot in the store lists
    /// it, or, in a store without one, as the Jiaozuo institutions built in for the demo list it.
    /// Read before the store is created, so a refusal leaves nothing behind.
    private func listedInstitution() async throws -> Institution {
        if let institutionName, let region, let code = RegionCode(region) {
            return Institution(id: institution, name: institutionName, region: code, type: type ?? InstitutionType(name: institutionName))
        }
        let snapshot: (hash: String, directory: Directory)?
        do {
            snapshot = try await DirectorySnapshots.latest(in: engineOptions.engine(.read))
        } catch StoreError.missing {
            snapshot = nil
        }
        let found: Institution
        if let (hash, directory) = snapshot {
            // The latest directory snapshot the coordinators imported is the source.
            guard let listed = directory.institution(institution) else {
                throw CommandFailure.wrong("institution \(institution) is not listed with a name in directory snapshot \(hash.prefix(12)); import a directory that lists it (`assay directory import`), or give it in full with --institution-name and --region")
            }
            found = listed
        } else if let known = Jiaozuo.institutions.first(where: { $0.id == institution }) {
            // A store without a directory: the Jiaozuo institutions built in for the demo.
            found = known
        } else {
            throw CommandFailure.wrong("institution \(institution) is not in the directory; import one (`assay directory import`), or give it in full with --institution-name and --region")
        }
        return found
    }
}

extension InstitutionType: ExpressibleByArgument {}
