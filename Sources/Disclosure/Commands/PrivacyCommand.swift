#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One entry point per `rostermail privacy` subcommand: JSON bytes in, JSON bytes out, or a
/// `DisclosureError` naming the offending field (the CLI prints it and exits 2).
///
/// `base` carries the district's configured thresholds; fields in the request override them.
public enum PrivacyCommand {
    /// `suppress`: primary and complementary suppression of a table with its audit intervals.
    public static func suppress(_ json: Data, base: Policy = .default) throws(DisclosureError) -> Data {
        let request = try JSONCoding.decode(TableRequest.self, from: json)
        return try JSONCoding.encode(try SuppressResponse(request: request, base: base))
    }

    /// `audit`: the attacker's interval for every hidden cell, the exact ones, and whether safe.
    public static func audit(_ json: Data, base: Policy = .default) throws(DisclosureError) -> Data {
        let request = try JSONCoding.decode(AuditRequest.self, from: json)
        return try JSONCoding.encode(try AuditResponse(request: request, base: base))
    }

    /// `deidentify`: k-anonymous, ℓ-diverse rows labelled `Student 1…n` in an order drawn from `rng`.
    public static func deidentify(
        _ json: Data, using rng: inout some RandomNumberGenerator, base: Policy = .default
    ) throws(DisclosureError) -> Data {
        let request = try JSONCoding.decode(DeidentifyRequest.self, from: json)
        return try JSONCoding.encode(try DeidentifyResponse(request: request, base: base, using: &rng))
    }

    /// `ledger`: whether a candidate release may go out given the earlier releases.
    public static func ledger(_ json: Data, base: Policy = .default) throws(DisclosureError) -> Data {
        let request = try JSONCoding.decode(LedgerRequest.self, from: json)
        return try JSONCoding.encode(try LedgerResponse(request: request, base: base))
    }
}
