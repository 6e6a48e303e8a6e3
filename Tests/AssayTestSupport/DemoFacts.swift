/// Facts of the demonstration's history that tests check: it runs on a simulated clock, so every
/// run writes the same history (its cases, its groups' answers, its checklists).
public enum DemoFacts {
    /// How many events `assay demo` writes.
    public static let events = 5875
}
