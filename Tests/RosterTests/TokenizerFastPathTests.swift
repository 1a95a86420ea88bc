import Foundation
import MailMessage
import Testing

@testable import Roster

/// The ASCII fast paths of the reply grammar agree with the `Character` code they stand in for.
@Suite("Reply grammar: ASCII fast paths")
struct TokenizerFastPathTests {
    @Test(arguments: [
        "", " ", "ADD 123456", "- please add 123456.", "DROP 123456, 234567", "Add:", "gr. 4", "4.", "'", ".", "..",
        "-", "=", "a - b", "O'Brien", "it's.'", "x,y;z(w)[v]{u}", "\"quoted\" !? *bold* _u_ |p|", "a\tb\u{0B}c\u{0C}d",
        "`tick`", "ADD Maria Lopez, grade 4 effective 2026-12-04", "no.123456", "#123456", "a..'", "'.",
    ])
    func asciiTokenizerMatchesCharacterTokenizer(_ line: String) {
        #expect(line.isPlainASCII)
        #expect(LineToken.tokenize(line) == LineToken.tokenizeCharacters(line))
        #expect(line.withUTF8Bytes(LineToken.tokenizeASCII) == LineToken.tokenizeCharacters(line))
    }

    @Test(arguments: ["José Muñoz", "Agregar a María, 4to grado", "DROP 123456 – moved", "«Ana» ¿sí?", "a\u{A0}b"])
    func nonASCIILinesTakeTheCharacterPath(_ line: String) {
        #expect(!line.isPlainASCII)
        #expect(LineToken.tokenize(line) == LineToken.tokenizeCharacters(line))
    }

    @Test(arguments: ["", "abc", "ABC xyz", "O`Brien", "MIXED case 123 !@#", "\t\r\n", "Z[\\]^_`a{|}~"])
    func asciiFoldMatchesUnicodeFold(_ text: String) {
        #expect(TextFolding.fold(text) == TextFolding.foldUnicode(text))
        #expect(text.withUTF8Bytes(TextFolding.foldASCII) == TextFolding.foldUnicode(text))
    }

    @Test(arguments: [
        "José", "MUÑOZ", "Núñez", "Ángel", "Çağrı", "Łukasz", "Ærø", "Straße", "ǖǘ", "O’Brien", "a\u{A0}b", "\u{AD}x",
        "e\u{301}", "Zoë-Ann", "Ĳssel", "Œuvre", "ÞÓR", "ǅemal",
    ])
    func latinFoldMatchesUnicodeFold(_ word: String) {
        #expect(TextFolding.fold(word) == TextFolding.foldUnicode(word))
        if word.unicodeScalars.allSatisfy({ $0.value < TextFolding.latinLimit }) {
            #expect(TextFolding.foldLatin(word) == TextFolding.foldUnicode(word))
        } else {
            #expect(TextFolding.foldLatin(word) == nil)
        }
    }

    @Test func asciiWhitespaceIsCharacterWhitespace() {
        for b in UInt8(0)..<0x80 {
            #expect(ASCIIByte.isWhitespace(b) == Character(Unicode.Scalar(b)).isWhitespace, "\(b)")
        }
        #expect(Character("\r\n").isWhitespace && Character("\r\n").asciiValue == 0x0A)
    }

    @Test(arguments: [
        "«Ana» ¿sí? ¡no!", "“José” – Núñez", ",\u{301}x", " \u{301}x", "a\u{A0}b", "DROP 123456 — moved", "x\r\ny",
        "Agregar a María, 4to grado", "ÁNGEL;Ñ(ñ)[é]{ü}", "é.'", "→ é", "= é",
    ])
    func characterTokenizerAsBefore(_ line: String) {
        #expect(LineToken.tokenizeCharacters(line) == Self.referenceTokenize(line))
    }

    /// The tokenizer as it was before its ASCII shortcut (every character compared as a `Character`).
    static func referenceTokenize(_ line: String) -> [LineToken] {
        var tokens: [LineToken] = []
        var current = ""
        func flush() {
            defer { current = "" }
            while current.count > 1 && (current.last == "." || current.last == "'") { current.removeLast() }
            if current == "." || current == "'" { return }
            guard !current.isEmpty else { return }
            if current == "-" || current == "–" || current == "—" || current == "=" || current == "→" {
                tokens.append(.separator(current.first!))
                return
            }
            tokens.append(LineToken(raw: current, folded: TextFolding.foldUnicode(current)))
        }
        for ch in line {
            switch ch {
            case ",", ";", "(", ")", "[", "]", "{", "}":
                flush()
                tokens.append(.separator(ch))
            case ":", "\"", "“", "”", "«", "»", "!", "?", "¿", "¡", "*", "_", "|":
                flush()
            default:
                if ch.isWhitespace { flush() } else { current.append(ch) }
            }
        }
        flush()
        return tokens
    }

    @Test(arguments: [
        "ADD 123456", "o  item", "a) first", "b)", "x", "Thanks,", "oh well", "Ok", "é) x", "a\u{301}) x", "1. add",
        "- add", "(1) add", "Añadir", "A)", "A) x",
    ])
    func stripBulletsShortcutAgrees(_ line: String) {
        #expect(ReplyGrammar.stripBullets(line) == ReplyGrammar.stripBulletsCharacters(line))
    }

    @Test func foldOfNonASCIIUsesTheUnicodeRules() {
        #expect(TextFolding.fold("José MUÑOZ") == "jose munoz")
        #expect("é".withUTF8Bytes(TextFolding.foldASCII) == nil)
    }

    @Test(arguments: ["- Maria Lopez (student no. 1000123, grade 4, release on file: yes)", "no parenthesis", ""])
    func listingLinesNeedAParenthesis(_ line: String) {
        #expect((RosterListingLine(line) != nil) == line.contains("(student no"))
    }
}

@Suite("Returned roster CSV: cell trimming")
struct CSVTrimTests {
    @Test(arguments: ["", "a", " a", "a ", "\ta\t", "\u{A0}a", "a\u{A0}", "\u{2003}x\u{3000}", "é", " é ", "1 2", "\n"])
    func trimsLikeFoundation(_ cell: String) {
        #expect(ReturnedRosterCSV.trimmingWhitespace(cell) == cell.trimmingCharacters(in: .whitespaces))
    }
}
