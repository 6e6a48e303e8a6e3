import Coordinators
import Foundation

/// Review-team assignment on an instance of `../shared/assignment/` (written by its
/// `generate.py`): read the five CSV files, find the least maximum load, then the least travel
/// at it. Writes the assignment and the lower-bound certificate in the formats `verify.py` reads.
struct AssignmentBenchmark {
    var instance: String

    struct Run {
        var read: Double
        var toMaxLoad: Double
        var total: Double
        /// The institutions' ids, in the order of the assignment's teams.
        var institutions: [String]
        var assignment: TeamAssignment
    }

    /// One run, from the files to the least-travel assignment.
    func run() throws -> Run {
        let began = Date()
        let texts = try ["regions.csv", "institutions.csv", "experts.csv", "groups.csv", "conflicts.csv"].map {
            try String(contentsOfFile: "\(instance)/\($0)", encoding: .utf8)
        }
        let files = Directory.Files(regions: texts[0], institutions: texts[1], experts: texts[2], groups: texts[3], conflicts: texts[4])
        let (directory, problems) = Directory.read(files)
        guard let directory else { throw BenchmarkFailure("\(instance): \(problems.prefix(5).map(\.description).joined(separator: "; "))") }
        let teams = directory.institutions.indices.map { AssignmentProblem.Team(institution: $0, seated: [nil, nil]) }
        let problem = AssignmentProblem(directory: directory, rule: .sharedAssignment, teams: teams)
        let read = Date().timeIntervalSince(began)
        let assignment = try TeamAssignment.solve(problem)
        return Run(read: read, toMaxLoad: read + assignment.secondsToMaxLoad, total: Date().timeIntervalSince(began),
                   institutions: directory.institutions.map(\.id), assignment: assignment)
    }

    /// Writes `solution_assay.csv` and `certificate_assay.json` into the instance folder.
    func write(_ run: Run) throws {
        var csv = "institution_id,clinical_expert,care_expert\n"
        for (id, team) in zip(run.institutions, run.assignment.teams) { csv += "\(id),\(team[0]),\(team[1])\n" }
        try csv.write(toFile: "\(instance)/solution_assay.csv", atomically: true, encoding: .utf8)
        if let certificate = run.assignment.certificate { try write(certificate) }
    }

    /// Writes the cut of a lower bound or of an infeasible instance as `certificate_assay.json`.
    func write(_ certificate: TeamAssignment.Certificate) throws {
        let json: [String: Any] = [
            "max_load": certificate.maxLoad, "max_flow": certificate.filled, "slots_needed": certificate.needed,
            "source_side_slots": certificate.seats.map { [$0.institution, $0.seat] }, "source_side_experts": certificate.experts,
        ]
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: "\(instance)/certificate_assay.json"))
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The process's peak resident set, in MiB.
func peakResidentMebibytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
