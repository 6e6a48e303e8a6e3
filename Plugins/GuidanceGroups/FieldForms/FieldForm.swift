/// Naming shared by the field form (XLSForm) a checklist becomes and the submissions that come
/// back from it.
enum FieldForm {
    /// The form field of item `id`: `i_` and the id with every character that XML names do not
    /// allow turned into `_` (`2.1.3` → `i_2_1_3`).
    static func fieldName(_ id: String) -> String {
        "i_" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The choice that stands for `n/a` (a choice's name holds no `/`).
    static let notApplicableChoice = "na"
}
