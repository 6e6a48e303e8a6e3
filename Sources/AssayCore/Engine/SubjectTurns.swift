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
        await take(ordered)
        do {
            let result = try await body()
            await give(ordered)
            return result
        } catch {
            await give(ordered)
            throw error
        }
    }

    /// Takes each of `subjects` in order, in one call (a batch of thousands of subjects is one
    /// hop onto the actor, not one a subject).
    private func take(_ subjects: [Subject]) async {
        for subject in subjects { await take(subject) }
    }

    private func give(_ subjects: [Subject]) {
        for subject in subjects { give(subject) }
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
