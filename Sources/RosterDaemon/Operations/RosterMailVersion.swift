import RosterStore

/// What `rostermail --version` prints: the release and the store schema it writes.
public enum RosterMailVersion {
    public static let release = "0.14.0"

    /// `0.14.0 (store schema v6-guardians-and-releases, 6 migrations)`.
    public static var full: String {
        "\(release) (store schema \(RosterDatabase.schemaVersion), \(RosterDatabase.migrations.count) migrations)"
    }
}
