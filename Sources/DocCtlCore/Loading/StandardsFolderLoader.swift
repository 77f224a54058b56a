import Foundation

extension StandardsLibrary {
    /// Adds the `*.xml` trees of a document set's `standards/` folder, reporting invalid ones.
    mutating func addTrees(in folder: URL, context: inout LoadContext) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        guard let schema = ClauseTreeReader.builtInSchema else { return }
        for name in names.sorted() where name.hasSuffix(".xml") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let path = context.relative(url)
            guard context.isInsideSet(url) else { continue }
            let data: Data
            switch SourceReader.readData(url) {
            case .success(let bytes): data = bytes
            case .failure(.tooLarge(let bytes, let limit)):
                context.reader.sink.report(Rules.fileTooLarge, at: SourceLocation(path: path),
                                           "\(path) is \(bytes) bytes; the limit is \(limit) bytes")
                continue
            case .failure(let problem):
                let reason = if case .unreadable(let text) = problem { ": \(text)" } else { "" }
                context.reader.sink.report(Rules.unreadableFile, at: SourceLocation(path: path), "cannot read \(path)\(reason)")
                continue
            }
            switch ClauseTreeReader.read(data, path: path, schema: schema) {
            case .success(let tree):
                if contains(tree.id), tree.origin != "built-in" {
                    context.reader.sink.report(Rules.unknownStandard, at: SourceLocation(path: path, line: 1),
                                               "clause tree '\(tree.id)' in \(path) replaces the built-in tree of the same id")
                }
                add(tree)
            case .failure(let failure):
                for problem in failure.problems {
                    context.reader.sink.report(Rules.unknownStandard, at: SourceLocation(path: path, line: problem.line, column: problem.column),
                                               "invalid clause tree: \(problem.message)")
                }
            }
        }
    }
}
