import HTTPTypes

/// Reading a request's `Cookie` headers: the session's, the pages' preferences, the sign-in
/// form's token all come through here.
enum RequestCookies {
    /// The first non-empty value of the cookie `name`, if any.
    static func value(_ name: String, in fields: HTTPFields) -> String? {
        for header in fields[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { return value }
                }
            }
        }
        return nil
    }
}
