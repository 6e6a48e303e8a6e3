/// Writes canonical JSON straight to bytes, for the types hashed on every append. The caller
/// writes object members in ascending key order; the output matches `CanonicalJSON.encode`.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func object(_ members: (inout CanonicalWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array(_ items: (inout CanonicalWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        items(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key; its value is written next.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    /// A member whose key is not known in advance, such as an input's name.
    mutating func key(_ key: String) {
        separate()
        JSONValue.write(string: key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        JSONValue.write(string: value, to: &bytes)
        needsComma = true
    }

    mutating func integer<T: BinaryInteger>(_ value: T) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}

extension Event {
    /// The event's canonical JSON, written directly: the same bytes as `CanonicalJSON.encode`.
    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter()
        writer.object { event in
            event.key("at"); event.integer(at.milliseconds)
            // A case is named under `case`; any other subject under `subject`, which sorts last.
            if subject.isCase { event.key("case"); event.string(subject.value) }
            event.key("data")
            switch body {
            case .opened(let opened): opened.write(to: &event)
            case .actionTaken(let taken): taken.write(to: &event)
            case .recorded(let record): record.write(to: &event)
            }
            event.key("kind"); event.string(kind)
            event.key("sequence"); event.integer(sequence)
            if !subject.isCase { event.key("subject"); event.string(subject.value) }
        }
        return writer.bytes
    }
}

extension CaseOpened {
    func write(to writer: inout CanonicalWriter) {
        writer.object { object in
            object.key("actor"); actor.write(to: &object)
            object.key("definition"); object.string(definitionHash.hex)
            object.key("flow"); object.string(flowID)
            object.key("institution")
            object.object { institution in
                institution.key("id"); institution.string(self.institution.id)
                institution.key("name"); institution.string(self.institution.name)
                institution.key("region"); institution.string(self.institution.region.code)
                if let type = self.institution.type { institution.key("type"); institution.string(type.rawValue) }
            }
            object.key("stage"); object.string(stage)
        }
    }
}

extension ActionTaken {
    func write(to writer: inout CanonicalWriter) {
        writer.object { object in
            object.key("action"); object.string(action)
            object.key("actor"); actor.write(to: &object)
            object.key("from"); object.string(from)
            object.key("guards")
            object.array { list in
                for result in guards {
                    list.object { item in
                        item.key("name"); item.string(result.name)
                        item.key("passed"); item.bool(result.passed)
                        item.key("reason"); item.string(result.reason)
                    }
                }
            }
            object.key("inputs")
            object.object { map in
                for (name, value) in inputs.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    map.key(name); map.string(value)
                }
            }
            object.key("to"); object.string(to)
            object.key("trigger"); object.string(trigger.rawValue)
        }
    }
}

extension PluginRecord {
    func write(to writer: inout CanonicalWriter) {
        writer.object { object in
            object.key("by"); by.write(to: &object)
            object.key("plugin"); object.string(plugin)
            object.key("type"); object.string(type)
            object.key("value"); value.write(to: &object)
        }
    }
}

extension Actor {
    func write(to writer: inout CanonicalWriter) {
        writer.object { object in
            object.key("id"); object.string(id)
            object.key("jurisdiction"); object.string(jurisdiction.text)
            object.key("role"); object.string(role)
        }
    }
}
