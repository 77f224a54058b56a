import DocCtlCore
import Foundation

extension FixtureSet {
    /// The clauses the generated manual has a heading for: chapters 4–10 down to depth 3, titled.
    public static func manualClauses(depth: Int = 3) -> [Clause] {
        guard let tree = StandardsLibrary.builtIn.tree("iso-iec-20000-1-2018") else {
            preconditionFailure("the built-in iso-iec-20000-1-2018 clause tree is missing")
        }
        return tree.order.compactMap { tree.clause($0) }.filter { clause in
            guard let chapter = Int(clause.id.split(separator: ".").first ?? ""), (4...10).contains(chapter) else { return false }
            return clause.depth <= depth && !clause.untitled
        }
    }

    /// The manual body file holding chapter `chapter` (4…10).
    public static func chapterPath(_ chapter: Int) -> String {
        "manual/\(chapter < 10 ? "0" : "")\(chapter)-chapter.md"
    }

    /// The Markdown of one chapter: a heading per clause with a sentence under it.
    public static func chapterText(_ chapter: Int) -> String {
        var text = ""
        for clause in manualClauses() where clause.id == "\(chapter)" || clause.id.hasPrefix("\(chapter).") {
            let title = clause.titleZH ?? clause.titleEN ?? ""
            text += String(repeating: "#", count: clause.depth) + " \(clause.id) \(title)\n\n"
            text += "本公司按标准第\(clause.id)条的要求策划和实施相关活动，并保留成文信息。\n\n"
        }
        return text
    }

    /// A document set that passes `check --strict` with ``today``.
    public static func valid() -> FixtureSet {
        var set = FixtureSet()
        set.write("docset.yaml", """
            # 文件集设置 — 测试
            organization: { name: 测试信息技术有限公司, short: 测试科技 }
            standard: iso-iec-20000-1-2018
            language: zh-CN
            classification: [公开, 内部公开, 秘密, 机密]
            publish-up-to: 内部公开
            revision: { first: "A/0", skip-letters: [I, O] }
            coverage-depth: 3
            coverage-from: [manual]
            not-applicable: { }
            rules: { }
            external-documents:
              - { title: 中华人民共和国网络安全法, source: 全国人民代表大会常务委员会 }

            """)
        set.write("organization.yaml", """
            departments:
              - { id: gm, name: 总经理, parent: null, head: 周明远 }
              - { id: quality, name: 体系与质量部, parent: gm, head: 沈家宁 }
              - { id: service, name: 运维服务部, parent: gm, head: 赵一鸣 }

            """)
        set.write("responsibilities.csv", """
            clause,title,gm,quality,service
            4,组织环境,○,●,
            5,领导作用,●,○,
            7.5,成文信息,,●,○
            8,服务管理体系的运行,,○,●

            """)
        set.write("records.yaml", """
            - { id: REC-01, title: 文件发放回收登记表, owner: quality, retention: 3 years, procedure: QP-01 }
            - { id: REC-02, title: 文件更改申请单, owner: quality, retention: 5 years, procedure: QP-01 }

            """)
        set.write("manual/document.yaml", """
            number: \(manualNumber)
            title: IT服务管理手册
            type: manual
            owner: quality
            classification: 内部公开
            control: controlled
            clause-numbering: standard
            approvals:
              prepared: { name: 林若溪, date: 2025-06-08 }
              reviewed: { name: 沈家宁, date: 2025-06-10 }
              approved: { name: 周明远, date: 2025-06-15 }
            issued: 2025-06-15
            effective: 2025-06-15
            review-every: 12 months
            distribution:
              - { copy: "01", holder: 总经理 }
              - { copy: "02", holder: 体系与质量部 }

            """)
        set.write("manual/history.yaml", """
            - revision: "A/0"
              date: 2025-06-15
              change: 新建
              sections: 全部
              author: 林若溪
              approver: 周明远

            """)
        set.write("manual/00-front.md", """
            # 0 概述

            ## 0.1 手册管理

            本手册由体系与质量部按《成文信息控制程序》（[[QP-01]]）管理，发放记录见[[REC-01]]。

            ## 0.2 公司简介 {clause=none}

            本公司为客户提供IT运维服务，遵守《中华人民共和国网络安全法》。

            """)
        for chapter in 4...10 {
            set.write(chapterPath(chapter), chapterText(chapter))
        }
        set.write("manual/99-appendices.md", """
            # 附录A 程序文件清单

            {{procedure-list}}

            # 附录B 记录清单

            {{record-list}}

            """)
        set.write("\(procedureFolder)/document.yaml", """
            number: \(procedureNumber)
            title: 成文信息控制程序
            type: procedure
            owner: quality
            classification: 内部公开
            control: controlled
            clause-numbering: own
            clauses: [7.5.1, 7.5.2, 7.5.3, 7.5.4]
            records: [REC-01, REC-02]
            approvals:
              prepared: { name: 何思琪, date: 2025-03-06 }
              reviewed: { name: 沈家宁, date: 2025-03-10 }
              approved: { name: 周明远, date: 2025-03-16 }
            issued: 2025-03-16
            effective: 2025-03-16
            review-every: 12 months
            last-review: 2025-12-01
            distribution:
              - { copy: "01", holder: 总经理 }

            """)
        set.write("\(procedureFolder)/history.yaml", """
            - revision: "A/0"
              date: 2025-03-16
              change: 新建
              sections: 全部
              author: 何思琪
              approver: 周明远

            """)
        set.write("\(procedureFolder)/body.md", """
            # 1 目的

            规定成文信息从编写到销毁的控制方法，落实[[7.5]]的要求。

            # 2 范围

            适用于手册、程序文件、作业指导书和记录。

            # 3 职责

            - 体系与质量部：文件控制的归口部门。
            - 各部门：按本程序编写和保管本部门文件。

            # 4 工作程序

            ## 4.1 编号与标识

            文件编号按《IT服务管理手册》的规定编写。

            ## 4.2 发放与回收

            受控副本的发放记入[[REC-01]]，更改申请记入[[REC-02]]。

            # 5 记录

            - 文件发放回收登记表
            - 文件更改申请单

            """)
        return set
    }
}
