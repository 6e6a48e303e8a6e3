import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `transform` applied to every element, the results in the elements' order; a long array
    /// (a batch file of thousands of rows) is split in parts over the machine's cores. For
    /// synchronous code; async code uses `concurrentMapInParts`.
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

    /// `transform` applied to every element, the work split across the machine's cores as
    /// child tasks: the results in parts, in the elements' order (joining them would copy every
    /// result).
    public func concurrentMapInParts<Mapped: Sendable>(_ transform: @escaping @Sendable (Element) -> Mapped) async -> [[Mapped]] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, Swift.max(1, count / 256))
        guard parts > 1 else { return [map(transform)] }
        let size = (count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [Mapped]).self) { group in
            for part in 0..<parts {
                let slice = self[Swift.min(part * size, count)..<Swift.min((part + 1) * size, count)]
                group.addTask { (part, slice.map(transform)) }
            }
            var results = [[Mapped]](repeating: [], count: parts)
            for await (part, mapped) in group { results[part] = mapped }
            return results
        }
    }
}
