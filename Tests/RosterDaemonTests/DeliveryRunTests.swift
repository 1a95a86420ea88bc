import Foundation
import Testing

@testable import RosterDaemon

@Suite("delivery run: what the channels share")
struct DeliveryRunTests {
    @Test("the rate limit hands out one slot per interval across threads")
    func sharedSlots() async throws {
        let run = DeliveryRun(ratePerSecond: 50)
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            for _ in 0..<5 { run.waitForSlot() }
        }
        // 15 slots 20 ms apart: the last one is at least 280 ms after the first (a lower bound only).
        #expect(ContinuousClock.now - start >= .milliseconds(280))
    }

    @Test("no limit: no waiting")
    func unlimited() {
        let run = DeliveryRun(ratePerSecond: 0)
        let start = ContinuousClock.now
        for _ in 0..<10_000 { run.waitForSlot() }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("outcomes are tallied; deferred and unknown are left for a later run; stopped channels are counted")
    func tallyAndStoppedChannels() {
        let run = DeliveryRun(ratePerSecond: 0)
        run.count(.sent, id: 1)
        run.count(.deferred, id: 2)
        run.count(.unknown, id: 3)
        run.count(.failed, id: 4)
        #expect(run.summary == OutboxSender.Summary(sent: 1, deferred: 1, failed: 1, unknown: 1, paused: nil))
        #expect(run.retryLater == [2, 3])
        #expect(run.stoppedChannels == nil)
        run.channelStopped("421 too many connections")
        run.channelStopped("connection refused")
        #expect(run.stoppedChannels?.reason == "421 too many connections")
        #expect(run.stoppedChannels?.count == 2)
    }

    @Test("the next mailing of a week is computed once per run")
    func nextMailingCached() {
        let run = DeliveryRun(ratePerSecond: 0)
        var calls = 0
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<3 {
            #expect(
                run.nextMailing(after: "2026-W49") { _ in
                    calls += 1
                    return date
                } == date)
        }
        #expect(calls == 1)
    }
}

#if os(Linux)
    @Suite("idle memory")
    struct IdleMemoryTests {
        @Test("a /proc/self/maps line is read; only read-only file mappings are advised")
        func mappingLines() throws {
            let text = try #require(
                IdleMemory.Mapping(
                    "7f00b7400000-7f00b79d3000 r-xp 00000000 08:01 1234   /opt/swift/lib/libswiftCore.so\n"))
            #expect(text.start == 0x7f00_b740_0000 && text.length == 0x5d3000)
            #expect(text.path == "/opt/swift/lib/libswiftCore.so" && text.isReadOnlyFile)
            #expect(
                IdleMemory.Mapping("55dc8ec4c000-55dc910a2000 rw-p 01dc4000 08:01 99 /usr/bin/rostermail\n")?
                    .isReadOnlyFile == false)
            #expect(
                IdleMemory.Mapping("5628c73ad000-5628c7400000 rw-p 00000000 00:00 0 [heap]\n")?.isReadOnlyFile == false)
            #expect(IdleMemory.Mapping("7ffd1000-7ffd3000 r--p 00000000 00:00 0\n")?.isReadOnlyFile == false)
            #expect(IdleMemory.Mapping("garbage") == nil)
            #expect(IdleMemory.Mapping("20-10 r--p 0 0:0 0 /x") == nil)
        }

        @Test("after the release the process runs on: its code pages come back from the file")
        func releaseThenRun() throws {
            #expect(IdleMemory.release() > 0)
            let data = try JSONEncoder().encode(["after": "release"])
            #expect(String(decoding: data, as: UTF8.self) == #"{"after":"release"}"#)
        }
    }
#endif
