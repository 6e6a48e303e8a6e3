import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `transform` applied to every element, the results in the elements' order; a long array
    /// (a batch file of thousands of rows) is split in parts over the machine's cores.
    public func concurrentMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / 512)
        guard parts > 1 else { return map(transform) }
        let size = (count + parts - 1) / parts
        let results = Mutex([[Mapped]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let mapped = self[Swift.min(part * size, count)..<Swift.min((part + 1) * size, count)].map(transform)
            results.withLock { $0[part] = mapped }
        }
        return results.withLock { $0.flatMap { $0 } }
    }
}
