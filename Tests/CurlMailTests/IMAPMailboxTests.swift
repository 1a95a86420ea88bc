import CurlMail
import Foundation
import Testing

/// Against a real Dovecot (Debian dovecot-imapd) started from its own configuration: STARTTLS or implicit
/// TLS with the test CA, one user, a maildir.
@Suite struct IMAPMailboxTests {
    @Test(arguments: ["imap", "imaps"])
    func logsInOverTLSAndPollsAnEmptyMailbox(scheme: String) async throws {
        try await DovecotServer.with { server in
            let mailbox = try IMAPMailbox(settings: server.settings(scheme: scheme))
            let (uidValidity, uids) = try await mailbox.newMessages(since: nil)
            #expect(uidValidity > 0)
            #expect(uids.isEmpty)
            await mailbox.close()
            // Dovecot counts loopback as secure and would take a clear-text login: "TLS" shows ours was not.
            try await server.waitForLog("Login: user=<roster>, method=PLAIN")
            let logins = server.log.split(separator: "\n").filter { $0.contains("Login: user=<roster>") }
            #expect(logins.count == 1)
            #expect(logins.allSatisfy { $0.contains(", TLS, ") })
        }
    }

    @Test func wrongPasswordIsAnAuthError() async throws {
        try await DovecotServer.with { server in
            let mailbox = try IMAPMailbox(settings: server.settings(password: "wrong"))
            let error = await #expect(throws: IMAPError.self) { try await mailbox.newMessages(since: nil) }
            #expect(error?.code == .auth)
            #expect(error?.response?.contains("AUTHENTICATIONFAILED") == true)
            #expect(error?.description.contains("wrong") == false)
        }
    }

    @Test(arguments: ["imap", "imaps"])
    func unknownCertificateAuthorityIsATLSError(scheme: String) async throws {
        try await DovecotServer.with { server in
            var settings = try server.settings(scheme: scheme)
            settings.caFile = nil  // the system CAs do not know the test CA
            let mailbox = try IMAPMailbox(settings: settings)
            let error = await #expect(throws: IMAPError.self) { try await mailbox.newMessages(since: nil) }
            #expect(error?.code == .tls)
            #expect(!server.log.contains("Login: user=<roster>"))
        }
    }

    @Test func missingMailboxIsReported() async throws {
        try await DovecotServer.with { server in
            let mailbox = try IMAPMailbox(settings: server.settings(mailbox: "Nope"))
            let error = await #expect(throws: IMAPError.self) { try await mailbox.newMessages(since: nil) }
            #expect(error?.code == .mailboxMissing)
            #expect(error?.response?.contains("doesn't exist") == true)
        }
    }

    /// 25 replies: polled, fetched byte for byte, moved to Processed, all over one connection.
    @Test func pollFetchMoveRoundTrip() async throws {
        try await DovecotServer.with { server in
            let replies = (1...25).map { IMAPFixtures.reply($0) }
            try IMAPFixtures.deliver(replies, to: server)
            let settings = try server.settings()
            let mailbox = try IMAPMailbox(settings: settings)

            let (uidValidity, uids) = try await mailbox.newMessages(since: nil)
            #expect(uids == Array(1...25))
            var checkpoint: IMAPCheckpoint?
            for uid in uids {
                let message = try await mailbox.fetch(uid: uid)
                #expect(message.uid == uid)
                #expect(message.bytes == replies[Int(uid) - 1], "UID \(uid)")
                try await mailbox.move(uid: uid, to: settings.processedMailbox)
                checkpoint = IMAPCheckpoint(uidValidity: uidValidity, lastUID: uid)
            }
            #expect(try await mailbox.newMessages(since: checkpoint).uids.isEmpty)
            #expect(try await mailbox.newMessages(since: nil).uids.isEmpty)  // nothing left: all moved
            #expect(await mailbox.connectionsOpened == 1)
            await mailbox.close()

            #expect(try await server.uids(in: "Processed").count == 25)
            // Fetching set \Seen (BODY[], not BODY.PEEK[]).
            let flags = try server.doveadm(["fetch", "-u", "roster", "flags", "mailbox", "Processed", "uid", "1"])
            #expect(flags.contains("\\Seen"))
        }
    }

    @Test func checkpointReturnsOnlyNewerUIDs() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver((1...3).map { IMAPFixtures.reply($0) }, to: server)
            let mailbox = try IMAPMailbox(settings: server.settings())
            let first = try await mailbox.newMessages(since: nil)
            #expect(first.uids == [1, 2, 3])
            var checkpoint = IMAPCheckpoint(uidValidity: first.uidValidity, lastUID: 3)
            // Nothing new; the messages are still there (not moved): `UID SEARCH UID 4:*` matches UID 3 anyway.
            #expect(try await mailbox.newMessages(since: checkpoint) == (first.uidValidity, []))

            try IMAPFixtures.deliver((4...5).map { IMAPFixtures.reply($0) }, to: server)
            #expect(try await mailbox.newMessages(since: checkpoint).uids == [4, 5])
            checkpoint.lastUID = 4
            #expect(try await mailbox.newMessages(since: checkpoint).uids == [5])
            checkpoint.lastUID = 99  // beyond the highest UID
            #expect(try await mailbox.newMessages(since: checkpoint).uids.isEmpty)
            checkpoint.lastUID = 0
            #expect(try await mailbox.newMessages(since: checkpoint).uids == [1, 2, 3, 4, 5])
            #expect(await mailbox.connectionsOpened == 1)
            await mailbox.close()
        }
    }

    @Test func uidValidityChangeMeansRescanAndGuardsFetch() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver((1...3).map { IMAPFixtures.reply($0) }, to: server)
            let mailbox = try IMAPMailbox(settings: server.settings())
            let first = try await mailbox.newMessages(since: nil)
            let checkpoint = IMAPCheckpoint(uidValidity: first.uidValidity, lastUID: 3)
            await mailbox.close()

            let changed = first.uidValidity &+ 1000
            try server.doveadm(["mailbox", "update", "-u", "roster", "--uid-validity", "\(changed)", "INBOX"])

            // A fetch by a UID from the old UIDVALIDITY is refused, not answered with whatever has that UID now.
            let error = await #expect(throws: IMAPError.self) { try await mailbox.fetch(uid: 1) }
            #expect(error?.code == .uidValidityChanged)
            let moveError = await #expect(throws: IMAPError.self) { try await mailbox.move(uid: 1, to: "Processed") }
            #expect(moveError?.code == .uidValidityChanged)
            #expect(try await server.uids(in: "INBOX") == [1, 2, 3])

            let rescan = try await mailbox.newMessages(since: checkpoint)
            #expect(rescan.uidValidity == changed)
            #expect(rescan.uids == [1, 2, 3])
            #expect(try await mailbox.fetch(uid: 2).bytes == IMAPFixtures.reply(2))
            await mailbox.close()
        }
    }

    @Test func fetchReturnsTheExactBytes() async throws {
        try await DovecotServer.with { server in
            var eightBit = Array("From: p@example.test\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n\r\n".utf8)
            eightBit += Array("Grüße, José – ½ ✓\r\n".utf8) + [0xE9, 0xFF, 0x80, 0x0D, 0x0A]  // raw Latin-1 and junk
            eightBit += Array((".\r\n..\r\n" + String(repeating: "x", count: 990) + "\r\n\r\n\r\n").utf8)
            var withNUL = Array("From: p@example.test\r\nSubject: nul\r\n\r\nbefore".utf8)
            withNUL += [0x00] + Array("after\r\n".utf8)
            try IMAPFixtures.deliver([eightBit, withNUL], to: server)

            let mailbox = try IMAPMailbox(settings: server.settings())
            #expect(try await mailbox.newMessages(since: nil).uids == [1, 2])
            #expect(try await mailbox.fetch(uid: 1).bytes == eightBit)
            // Dovecot stores the NUL but sends it as 0x80 in BODY[] (an IMAP literal may not hold NUL); the rest
            // of the message, before and after, arrives intact.
            let fetched = try await mailbox.fetch(uid: 2).bytes
            #expect(fetched == withNUL.map { $0 == 0 ? 0x80 : $0 })
            await mailbox.close()
        }
    }

    @Test func fetchOfAMissingUIDIsMessageMissing() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver([IMAPFixtures.reply(1)], to: server)
            let mailbox = try IMAPMailbox(settings: server.settings())
            _ = try await mailbox.newMessages(since: nil)
            let error = await #expect(throws: IMAPError.self) { try await mailbox.fetch(uid: 42) }
            #expect(error?.code == .messageMissing)
            // The mailbox goes on working after the failure (on a new connection).
            #expect(try await mailbox.fetch(uid: 1).bytes == IMAPFixtures.reply(1))
            await mailbox.close()
        }
    }

    @Test func fetchLargerThanTheLimitIsRefused() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver(
                [IMAPFixtures.reply(1, body: String(repeating: "y", count: 70) + "\r\n")], to: server)
            var settings = try server.settings()
            settings.maxMessageBytes = 100
            let mailbox = try IMAPMailbox(settings: settings)
            _ = try await mailbox.newMessages(since: nil)
            let error = await #expect(throws: IMAPError.self) { try await mailbox.fetch(uid: 1) }
            #expect(error?.code == .messageTooLarge)
            try await mailbox.move(uid: 1, to: settings.quarantineMailbox)  // it can still be quarantined
            #expect(try await server.uids(in: "Quarantine") == [1])
            await mailbox.close()
        }
    }

    @Test func reconnectsWhenTheServerDroppedTheSession() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver([IMAPFixtures.reply(1)], to: server)
            let mailbox = try IMAPMailbox(settings: server.settings())
            #expect(try await mailbox.newMessages(since: nil).uids == [1])
            server.dropSessions()
            try await server.waitForLog("Disconnected: Server shutting down")
            #expect(try await mailbox.fetch(uid: 1).bytes == IMAPFixtures.reply(1))
            let opened = await mailbox.connectionsOpened
            #expect(opened == 2)
            await mailbox.close()
        }
    }

    @Test func cancelStopsEveryLaterCall() async throws {
        try await DovecotServer.with { server in
            let mailbox = try IMAPMailbox(settings: server.settings())
            _ = try await mailbox.newMessages(since: nil)
            mailbox.cancel()
            let error = await #expect(throws: IMAPError.self) { try await mailbox.newMessages(since: nil) }
            #expect(error?.code == .cancelled)
            await mailbox.close()
        }
    }
}
