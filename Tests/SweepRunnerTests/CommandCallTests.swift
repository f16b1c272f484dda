import Foundation
import Testing
@testable import SweepRunner

@Suite struct CommandCallTests {
    @Test func passesLargeInputsThroughWithoutDeadlock() {
        let input = String(repeating: "0123456789abcdef\n", count: 50_000)  // 850 kB, far beyond a pipe's buffer
        let result = CommandCall(command: "cat", timeout: 20).run(input: input)
        #expect(result.failure == nil)
        #expect(result.stdout == input)
    }

    @Test func outputBeyondTheLimitIsDropped() {
        let result = CommandCall(command: "head -c 5000 /dev/zero", timeout: 10, outputLimit: 1_000).run(input: "")
        #expect(result.failure == nil)
        #expect(result.stdout.utf8.count == 1_000)
    }

    @Test func aProgramThatIgnoresItsInputIsFine() {
        let result = CommandCall(command: "echo hello", timeout: 10).run(input: String(repeating: "x", count: 500_000))
        #expect(result.failure == nil)
        #expect(result.stdout == "hello\n")
    }

    @Test func aHangingProgramIsKilledAtTheTimeout() {
        let start = ContinuousClock.now
        let result = CommandCall(command: "sleep 120", timeout: 0.3).run(input: "")
        #expect(result.timedOut)
        #expect(result.failure == "it did not answer in time")
        #expect(ContinuousClock.now - start < .seconds(60), "the program sleeps 120 s")
    }

    @Test func failuresSayWhatHappened() {
        let failed = CommandCall(command: "echo oops >&2; exit 3", timeout: 10).run(input: "")
        #expect(failed.exitStatus == 3)
        #expect(failed.failure == "it exited with status 3: oops")
        let missing = CommandCall(command: "./no-such-program", timeout: 10).run(input: "")
        #expect(missing.exitStatus == 127)
        #expect(missing.failure?.contains("status 127") == true)
    }

    @Test func theEnvironmentIsPassed() {
        let result = CommandCall(command: "printf %s \"$SWEEP_TRIAL\"", timeout: 10, environment: ["SWEEP_TRIAL": "7"]).run(input: "")
        #expect(result.stdout == "7")
    }
}
