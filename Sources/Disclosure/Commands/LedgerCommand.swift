/// Input of `rostermail privacy ledger`. Student ids may be strings or numbers. Any released
/// value in a release object is ignored: the decision depends on the student sets only.
public struct LedgerRequest: Codable, Hashable, Sendable {
    public struct Release: Codable, Hashable, Sendable {
        public var students: [JSONValue]
        public var metric: String
        public var period: String

        public init(students: [JSONValue], metric: String, period: String) {
            self.students = students
            self.metric = metric
            self.period = period
        }
    }

    public var minCount: Int?
    public var minGroup: Int?
    public var releases: [Release]
    public var candidate: Release

    enum CodingKeys: String, CodingKey {
        case releases, candidate
        case minCount = "min_count"
        case minGroup = "min_group"
    }

    public init(minCount: Int? = nil, releases: [Release], candidate: Release) {
        self.minCount = minCount
        self.releases = releases
        self.candidate = candidate
    }
}

/// Output of `rostermail privacy ledger`: `{"allowed": bool, "reason": s}`.
public struct LedgerResponse: Codable, Hashable, Sendable {
    public var allowed: Bool
    public var reason: String

    public init(request: LedgerRequest, base: Policy = .default) throws(DisclosureError) {
        var policy = base
        if let minCount = request.minCount { policy.minCount = minCount }
        if let minGroup = request.minGroup { policy.minGroup = minGroup }
        try policy.validate()
        func release(_ release: LedgerRequest.Release, field: String) throws(DisclosureError)
            -> ReleaseLedger<JSONValue>.Release
        {
            var students: Set<JSONValue> = []
            for (position, student) in release.students.enumerated() {
                let path = "\(field).students[\(position)]"
                switch student {
                case .string, .integer:
                    guard students.insert(student).inserted else {
                        throw DisclosureError(.duplicateName, field: path, "student \(student) is listed twice")
                    }
                default:
                    throw DisclosureError(.invalidValue, field: path, "a student id is a string or an integer")
                }
            }
            return .init(students: students, metric: release.metric, period: release.period)
        }
        var earlier: [ReleaseLedger<JSONValue>.Release] = []
        for (index, item) in request.releases.enumerated() {
            earlier.append(try release(item, field: "releases[\(index)]"))
        }
        let decision = ReleaseLedger(policy: policy, releases: earlier)
            .check(try release(request.candidate, field: "candidate"))
        allowed = decision.isAllowed
        reason = decision.reason
    }
}
