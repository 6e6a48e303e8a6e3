import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar: Sendable {
    let label: String
    let isShown: Bool

    init(_ label: String, enabled: Bool = true) {
        self.label = label
        self.isShown = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Redraws the bar for `done` of `total`.
    func update(_ done: Int, of total: Int) {
        guard isShown, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        Console.error("\r\(label) [\(bar)] \(done)/\(total)")
    }

    /// Clears the bar's line.
    func finish() {
        guard isShown else { return }
        Console.error("\r\u{1B}[2K")
    }
}
