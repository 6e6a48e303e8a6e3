import AssayCore

/// The subject of the last row read, shared with the rows after it that name the same one: in
/// a log most events follow one of the same case (a member answers a checklist item after
/// item), so a batch of rows makes a string for each run of a subject, not for each row.
struct RepeatedSubject {
    private var last: Subject?

    /// The subject whose UTF-8 text is `text`.
    mutating func subject(_ text: UnsafeRawBufferPointer) -> Subject {
        if let last, last.value.utf8Equals(text) { return last }
        let subject = Subject(String(decoding: text, as: UTF8.self))
        last = subject
        return subject
    }
}
