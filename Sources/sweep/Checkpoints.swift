import ArgumentParser
import Foundation
import SweepCore
import SweepWire

/// `sweep checkpoints`: the questions judges are waiting on (`human:via=queue`).
struct Checkpoints: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the trials waiting for a person's answer at a checkpoint (judge human:via=queue).",
        discussion: "Answer with `sweep answer TRIAL --prune|--continue`, or on `sweep serve`'s judging page.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Flag(help: "Every question asked, answered ones too.") var all = false
    @Flag(help: "Print each waiting question's brief (the trial beside the best ones).") var brief = false

    func run() async throws {
        let study = try await common.openStudy(studyOption.name, readOnly: true)
        let questions = try await study.storage.checkpoints(study: study.record.id, openOnly: !all)
        if common.json {
            try Output.json(questions.map(WireCheckpoint.init))
            return
        }
        guard !questions.isEmpty else {
            Output.line(all ? "no judge has asked anything in study '\(study.name)'" : "no trial of study '\(study.name)' is waiting for an answer")
            return
        }
        for question in questions {
            let view = WireCheckpoint(question)
            var line = "trial \(question.trialNumber) at step \(question.step): \(view.status)"
            if let answer = question.answer {
                line += " (\(answer.by)\(answer.reason.map { ": \($0)" } ?? ""))"
            } else {
                line += ", continues by itself at \(Wire.time(question.deadline))"
            }
            Output.line(line)
            if brief, question.isOpen { Output.line(question.brief + "\n") }
        }
    }
}

/// `sweep answer TRIAL --prune|--continue`: answers the question a judge is waiting on.
struct Answer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer a judge waiting at a trial's checkpoint: prune it or let it continue.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var studyOption: StudyOption
    @Argument(help: "The waiting trial's number.") var trial: Int
    @Flag(help: "Stop the trial.") var prune = false
    @Flag(name: .customLong("continue"), help: "Let the trial go on to its next checkpoint.") var keepGoing = false
    @Option(help: "Why, stored with the answer.") var reason: String?
    @Option(help: "Who answers (default: $USER).") var by: String?

    func validate() throws {
        try validateTrialNumber(trial, what: "TRIAL")
        if prune == keepGoing { throw ValidationError("give exactly one of --prune and --continue") }
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty || by == CheckpointAnswer.timeoutName {
            throw ValidationError("--by must name who answers, got '\(by)'")
        }
    }

    func run() async throws {
        let study = try await common.openStudy(studyOption.name)
        let waiting = try await study.storage.checkpoints(study: study.record.id, openOnly: true).filter { $0.trialNumber == trial }
        guard let question = waiting.last else {
            throw SweepError.invalidArgument("trial \(trial) of study '\(study.name)' is not waiting for an answer (see `sweep checkpoints`)")
        }
        let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "cli"
        let reasonText = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let stored = try await study.storage.answerCheckpoint(
            id: question.id, answer: CheckpointAnswer(prune: prune, reason: reasonText?.isEmpty == false ? reasonText : nil, by: who))
        guard let answer = stored.answer, answer.by == who, answer.prune == prune else {
            let given = stored.answer.map { "\($0.by) (\($0.prune ? "prune" : "continue"))" } ?? "someone"
            throw SweepError.invalidArgument("trial \(trial)'s question at step \(question.step) was answered already by \(given)")
        }
        if common.json {
            try Output.json(WireCheckpoint(stored))
        } else {
            Output.line("trial \(trial) at step \(question.step): \(prune ? "prune" : "continue")")
        }
    }
}
