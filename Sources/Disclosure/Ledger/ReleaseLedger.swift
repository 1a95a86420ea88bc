/// The release ledger check: may a candidate release go out, given the earlier releases?
///
/// The decision depends only on the student sets, never on released values (a refusal that
/// depended on a value would itself disclose it). Only earlier releases of the same metric and
/// period are compared: values of different metrics or periods do not subtract. Refused when:
/// 1. the candidate group has fewer than `minGroup` students;
/// 2. it differs from an earlier set by 1…minCount − 1 students (symmetric difference): the two
///    totals subtract to the value of those few students;
/// 3. with an earlier set that it overlaps, the overlap, the candidate's new students or the
///    earlier set's dropped students number 1…minCount − 1: with a third release, or with the
///    bounds 0 ≤ value ≤ 1 of a yes/no outcome, such a small group's total can be pinned down;
/// 4. with all earlier sets together, the total of some group of 1…minCount − 1 students becomes
///    a linear combination of released totals (`DerivableGroups`) that was not one before.
/// An identical re-release of an earlier set adds nothing and is allowed.
public struct ReleaseLedger<StudentID: Hashable & Sendable>: Sendable {
    public struct Release: Hashable, Sendable {
        public var students: Set<StudentID>
        public var metric: String
        public var period: String

        public init(students: Set<StudentID>, metric: String, period: String) {
            self.students = students
            self.metric = metric
            self.period = period
        }
    }

    public enum Decision: Hashable, Sendable {
        case allowed(reason: String)
        case refused(reason: String)

        public var isAllowed: Bool {
            if case .allowed = self { return true }
            return false
        }

        public var reason: String {
            switch self {
            case .allowed(let reason), .refused(let reason): reason
            }
        }
    }

    public let policy: Policy
    public let releases: [Release]

    public init(policy: Policy = .default, releases: [Release]) {
        self.policy = policy
        self.releases = releases
    }

    public func check(_ candidate: Release) -> Decision {
        let small = 1..<policy.minCount
        if candidate.students.count < policy.minGroup {
            return .refused(
                reason: "group<\(policy.minGroup): \(candidate.students.count) students, fewer than \(policy.minGroup)")
        }
        let earlier = releases.indices.filter {
            releases[$0].metric == candidate.metric && releases[$0].period == candidate.period
        }
        for index in earlier where releases[index].students != candidate.students {
            let other = releases[index].students
            let difference = candidate.students.symmetricDifference(other).count
            if small.contains(difference) {
                return .refused(
                    reason: "differs from release \(index) of the same metric and period by \(difference) "
                        + "student(s); subtracting the two would reveal them")
            }
            guard !candidate.students.isDisjoint(with: other) else { continue }
            let parts = [
                ("shared with", candidate.students.intersection(other).count),
                ("added since", candidate.students.subtracting(other).count),
                ("dropped since", other.subtracting(candidate.students).count),
            ]
            if let part = parts.first(where: { small.contains($0.1) }) {
                return .refused(
                    reason: "only \(part.1) student(s) \(part.0) release \(index) of the same metric and period; "
                        + "a group smaller than \(policy.minCount) could be derived")
            }
        }
        let sets = earlier.map { releases[$0].students }
        if let size = DerivableGroups(minCount: policy.minCount).newlyDerivableGroup(
            candidate: candidate.students, earlier: sets)
        {
            return .refused(
                reason: "together with earlier releases of the same metric and period, the total of a group of "
                    + "\(size) student(s) could be computed")
        }
        return .allowed(
            reason: earlier.isEmpty
                ? "no earlier release of this metric and period"
                : "no group smaller than \(policy.minCount) can be derived from the \(earlier.count) earlier release(s)"
        )
    }
}
