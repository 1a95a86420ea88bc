import Foundation
import Testing

@testable import Roster

@Suite("Data requests: the request block, the team's decision, the review token")
struct DataRequestFormTests {
    @Test func readsTheEnglishBlock() {
        let text = """
            Hi, could we get this for our report?

            DATA REQUEST
            Measures: attendance, behavior, grades, assessments, improvement
            Level: de-identified
            Period: 2026-2027
            Purpose: annual report to our funder

            Thanks, Ana
            """
        #expect(
            DataRequestForm.read(text)
                == .request(
                    DataRequestForm(
                        measures: ReleaseMeasure.allCases, level: .deidentified,
                        period: SchoolYear(startYear: 2026), purpose: "annual report to our funder")))
    }

    @Test func readsTheSpanishBlockWithASchool() {
        let text = """
            Solicitud de datos:
            Medidas: asistencia, conducta
            Nivel: agregado
            Período: 2025–2026
            Propósito: informe anual
            Escuela: 101
            """
        #expect(
            DataRequestForm.read(text)
                == .request(
                    DataRequestForm(
                        measures: [.attendance, .behavior], level: .aggregate, period: SchoolYear(startYear: 2025),
                        purpose: "informe anual", school: "101")))
    }

    @Test func noHeadingIsNoRequest() {
        #expect(DataRequestForm.read("Measures: attendance\nLevel: aggregate") == .none)
        #expect(DataRequestForm.read("We would like a data request form, please.") == .none)
        #expect(DataRequestForm.read("") == .none)
    }

    @Test func everyProblemNamesItsLineAndWhatToWrite() throws {
        let text = "DATA REQUEST\nMeasures: atendance, grades, shoe size\nLevel: aggregate | identified\nPeriod: 2026"
        guard case .problems(let problems) = DataRequestForm.read(text) else {
            Issue.record("expected problems")
            return
        }
        #expect(problems.count == 5, "\(problems)")
        #expect(
            problems.contains { $0.hasPrefix("line 2: \"atendance\"") && $0.contains("did you mean \"attendance\"") })
        #expect(
            problems.contains { $0.hasPrefix("line 2: \"shoe size\" is not a measure") && !$0.contains("did you mean") }
        )
        #expect(problems.contains { $0.hasPrefix("line 3:") && $0.contains("exactly one of") })
        #expect(problems.contains { $0.hasPrefix("line 4:") && $0.contains("2026-2027") })
        #expect(problems.contains { $0.contains("no \"Purpose:\" line") })
    }

    @Test func schoolYears() {
        #expect(SchoolYear("2026-2027")?.startYear == 2026)
        #expect(SchoolYear("2026-2028") == nil)
        #expect(SchoolYear("26-27") == nil)
        #expect(SchoolYear(startYear: 2026).prior.description == "2025-2026")
        #expect(SchoolYear(containing: CalendarDay(year: 2027, month: 6, day: 30)!).description == "2026-2027")
        #expect(SchoolYear(containing: CalendarDay(year: 2027, month: 7, day: 1)!).description == "2027-2028")
    }

    @Test func teamDecisions() {
        #expect(DataTeamDecision.read("APPROVE") == .approve)
        #expect(DataTeamDecision.read("Approved, thanks!") == .approve)
        #expect(DataTeamDecision.read("aprobar") == .approve)
        #expect(
            DataTeamDecision.read("REJECT the purpose is not a study of the program")
                == .reject(reason: "the purpose is not a study of the program"))
        #expect(DataTeamDecision.read("Rechazar: falta el propósito") == .reject(reason: "falta el propósito"))
        #expect(DataTeamDecision.read("REJECT") == .rejectWithoutReason)
        #expect(DataTeamDecision.read("APPROVE\nREJECT no") == .conflicting)
        #expect(DataTeamDecision.read("Looks fine to me but I want to ask Sam first.") == .none)
        // A sentence that starts with the word is not the one-word line.
        #expect(DataTeamDecision.read("Approve this only after the board meeting next month please") == .none)
    }

    @Test func reviewTokens() throws {
        let key = try ReplyTokenKey(bytes: Array(0..<32))
        let request = DataRequestToken.Request(id: 12, siteID: "tutoring-101", receivedAt: "2026-12-03T10:00:00Z")
        let token = DataRequestToken.sign(request, secret: key)
        #expect(token.text.hasPrefix("q12."))
        let address = token.replyAddress(localPart: "data.requests", domain: "district.example")
        let messageID = token.reviewMessageID(round: "round 1 a@b", domain: "district.example")
        for values in [["Data Team <\(address)>"], ["<\(messageID)>"]] {
            let found = DataRequestToken.find(in: values, localPart: "data.requests", domain: "district.example")
            #expect(found.map(\.text) == [token.text])
            #expect(found.first?.verifies(for: request, keys: [key]) == true)
        }
        // Another request, site or time, or another key: no.
        #expect(
            !token.verifies(for: .init(id: 13, siteID: "tutoring-101", receivedAt: request.receivedAt), keys: [key]))
        #expect(
            !token.verifies(for: .init(id: 12, siteID: "tutoring-102", receivedAt: request.receivedAt), keys: [key]))
        #expect(!token.verifies(for: request, keys: [try ReplyTokenKey(bytes: Array(repeating: 7, count: 32))]))
        #expect(DataRequestToken.parse("q12.notbase32!!!!!!!!") == nil)
        #expect(DataRequestToken.parse("g12.ab3d5fgh2jk4mn6p") == nil)
    }
}
