import Foundation
import MailMessage

/// Case and accent folding for comparing what partners write with what the SIS holds: lower case,
/// diacritics removed on Unicode scalars (canonical decomposition, combining marks dropped), a few
/// letters without a decomposition mapped by hand (`ø`→`o`, `ł`→`l`, `ß`→`ss`, `æ`→`ae`, …), typographic
/// apostrophes and dashes made ASCII. "José Muñoz" and "JOSE MUNOZ" fold to the same "jose munoz".
enum TextFolding {
    static func fold(_ text: some StringProtocol) -> String {
        text.withUTF8Bytes(foldASCII) ?? foldLatin(text) ?? foldUnicode(text)
    }

    /// Scalars below this one are folded by `latinFolds`: ASCII and the Latin-1 Supplement and Latin
    /// Extended-A/B blocks, where no scalar is a combining mark and every canonical decomposition starts
    /// with a base letter.
    static let latinLimit: UInt32 = 0x250

    /// The fold of each scalar below `latinLimit`, computed once by `foldUnicode`.
    static let latinFolds: [String] = (0..<latinLimit).map { value in
        foldUnicode(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")))
    }

    /// The fold of a text made only of scalars below `latinLimit` (Spanish names: "José", "Núñez"), or nil.
    ///
    /// For such text the canonical decomposition is the decompositions of its scalars one after the other:
    /// each one starts with a base letter, so no combining mark moves across scalars. And `foldUnicode`
    /// treats the decomposed scalars one by one. So the fold of the text is the folds of its scalars.
    static func foldLatin(_ text: some StringProtocol) -> String? {
        var out = ""
        for scalar in text.unicodeScalars {
            guard scalar.value < latinLimit else { return nil }
            out += latinFolds[Int(scalar.value)]
        }
        return out
    }

    /// The fold of ASCII bytes, or nil when a byte is not ASCII. ASCII has no decomposition and no marks,
    /// so the general rule reduces to: A–Z lowercased, the grave accent '`' made an apostrophe.
    static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for b in bytes where b >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for k in bytes.indices {
                let b = bytes[k]
                out[k] = b == 0x60 ? 0x27 : ASCIIByte.lowercased(b)
            }
            return bytes.count
        }
    }

    static func foldUnicode(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        let decomposed = String(text).decomposedStringWithCanonicalMapping
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: break
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4: out.append("'")
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: out.append("-")
            case 0x00A0, 0x2007, 0x202F: out.append(" ")
            case 0x00F8, 0x00D8: out.append("o")
            case 0x0142, 0x0141: out.append("l")
            case 0x0111, 0x0110, 0x00F0, 0x00D0: out.append("d")
            case 0x0131: out.append("i")
            case 0x00DF: out.append(contentsOf: "ss".unicodeScalars)
            case 0x00E6, 0x00C6: out.append(contentsOf: "ae".unicodeScalars)
            case 0x0153, 0x0152: out.append(contentsOf: "oe".unicodeScalars)
            case 0x00FE, 0x00DE: out.append(contentsOf: "th".unicodeScalars)
            default:
                if scalar.isASCII {
                    out.append(
                        Unicode.Scalar(
                            UInt8(ascii: "A") <= scalar.value && scalar.value <= 0x5A
                                ? UInt8(scalar.value) + 32 : UInt8(scalar.value)))
                } else {
                    for l in scalar.properties.lowercaseMapping.unicodeScalars { out.append(l) }
                }
            }
        }
        return String(out)
    }

    /// The words of a name for matching: folded, split on spaces, hyphens and dots, apostrophes removed
    /// (`O'Brien` = `OBrien`). Particles are kept; the matcher decides when they matter.
    static func nameWords(_ text: some StringProtocol) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for ch in fold(text) {
            switch ch {
            case " ", "-", ".", ",", "\t": flush()
            case "'": continue
            default: current.append(ch)
            }
        }
        flush()
        return words
    }

    /// Words that join family names (`María de la Cruz`, `Pérez y Gómez`): optional when matching, and
    /// allowed inside a written name although they are common words.
    static let particles: Set<String> = [
        "de", "del", "la", "las", "los", "y", "e", "da", "das", "dos", "van", "von", "der", "den", "el",
    ]
}
