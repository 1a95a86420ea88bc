#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// JSON in and out for the privacy commands: decoding errors become `DisclosureError`s naming
/// the JSON path of the field; output has sorted keys so equal results are equal bytes.
enum JSONCoding {
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(DisclosureError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw DisclosureError(.malformedJSON, field: "", "\(error)")
        }
    }

    static func encode(_ value: some Encodable) throws(DisclosureError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(value)
        } catch {
            throw DisclosureError(.malformedJSON, field: "", "cannot encode the result: \(error)")
        }
    }

    /// `cells.math`, `sums[2].of[0]`, …
    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result
    }

    private static func describe(_ error: DecodingError) -> DisclosureError {
        switch error {
        case .keyNotFound(let key, let context):
            return DisclosureError(.missingField, field: path(context.codingPath + [key]), "required field is missing")
        case .valueNotFound(_, let context):
            return DisclosureError(.missingField, field: path(context.codingPath), "value is null or missing")
        case .typeMismatch(let type, let context):
            let detail = context.debugDescription.isEmpty ? "expected \(type)" : context.debugDescription
            return DisclosureError(.malformedJSON, field: path(context.codingPath), detail)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return DisclosureError(
                .malformedJSON, field: field,
                field.isEmpty ? "not valid JSON" : "invalid value: \(context.debugDescription)")
        @unknown default:
            return DisclosureError(.malformedJSON, field: "", "\(error)")
        }
    }
}

/// Parses an enumerated string field, naming it in the error.
func parseChoice<Choice: RawRepresentable>(
    _ raw: String?, default fallback: Choice, field: String
) throws(DisclosureError) -> Choice where Choice.RawValue == String {
    guard let raw else { return fallback }
    guard let value = Choice(rawValue: raw) else {
        throw DisclosureError(.invalidValue, field: field, "unknown value \"\(raw)\"")
    }
    return value
}
