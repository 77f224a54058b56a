@testable import DocCtlCore
import Foundation
import Testing

/// The bigram postings that let the search script find Chinese words without a segmenter.
@Suite struct SearchIndexTests {
    static func entry(_ number: String, _ title: String, section: String = "", text: String = "") -> SearchIndex.Entry {
        SearchIndex.Entry(number: number, document: title, section: section, url: "\(number)/index.html", text: text)
    }

    @Test func everyPairOfNeighbouringChineseCharactersListsTheEntriesHoldingIt() {
        let index = SearchIndex(entries: [
            Self.entry("QP-04", "事件与服务请求管理程序"),
            Self.entry("QP-06", "变更管理程序", section: "5 事件升级", text: "变更经理 review ISO 事件"),
        ])
        #expect(index.bigrams["事件"] == [0, 1])
        #expect(index.bigrams["管理"] == [0, 1])
        #expect(index.bigrams["请求"] == [0])
        #expect(index.bigrams["升级"] == [1])
        // Only neighbours: 事件管理 is not written in either entry, so its middle pair is not listed.
        #expect(index.bigrams["件管"] == nil)
        // Pairs never span other text (a space, Latin letters, punctuation).
        #expect(index.bigrams["理r"] == nil && index.bigrams["与服"] == [0])
        #expect(index.bigrams.keys.allSatisfy { $0.unicodeScalars.count == 2 })
    }

    @Test func bigramsSkipNonCJKTextAndKeepExtensionBCharacters() {
        #expect(SearchIndex.bigrams(of: "ISO/IEC 20000-1 服务管理") == ["服务", "务管", "管理"])
        #expect(SearchIndex.bigrams(of: "𠀀字 a 字") == ["𠀀字"])
        #expect(SearchIndex.bigrams(of: "只") == [])
    }

    @Test func theIndexIsTheSameBytesForTheSameEntries() {
        let entries = [Self.entry("QP-04", "事件与服务请求管理程序", text: "服务台受理事件")]
        #expect(SearchIndex(entries: entries).json == SearchIndex(entries: entries).json)
        let json = String(decoding: SearchIndex(entries: entries).json, as: UTF8.self)
        #expect(json.contains("\"bigrams\":{"))
        #expect(json.contains("\"format\":2"))
    }
}
