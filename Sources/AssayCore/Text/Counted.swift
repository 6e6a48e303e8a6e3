/// `count` and `noun`, in the plural unless the count is one: "1 event", "177 events".
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
