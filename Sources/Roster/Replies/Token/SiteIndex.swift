extension ReplyToken {
    /// Site keys of the directory's sites, so `verify` can turn a token's key back into a site id.
    /// Build it once per directory (config load), not per reply.
    public struct SiteIndex: Sendable {
        private var byKey: [String: [String]] = [:]

        /// Indexes `siteIDs` (lower-cased).
        public init(siteIDs: some Sequence<String>) {
            for id in siteIDs {
                let lower = id.lowercased()
                byKey[ReplyToken.siteKey(for: lower), default: []].append(lower)
            }
        }

        /// Indexes every site of `directory`.
        public init(_ directory: Directory) { self.init(siteIDs: directory.sites.map(\.id)) }

        /// Site ids whose key is `key` (almost always zero or one).
        public func siteIDs(forKey key: String) -> [String] { byKey[key] ?? [] }
    }
}
