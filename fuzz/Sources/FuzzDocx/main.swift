import DocCtlCore
import DocCtlImport
import Foundation

// The Word importer: a whole .docx when the input is a zip (or an OLE file), otherwise the input
// is word/document.xml of a package that has no other parts. Every outcome is an ImportedDocument
// or one ImportError; a crash, a hang or a leak is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    var options = ImportOptions()
    options.knownNumbers = ["QP-01", "REC-05"]
    options.clauseTree = StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018")
    do {
        let document: ImportedDocument
        if bytes.starts(with: [0x50, 0x4B]) || bytes.starts(with: [0xD0, 0xCF]) {
            document = try DocxImporter.importDocument(bytes, name: "fuzz.docx", options: options)
        } else {
            document = try DocxImporter.importParts(["word/document.xml": bytes], name: "fuzz.docx", options: options)
        }
        // Whatever was imported must read back as Markdown docctl can parse.
        for file in document.files where file.path.hasSuffix(".md") {
            _ = MarkdownParser.parse(String(decoding: file.data, as: UTF8.self), path: file.path).count
        }
        _ = document.report.text().count
    } catch {
        precondition(!error.message.isEmpty && !error.message.contains("\n"), "an import error is one line")
    }
    return 0
}
