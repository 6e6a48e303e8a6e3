import Foundation

extension Array where Element: Sendable {
    /// `transform` applied to every element, the work split across the machine's cores: the
    /// results in parts, in the elements' order (joining them would copy every result).
    func concurrentMapInParts<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) async -> [[Result]] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, Swift.max(1, count / 256))
        guard parts > 1 else { return [map(transform)] }
        let size = (count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for part in 0..<parts {
                let slice = self[Swift.min(part * size, count)..<Swift.min((part + 1) * size, count)]
                group.addTask { (part, slice.map(transform)) }
            }
            var results = [[Result]](repeating: [], count: parts)
            for await (part, mapped) in group { results[part] = mapped }
            return results
        }
    }
}
