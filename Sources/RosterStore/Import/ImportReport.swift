/// What an import did: counts, sources and every row it could not take (`file:line: reason`).
public struct ImportReport: Sendable, CustomStringConvertible {
    public var kind: String
    public var source: String
    /// SHA-256 over the imported files, in name order.
    public var hash: String
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var deactivated = 0
    /// Rows that are neither students nor guardians (teachers, administrators…) and so are not imported.
    public var ignored = 0
    /// Guardians and their links (OneRoster imports only).
    public var guardians: GuardianCounts?
    public var problems: [String] = []
    /// Participation imports: what the file showed of the changes exported to the SIS.
    public var reconciliation: SISReconciliation?

    public init(kind: String, source: String, hash: String) {
        self.kind = kind
        self.source = source
        self.hash = hash
    }

    public var changed: Bool { inserted + updated + deactivated > 0 || guardians?.changed == true }

    /// One line: the student counts (as before guardians were imported), then the guardians' if any.
    public var description: String {
        "\(kind) \(source): \(inserted) inserted, \(updated) updated, \(unchanged) unchanged, "
            + "\(deactivated) deactivated, \(ignored) ignored, \(problems.count) invalid rows"
            + (guardians.map { "; \($0.description)" } ?? "")
            + (reconciliation.map {
                "; exported changes: \($0.confirmed) confirmed by the SIS, \($0.contradicted) contradicted, "
                    + "\($0.missing) not in it yet"
            } ?? "")
    }
}
