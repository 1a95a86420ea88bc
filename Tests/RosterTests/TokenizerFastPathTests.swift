import Foundation
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
