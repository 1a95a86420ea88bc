import RosterStore

/// What `rostermail --version` prints: the release and the store schema it writes.
public enum RosterMailVersion {
    public static let release = "0.15.0"

    /// `0.15.0 (store schema v10-bounces, 10 migrations)`.
    public static var full: String {
        "\(release) (store schema \(RosterDatabase.schemaVersion), \(RosterDatabase.migrations.count) migrations)"
    }
}
