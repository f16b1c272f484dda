import Foundation
import SweepCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `human`: a person judges at each checkpoint. With `via=terminal` (the default) the brief is
/// shown on the terminal and the answer read from it: `p` or `prune` (optionally followed by a
/// reason), `c`, `continue` or an empty line; workers take turns, one question at a time. With
/// `via=queue` the question is stored with the study and waits in the judging queue, answered on
/// `sweep serve`'s judging page or with `sweep answer`; many trials may wait at once. No answer
/// within `timeout` seconds counts as continue.
///
/// Spec keys: `via` (`terminal` or `queue`), `timeout` (seconds, default 120), `with_best`
/// (default 3), `n_startup_trials`, `n_warmup_steps`, `interval_steps` (default 10).
public struct HumanJudge: Judge {
    public let timeout: Double
    public let withBest: Int
    public let via: Via
    let checkpoints: JudgeCheckpoints
    /// Where questions are written and answers read: the terminal, unless a test gives descriptors.
    let terminal: Terminal

    /// Where the judge talks to its person.
    public enum Terminal: Sendable {
        /// `/dev/tty`, opened for each question.
        case controlling
        /// Given descriptors (for tests and embedding).
        case descriptors(input: Int32, output: Int32)
    }

    /// Where the person is asked.
    public enum Via: String, Sendable, CaseIterable {
        /// This process's terminal.
        case terminal
        /// The study's judging queue in storage (`sweep serve`, `sweep answer`).
        case queue
    }

    public init(spec: Spec, terminal: Terminal = .controlling) throws(SweepError) {
        let reader = try SpecReader(spec, allowed: ["via", "timeout", "with_best"] + JudgeCheckpoints.specKeys)
        let viaText = reader.string("via") ?? Via.terminal.rawValue
        guard let via = Via(rawValue: viaText) else {
            throw .invalidSpec(spec: spec.text, reason: "via must be terminal or queue, got '\(viaText)'")
        }
        self.via = via
        timeout = try reader.double("timeout", default: 120, range: 0.001...86_400)
        withBest = try reader.int("with_best", default: 3, min: 0)
        checkpoints = try JudgeCheckpoints(reader, intervalDefault: 10)
        self.terminal = terminal
    }

    private static let turn = Mutex<Void>(())

    public func decide(_ trial: TrialProgress, in study: StudyIndex) -> PruneDecision {
        guard checkpoints.isCheckpoint(trial, completed: study.completedCount), let step = trial.lastStep else {
            return .keepGoing
        }
        let brief = JudgeBrief(trial: trial, study: study, withBest: withBest).render(.markdown)
        return Self.turn.withLock { _ in ask(brief, step: step) }
    }

    public func judge(_ trial: TrialProgress, in study: StudyIndex, desk: CheckpointDesk) async throws -> PruneDecision {
        switch via {
        case .terminal:
            // On a thread of its own: waiting for a person must not hold one of the threads tasks share.
            let lent = LentIndex(study)
            return await onOwnThread { decide(trial, in: lent.index) }
        case .queue:
            guard checkpoints.isCheckpoint(trial, completed: study.completedCount), let step = trial.lastStep else {
                return .keepGoing
            }
            let brief = JudgeBrief(trial: trial, study: study, withBest: withBest).render(.markdown)
            let answered = try await desk.ask(step: step, brief: brief, timeout: timeout)
            return Self.decision(from: answered)
        }
    }

    /// The decision an answered question gives.
    static func decision(from question: Checkpoint) -> PruneDecision {
        let step = question.step
        guard let answer = question.answer, answer.by != CheckpointAnswer.timeoutName else {
            return PruneDecision(prune: false, notes: ["human judge at step \(step): no answer in time, counted as continue"])
        }
        let said = answer.reason.map { " — \($0)" } ?? ""
        if answer.prune {
            return PruneDecision(
                prune: true, reason: answer.reason ?? "\(answer.by) pruned it at step \(step)",
                notes: ["human judge (\(answer.by)) at step \(step): prune" + said])
        }
        return PruneDecision(prune: false, notes: ["human judge (\(answer.by)) at step \(step): continue" + said])
    }

    private func ask(_ brief: String, step: Int) -> PruneDecision {
        let input: Int32
        let output: Int32
        var opened: Int32 = -1
        switch terminal {
        case .descriptors(let i, let o):
            input = i
            output = o
        case .controlling:
            opened = open("/dev/tty", O_RDWR | O_NOCTTY)
            guard opened >= 0 else {
                return PruneDecision(prune: false, notes: ["human judge at step \(step): no terminal, counted as continue"])
            }
            input = opened
            output = opened
        }
        defer { if opened >= 0 { close(opened) } }
        let question = brief + "\nprune or continue? [p/c, a reason may follow] (continue in \(Int(timeout.rounded())) s): "
        _ = Array(question.utf8).withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
        guard let line = Self.readLine(input, timeout: timeout) else {
            _ = Array("\n(no answer: continue)\n".utf8).withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
            return PruneDecision(prune: false, notes: ["human judge at step \(step): no answer in time, counted as continue"])
        }
        return Self.decision(from: line, step: step)
    }

    /// The decision a typed line gives.
    static func decision(from line: String, step: Int) -> PruneDecision {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        let word = trimmed.prefix { !$0.isWhitespace }.lowercased()
        let rest = trimmed.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        let reason = rest.isEmpty ? nil : rest
        switch word {
        case "p", "prune", "stop":
            return PruneDecision(
                prune: true, reason: reason ?? "a person pruned it at step \(step)",
                notes: ["human judge at step \(step): prune" + (reason.map { " — \($0)" } ?? "")])
        case "", "c", "continue":
            return PruneDecision(
                prune: false, notes: ["human judge at step \(step): continue" + (reason.map { " — \($0)" } ?? "")])
        default:
            return PruneDecision(
                prune: false, notes: ["human judge at step \(step): answer '\(trimmed)' not understood, counted as continue"])
        }
    }

    /// One line from `fd`, nil when none came within `timeout` seconds or the input ended.
    static func readLine(_ fd: Int32, timeout: Double) -> String? {
        var reader = LineReader(fd: fd)
        guard case .line(let bytes) = reader.next(timeoutMilliseconds: max(1, Int(timeout * 1000))) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
