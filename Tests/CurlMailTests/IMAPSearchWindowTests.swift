import Foundation
import Testing

@testable import CurlMail

/// Searches in UID windows (libcurl 7.88 cuts long response lines), with small windows to see the seams.
@Suite struct IMAPSearchWindowTests {
    @Test func windowsCoverEveryUIDOnce() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver((1...23).map { IMAPFixtures.reply($0) }, to: server)
            let settings = try server.settings()
            let mailbox = try IMAPMailbox(settings: settings, searchWindow: 5)
            let all = try await mailbox.newMessages(since: nil)
            #expect(all.uids == Array(1...23))
            // Gaps: moved messages leave holes, windows over them come back empty.
            for uid: UInt32 in [3, 4, 5, 6, 7, 8, 9, 10, 11, 17] {
                try await mailbox.move(uid: uid, to: settings.processedMailbox)
            }
            #expect(
                try await mailbox.newMessages(since: nil).uids == [1, 2, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23])
            let checkpoint = IMAPCheckpoint(uidValidity: all.uidValidity, lastUID: 13)
            #expect(try await mailbox.newMessages(since: checkpoint).uids == [14, 15, 16, 18, 19, 20, 21, 22, 23])
            #expect(await mailbox.connectionsOpened == 1)
            await mailbox.close()
        }
    }
}
