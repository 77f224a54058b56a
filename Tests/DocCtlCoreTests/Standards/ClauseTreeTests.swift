@testable import DocCtlCore
import Testing

/// The built-in clause trees as data: ids, titles, suggestions, tolerant title matching.
@Suite struct ClauseTreeTests {
    @Test func everyBuiltInTreeLoads() throws {
        for id in StandardsLibrary.builtIn.ids {
            let tree = try #require(StandardsLibrary.builtIn.tree(id), "\(id)")
            #expect(!tree.order.isEmpty, "\(id)")
            #expect(tree.order.allSatisfy { tree.clause($0) != nil }, "\(id)")
        }
    }

    @Test func iso20000ReachesTheDeepestSubclauseInBothLanguages() throws {
        let tree = try #require(StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018"))
        let incident = try #require(tree.clause("8.6.1"))
        #expect(incident.title(.en).lowercased().contains("incident"))
        #expect(incident.title(.zhCN).contains("事件"))
        #expect(tree.ancestors(of: "8.6.1") == ["8.6", "8"])
        #expect(tree.clause("8.10") == nil || tree.clause("8.10")?.id != tree.clause("8.1")?.id)
    }

    @Test func aMistypedClauseGetsASuggestion() throws {
        let tree = try #require(StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018"))
        #expect(tree.suggestion(for: "8.6.1") == nil || tree.clause("8.6.1") != nil)
        #expect(tree.suggestion(for: "8.6.9") != nil)
    }

    @Test func titlesCompareToleratingWidthSpacingAndPunctuation() throws {
        let tree = try #require(StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018"))
        let title = try #require(tree.clause("4.1")).title(.zhCN)
        #expect(tree.titleMatches(title, clause: "4.1"))
        #expect(tree.titleMatches(" " + title.map(String.init).joined(separator: " ") + "。", clause: "4.1"))
        #expect(!tree.titleMatches("完全不同的标题", clause: "4.1"))
    }
}
