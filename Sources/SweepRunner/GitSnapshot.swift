import Foundation

/// The git repository a study's command runs in, as it is when `sweep run` starts: its top
/// folder, the commit, whether the tree is dirty, and the dirty tree's diff (`RecordedDiff`).
///
/// The diff is made without touching the user's index: a copy of the index (in a temporary
/// folder, through `GIT_INDEX_FILE`) gets `git add -u` and the untracked files that are not
/// ignored, then `git diff --cached --binary HEAD` runs on it. Adding writes the untracked files'
/// blobs into the repository's object store, as `git add` would (git's gc removes them later).
struct GitSnapshot: Sendable {
    var repository: String
    var commit: String
    var dirty: Bool
    var diff: RecordedDiff?

    /// The repository `directory` is in; nil when it is in none, or the repository has no commit.
    static func take(in directory: String, limit: Int = RecordedDiff.limit) -> GitSnapshot? {
        guard let top = Git(directory: directory).text(["rev-parse", "--show-toplevel"]), !top.isEmpty else { return nil }
        let git = Git(directory: top)
        guard let commit = git.text(["rev-parse", "--verify", "HEAD^{commit}"]) else { return nil }
        let status = git.text(["status", "--porcelain"]) ?? ""
        var snapshot = GitSnapshot(repository: top, commit: commit, dirty: !status.isEmpty)
        if snapshot.dirty { snapshot.diff = diff(git, commit: commit, limit: limit) }
        return snapshot
    }

    /// The dirty tree's diff; nil when git fails part way (the trial still records `git_dirty`).
    private static func diff(_ git: Git, commit: String, limit: Int) -> RecordedDiff? {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("sweep-diff-\(UUID().uuidString)")
        guard (try? fm.createDirectory(at: scratch, withIntermediateDirectories: true)) != nil else { return nil }
        defer { try? fm.removeItem(at: scratch) }
        let index = scratch.appendingPathComponent("index").path
        if let own = git.text(["rev-parse", "--git-path", "index"]) {
            let path = own.hasPrefix("/") ? own : (git.directory as NSString).appendingPathComponent(own)
            try? fm.copyItem(atPath: path, toPath: index)
        }
        var staged = git
        staged.environment["GIT_INDEX_FILE"] = index
        if !fm.fileExists(atPath: index) { guard staged.run(["read-tree", commit])?.succeeded == true else { return nil } }
        guard staged.run(["add", "-u"])?.succeeded == true, let listed = git.run(["ls-files", "--others", "--exclude-standard", "-z"]),
            listed.succeeded
        else { return nil }
        var untracked: [String] = []
        var leftOut: [String] = []
        for name in listed.output.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) {
            let path = (git.directory as NSString).appendingPathComponent(name)
            let size = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > limit || isSweepOutput(name, path: path) { leftOut.append(name) } else { untracked.append(name) }
        }
        if !untracked.isEmpty {
            let list = scratch.appendingPathComponent("untracked")
            guard (try? Data(untracked.map { $0 + "\0" }.joined().utf8).write(to: list)) != nil,
                staged.run(["add", "--pathspec-from-file=\(list.path)", "--pathspec-file-nul"])?.succeeded == true
            else { return nil }
        }
        guard
            let patch = staged.run([
                "diff", "--cached", "--binary", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                "--src-prefix=a/", "--dst-prefix=b/", commit,
            ]), patch.succeeded
        else { return nil }
        let file = scratch.appendingPathComponent("patch")
        guard (try? patch.output.write(to: file)) != nil, let hash = git.text(["hash-object", "--no-filters", "--", file.path]) else { return nil }
        return RecordedDiff(
            commit: commit, hash: hash, bytes: patch.output.count, patch: patch.output.count <= limit ? patch.output : nil,
            untracked: untracked, leftOut: leftOut)
    }

    /// Sweep's own files, left out of the diff when they are not ignored: trial logs
    /// (`sweep-logs/`), SQLite databases (a study's storage) and their `-wal`, `-shm` and
    /// `-journal` files. They change with every run and are not what the trials ran.
    static func isSweepOutput(_ name: String, path: String) -> Bool {
        if name.hasPrefix("sweep-logs/") || name.contains("/sweep-logs/") { return true }
        for suffix in ["-wal", "-shm", "-journal"] where name.hasSuffix(suffix) {
            if isSQLite(String(path.dropLast(suffix.count))) { return true }
        }
        return isSQLite(path)
    }

    private static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\0".utf8)
    }
}
