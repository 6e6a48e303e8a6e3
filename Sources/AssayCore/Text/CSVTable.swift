/// Rows of a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends), as
/// spreadsheets, ODK Central and KoboToolbox write them.
public enum CSVTable {
    /// The file's rows; nil when a quoted field never closes. The file is read byte by byte
    /// (its separators, quotes and line ends are ASCII), not a character at a time.
    public static func rows(_ text: String) -> [[String]]? {
        var text = text
        return text.withUTF8(rows(of:))
    }

    private static func rows(of bytes: UnsafeBufferPointer<UInt8>) -> [[String]]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte != quote {
                    field.append(byte)
                } else if index < bytes.count, bytes[index] == quote {
                    field.append(quote)
                    index += 1
                } else {
                    quoted = false
                }
                continue
            }
            switch byte {
            case quote where field.isEmpty: quoted = true
            case comma: endField()
            case lineFeed, carriageReturn:
                if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed { index += 1 }
                endField()
                rows.append(row)
                row = []
            default: field.append(byte)
            }
        }
        if quoted { return nil }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows.filter { $0 != [""] }
    }
}
