import RosterStore

/// What `rostermail --version` prints: the release and the store schema it writes.
public enum RosterMailVersion {
    public static let release = "0.15.0"

    /// `0.15.0 (store schema v8-data-requests, 8 migrations)`.
    public static var full: String {
        "\(release) (store schema \(RosterDatabase.schemaVersion), \(RosterDatabase.migrations.count) migrations)"
    }
}
