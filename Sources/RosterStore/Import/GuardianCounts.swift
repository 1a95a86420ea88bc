/// What a OneRoster import did to guardians and their links to students. Counts only: an import never
/// prints or logs a guardian's name or address.
public struct GuardianCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Missing from a bulk file or marked `tobedeleted`: kept, with their links and releases.
    public var deactivated = 0
    /// Guardian → student links stored or removed (a guardian whose row no longer names a student).
    public var linksAdded = 0
    public var linksRemoved = 0
    /// `agentSourcedIds` entries naming no student of the district (not in this bundle nor the store):
    /// skipped, never an error.
    public var linksSkipped = 0

    public init() {}

    public var changed: Bool { inserted + updated + deactivated + linksAdded + linksRemoved > 0 }

    /// The counts for the import's audit entry.
    var auditDetail: [String: String] {
        [
            "guardians_inserted": String(inserted), "guardians_updated": String(updated),
            "guardians_unchanged": String(unchanged), "guardians_deactivated": String(deactivated),
            "guardian_links_added": String(linksAdded), "guardian_links_removed": String(linksRemoved),
            "guardian_links_skipped": String(linksSkipped),
        ]
    }

    public var description: String {
        "guardians: \(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(deactivated) deactivated; "
            + "links to students: \(linksAdded) added, \(linksRemoved) removed, "
            + "\(linksSkipped) skipped (student not in the district)"
    }
}
