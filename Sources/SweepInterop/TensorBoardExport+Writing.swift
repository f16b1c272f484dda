import Foundation
import SweepCore

extension TensorBoardExport {
    /// What an export wrote.
    public struct Written: Sendable, Hashable {
        public var runs: Int
        public var scalars: Int
        public var bytes: Int
    }

    /// Writes the experiment file and every trial's run folder under `directory`.
    ///
    /// The folder must be new or empty: TensorBoard merges every event file of a run folder, so a
    /// second export into the same folder would show each point twice. With `replace`, an earlier
    /// export there is removed first: only files Sweep writes (`events.out.tfevents.*.sweep` at the
    /// root and in `trial-*` folders, and the folders it empties); anything else stays. When a write
    /// fails, what this call wrote is removed.
    /// - Throws: `SweepError.invalidArgument` for a folder that is a file or holds files (without
    ///   `replace`), `SweepError.storage` when a file cannot be written.
    public func write(to directory: URL, replace: Bool = false) throws -> Written {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        if existed && !isDirectory.boolValue {
            throw SweepError.invalidArgument("\(directory.path) is a file; expected a folder for TensorBoard's runs (new or empty)")
        }
        if existed {
            if replace { try Self.removeEarlierExport(in: directory) }
            let left = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
            let ours = left.filter { $0.hasPrefix("trial-") || Self.isSweepEventFile($0) }
            if !replace && !left.isEmpty {
                throw SweepError.invalidArgument(
                    "\(directory.path) is not empty (\(left.count) entr\(left.count == 1 ? "y" : "ies")); TensorBoard would merge "
                        + "an export with what is there: choose a new folder, or pass --force to replace an earlier export "
                        + "(only Sweep's event files are removed)")
            }
            if !ours.isEmpty {
                throw SweepError.invalidArgument(
                    "\(directory.path) still holds \(ours.sorted().prefix(3).joined(separator: ", ")) after removing Sweep's "
                        + "event files; remove them or choose a new folder")
            }
        }
        var created: [URL] = []
        do {
            if !existed {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true)
                created.append(directory)
            }
            var written = Written(runs: 0, scalars: 0, bytes: 0)
            let root = directory.appendingPathComponent(fileName)
            let experiment = experimentFile()
            try Self.create(root, experiment)
            created.append(root)
            written.bytes += experiment.count
            for trial in trials {
                let folder = directory.appendingPathComponent(runName(trial.number), isDirectory: true)
                try fm.createDirectory(at: folder, withIntermediateDirectories: false)
                created.append(folder)
                let bytes = runFile(trial)
                try Self.create(folder.appendingPathComponent(fileName), bytes)
                written.runs += 1
                written.scalars += trial.metrics.values.reduce(0) { $0 + $1.count }
                written.bytes += bytes.count
            }
            return written
        } catch {
            for url in created.reversed() { try? fm.removeItem(at: url) }
            if let error = error as? SweepError { throw error }
            throw SweepError.storage("cannot write TensorBoard's files under \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Writes a new file without syncing it to the disk (Foundation's `Data.write` syncs each file,
    /// which made an export of 1,000 trials spend most of its time waiting for the disk).
    private static func create(_ url: URL, _ bytes: [UInt8]) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw writeError(url) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw SweepError.storage("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    private static func writeError(_ url: URL) -> SweepError {
        .storage("cannot write \(url.path): \(String(cString: strerror(errno)))")
    }

    /// Whether a file name is an event file Sweep wrote.
    static func isSweepEventFile(_ name: String) -> Bool {
        name.hasPrefix("events.out.tfevents.") && name.hasSuffix(".sweep")
    }

    /// Removes Sweep's event files at the root and in `trial-*` folders, and the folders emptied.
    private static func removeEarlierExport(in directory: URL) throws {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let url = directory.appendingPathComponent(name)
            if isSweepEventFile(name) {
                try fm.removeItem(at: url)
            } else if name.hasPrefix("trial-") {
                let inside = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                for file in inside where isSweepEventFile(file) { try fm.removeItem(at: url.appendingPathComponent(file)) }
                if inside.allSatisfy(isSweepEventFile) { try fm.removeItem(at: url) }
            }
        }
    }
}
