import Foundation
import SweepCore

/// Puts a trial's tree back: `git worktree add --detach DIR <commit>` in the recorded repository,
/// then `git apply` of the recorded diff, so that DIR holds what the trial ran (changes come back
/// unstaged and new files untracked, whatever was staged then).
///
/// It refuses, creating nothing, when the trial has no recorded commit, DIR exists, the
/// repository is gone or lacks the commit, or the diff does not apply (checked first on a
/// scratch index at the commit). A diff that was too large to store gives the worktree at the
/// commit with a warning in the steps.
public enum ReproductionWorktree {
    /// Creates the worktree; returns what was done, one sentence a step.
    public static func create(_ reproduction: Reproduction, at path: String) throws(SweepError) -> [String] {
        let trial = "trial \(reproduction.trial) of study '\(reproduction.study)'"
        guard let commit = reproduction.commit, let repository = reproduction.repository else {
            throw .invalidArgument(
                "\(trial) has no recorded git commit and repository (its command did not run in a git repository, "
                    + "or it was recorded before sweep kept them): there is nothing to check out")
        }
        let directory = Paths.absolute(path)
        guard !FileManager.default.fileExists(atPath: directory) else {
            throw .invalidArgument("\(directory) exists; give --worktree a folder that does not exist yet (git worktree add creates it)")
        }
        let git = Git(directory: repository)
        guard FileManager.default.fileExists(atPath: repository), git.text(["rev-parse", "--git-dir"]) != nil else {
            throw .invalidArgument("the recorded repository \(repository) of \(trial) is not a git repository any more")
        }
        guard git.run(["cat-file", "-e", "\(commit)^{commit}"])?.succeeded == true else {
            throw .invalidArgument(
                "commit \(commit) of \(trial) is not in the repository \(repository) (rebased away, or never fetched here?); "
                    + "fetch it, then run this again")
        }
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("sweep-reproduce-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: scratch) }
        var patchFile: String?
        if case .stored(let diff) = reproduction.changes, let patch = diff.patch, !patch.isEmpty {
            let file = scratch.appendingPathComponent("patch")
            do {
                try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
                try patch.write(to: file)
            } catch {
                throw .storage("cannot write the recorded diff to \(file.path): \(error)")
            }
            var staged = git
            staged.environment["GIT_INDEX_FILE"] = scratch.appendingPathComponent("index").path
            let check = staged.run(["read-tree", commit]).flatMap { $0.succeeded ? staged.run(["apply", "--cached", "--check", file.path]) : $0 }
            guard let check, check.succeeded else {
                throw .invalidArgument(
                    "the recorded diff \(diff.hash) of \(trial) does not apply to commit \(commit): \(check?.reason ?? "git did not run"); "
                        + "nothing was created")
            }
            patchFile = file.path
        }
        let created = git.run(["worktree", "add", "--detach", directory, commit])
        guard let created, created.succeeded else {
            throw .invalidArgument(
                "git worktree add --detach \(directory) \(commit) failed in \(repository): \(created?.reason ?? "git did not run")")
        }
        var steps = ["created the worktree \(directory) at commit \(commit) (git worktree add --detach, in \(repository))"]
        switch reproduction.changes {
        case .stored(let diff):
            if let patchFile {
                let applied = Git(directory: directory).run(["apply", "--whitespace=nowarn", patchFile])
                guard let applied, applied.succeeded else {
                    _ = git.run(["worktree", "remove", "--force", directory])
                    throw .invalidArgument(
                        "the recorded diff \(diff.hash) of \(trial) did not apply in \(directory): \(applied?.reason ?? "git did not run"); "
                            + "the worktree was removed again")
                }
            }
            let new = diff.untracked.isEmpty ? "" : ", adding the untracked files \(diff.untracked.joined(separator: ", "))"
            steps.append("applied the recorded diff \(diff.hash) (\(diff.bytes) bytes\(new)) with git apply")
        case .notStored:
            steps.append("WARNING: the trial's tree was dirty and its diff is not stored: this worktree has the commit without those changes")
        case .none:
            break
        }
        return steps
    }
}
