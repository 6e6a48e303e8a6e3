import ArgumentParser
import AssayCore

/// Runs a registered plugin's command, `assay NAME [--store S] [--workflows PATH] [--time-zone Z |
/// --utc] ARGUMENTS…`: the store and time options are read here, the other words go to the plugin.
enum PluginCommandRunner {
    /// The command `arguments` name, if a registered plugin offers it.
    static func command(for arguments: [String]) -> PluginCommand? {
        guard let name = arguments.first else { return nil }
        return (try? RegisteredPlugins.host())?.command(named: name)
    }

    /// Runs `command` with the words after its name; returns what it prints.
    static func run(_ command: PluginCommand, _ words: [String]) async throws -> String {
        var options: [String] = []
        var timeOptions: [String] = []
        var rest: [String] = []
        var iterator = words.makeIterator()
        while let word = iterator.next() {
            if ["--store", "--workflows"].contains(word), let value = iterator.next() {
                options += [word, value]
            } else if word == "--time-zone", let value = iterator.next() {
                timeOptions += [word, value]
            } else if word == "--utc" {
                timeOptions.append(word)
            } else {
                rest.append(word)
            }
        }
        let engineOptions = try EngineOptions.parse(options)
        let time = try TimeOptions.parse(timeOptions)
        let opened = OpenedOnce()
        return try await command.run(PluginCommand.Context(arguments: rest, host: try RegisteredPlugins.host(), time: TimeDisplay(zone: time.timeZone)) { use in
            try await opened.engine {
                switch use {
                case .read: try await engineOptions.engine(.read)
                case .write: try await engineOptions.engine(.write)
                case .create: try await engineOptions.engine(.create)
                }
            }
        })
    }
}

/// The engine a plugin command opens on first use, and keeps.
private actor OpenedOnce {
    private var opened: Engine?

    func engine(_ open: @Sendable () async throws -> Engine) async throws -> Engine {
        if let opened { return opened }
        let engine = try await open()
        opened = engine
        return engine
    }
}
