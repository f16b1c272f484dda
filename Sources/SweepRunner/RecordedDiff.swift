import Foundation
import SweepCore

/// The uncommitted changes of the tree a study's trials ran in: `git diff --binary` of the
/// tracked files' changes plus the untracked files (those `.gitignore` does not exclude), against
/// the recorded commit, so that `sweep reproduce N --worktree DIR` can put them back.
///
/// `sweep run` stores it once per study and content, as the study's system attribute
/// `git_diff:<hash>` (`hash` is git's blob id of the patch), and each trial's `provenance` names
/// the hash: a thousand trials of one dirty tree hold one copy. A patch over `limit` bytes is not
/// stored: its size and hash are, so that reproduce can say it cannot restore the tree exactly.
/// An untracked file larger than `limit`, and Sweep's own untracked output (SQLite databases,
/// `sweep-logs/`), are left out of the patch and named in `leftOut`.
public struct RecordedDiff: Sendable, Hashable {
    /// The largest patch stored: 1 MiB.
    public static let limit = 1 << 20
    /// The study system attribute's key before the hash.
    public static let keyPrefix = "git_diff:"

    /// The commit the patch applies to.
    public var commit: String
    /// Git's blob id of the patch (`git hash-object`).
    public var hash: String
    /// The patch's size in bytes.
    public var bytes: Int
    /// The patch; nil when it was over the limit and not stored.
    public var patch: Data?
    /// Untracked files the patch adds, relative to the repository.
    public var untracked: [String]
    /// Untracked files over the limit, not in the patch.
    public var leftOut: [String]

    public init(commit: String, hash: String, bytes: Int, patch: Data?, untracked: [String] = [], leftOut: [String] = []) {
        self.commit = commit
        self.hash = hash
        self.bytes = bytes
        self.patch = patch
        self.untracked = untracked
        self.leftOut = leftOut
    }

    /// The study system attribute's key.
    public var key: String { Self.keyPrefix + hash }

    /// The study system attribute: the patch as text (or base64 when it is not UTF-8).
    public var attribute: JSONValue {
        var o: [String: JSONValue] = [
            "commit": .string(commit), "hash": .string(hash), "bytes": .number(Double(bytes)),
            "untracked": .array(untracked.map(JSONValue.string)), "left_out": .array(leftOut.map(JSONValue.string)),
        ]
        if let patch {
            if let text = String(data: patch, encoding: .utf8) {
                o["patch"] = .string(text)
            } else {
                o["patch_base64"] = .string(patch.base64EncodedString())
            }
        }
        return .object(o)
    }

    /// What a trial's `provenance` says of it (`git_diff`): hash, size, and whether it is stored.
    public var summary: JSONValue {
        .object(["hash": .string(hash), "bytes": .number(Double(bytes)), "stored": .bool(patch != nil)])
    }

    /// Reads the study attribute back; nil when it is not one.
    public init?(attribute: JSONValue) {
        guard case .object(let o) = attribute, let commit = o["commit"]?.stringValue, let hash = o["hash"]?.stringValue,
            let bytes = o["bytes"]?.doubleValue, let count = Int(exactly: bytes)
        else { return nil }
        var patch: Data?
        if let text = o["patch"]?.stringValue {
            patch = Data(text.utf8)
        } else if let encoded = o["patch_base64"]?.stringValue {
            guard let data = Data(base64Encoded: encoded) else { return nil }
            patch = data
        }
        func names(_ key: String) -> [String] {
            guard case .array(let items)? = o[key] else { return [] }
            return items.compactMap(\.stringValue)
        }
        self.init(commit: commit, hash: hash, bytes: count, patch: patch, untracked: names("untracked"), leftOut: names("left_out"))
    }
}
