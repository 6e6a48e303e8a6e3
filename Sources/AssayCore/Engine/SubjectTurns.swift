/// Takes turns on subjects within one process: appends of records to one case wait for each
/// other instead of racing for its next version (many experts answering on one case at once).
/// Another process still races, and the store's version check settles it.
actor SubjectTurns {
    private var busy: Set<Subject> = []
    private var waiting: [Subject: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` once no other turn on any of `subjects` is running (taken in sorted order,
    /// so two turns on overlapping subjects never wait for each other).
    nonisolated func run<Result: Sendable>(on subjects: [Subject], _ body: () async throws -> Result) async throws -> Result {
        let ordered = Array(Set(subjects)).sorted()
        for subject in ordered { await take(subject) }
        do {
            let result = try await body()
            for subject in ordered { await give(subject) }
            return result
        } catch {
            for subject in ordered { await give(subject) }
            throw error
        }
    }

    private func take(_ subject: Subject) async {
        guard busy.contains(subject) else {
            busy.insert(subject)
            return
        }
        await withCheckedContinuation { waiting[subject, default: []].append($0) }
    }

    /// Hands the subject to the next waiting turn, which then holds it, or frees it.
    private func give(_ subject: Subject) {
        guard var queue = waiting[subject], !queue.isEmpty else {
            busy.remove(subject)
            return
        }
        let next = queue.removeFirst()
        waiting[subject] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
