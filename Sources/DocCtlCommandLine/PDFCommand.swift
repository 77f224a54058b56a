import ArgumentParser
import DocCtlCore
import Foundation

/// `docctl pdf DOC (--copy-no N | --uncontrolled) [-o FILE] [--browser PATH]`: the copy `docctl copy`
/// writes, printed to an A4 PDF by headless Chromium.
struct PDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Print a controlled or uncontrolled copy to an A4 PDF with headless Chromium.",
        usage: "docctl pdf <document> --copy-no <copy-no>|--uncontrolled [-o <output>] [--browser <browser>] [--set <set>] [--templates <templates>] [--today <today>]",
        discussion: """
            The page is the one `docctl copy` writes (copy number and holder, or 不受控 / uncontrolled, on every \
            printed page), printed by Chromium (chromium, chromium-browser, google-chrome or chrome on PATH, \
            or --browser). The PDF's title is the document's number, revision and title; its creation and \
            modification dates are the print date (--today, SOURCE_DATE_EPOCH or today), so the same sources \
            and browser give the same bytes. A controlled copy's issue is recorded like `copy` does, unless \
            --no-register. Exit status 2 when no browser is found or it fails.
            """
    )

    @OptionGroup var copy: CopyOptions

    @Option(help: "The Chromium or Chrome executable (default: the first of chromium, chromium-browser, google-chrome, chrome on PATH).")
    var browser: String?

    @OptionGroup var options: DiagnosticOptions

    func run() throws {
        // Found before anything is rendered or recorded: without a browser nothing happens.
        let executable: URL
        do { executable = try PDFPrinter.findBrowser(browser) } catch {
            FileHandle.standardError.write(Data("docctl pdf: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let date = try options.today.map { try DiagnosticOptions.day($0) } ?? WorkflowReport.defaultDay()
        try CopyCommand.issue(copy, options: options, command: "pdf", what: " (PDF)") { (page, target) throws(WorkflowError) -> Data in
            let revision = target.current?.revisionText ?? ""
            return try PDFPrinter.print(html: page.html, title: "\(target.number) \(revision) \(target.title)", date: date, browser: executable)
        }
    }
}

/// Prints an HTML page to PDF with headless Chromium, and makes the result reproducible.
enum PDFPrinter {
    static let browserNames = ["chromium", "chromium-browser", "google-chrome", "chrome"]

    static func findBrowser(_ named: String?) throws(WorkflowError) -> URL {
        let fileManager = FileManager.default
        if let named {
            let url = URL(fileURLWithPath: named)
            guard fileManager.isExecutableFile(atPath: url.path) else {
                throw .environment("--browser \(named) is not an executable file")
            }
            return url
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in browserNames {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if fileManager.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        throw .environment("no Chromium found on PATH (\(browserNames.joined(separator: ", "))); install it or name it with --browser")
    }

    static func print(html: String, title: String, date: Day, browser: URL) throws(WorkflowError) -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docctl-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let page = folder.appendingPathComponent("page.html")
            try Data(withTitle(html, title).utf8).write(to: page)
            let pdf = folder.appendingPathComponent("page.pdf")
            let process = Process()
            process.executableURL = browser
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                                 "--disable-extensions", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
                                 "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                                 "--print-to-pdf=\(pdf.path)", page.absoluteString]
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = "UTC"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
                let last = String(decoding: stderr, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
                throw WorkflowError.environment("\(browser.path) did not print the PDF (exit \(process.terminationStatus))\(last.isEmpty ? "" : ": \(last)")")
            }
            return fixDates(data, date)
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw .environment("cannot print the PDF: \(error.localizedDescription)")
        }
    }

    /// The page with `<title>` set to `title` (escaped): Chromium makes it the PDF's Title.
    static func withTitle(_ html: String, _ title: String) -> String {
        guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>", range: start.upperBound..<html.endIndex) else { return html }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return html.replacingCharacters(in: start.upperBound..<end.lowerBound, with: escaped)
    }

    /// `/CreationDate (D:…)` and `/ModDate (D:…)` set to `date` at 00:00 UTC, written over the
    /// clock time Chromium put there (digits over digits, the same number of bytes), so the cross-reference offsets
    /// stay valid.
    static func fixDates(_ data: Data, _ date: Day) -> Data {
        var bytes = [UInt8](data)
        let stamp = Array(String(format: "%04d%02d%02d000000", date.year, date.month, date.day).utf8)
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            let pattern = Array(key.utf8)
            var index = 0
            while index + pattern.count < bytes.count {
                guard bytes[index] == pattern[0], Array(bytes[index..<index + pattern.count]) == pattern else { index += 1; continue }
                var position = index + pattern.count
                var end = position
                while end < bytes.count, bytes[end] != UInt8(ascii: ")") { end += 1 }
                // D:YYYYMMDDHHmmSS, then the zone (+00'00': Chromium runs with TZ=UTC) stays as it is.
                for byte in stamp where position < end && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9") {
                    bytes[position] = byte
                    position += 1
                }
                index = end
            }
        }
        return Data(bytes)
    }
}
