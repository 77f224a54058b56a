#!/usr/bin/env bash
# README "Start your own set", run as written: FirstDayTests runs this script with the docctl just
# built (DOCCTL=path), in an empty folder, and checks that README.md shows the part between the
# begin/end lines below byte for byte. Change both together.
set -euo pipefail
if [ -n "${DOCCTL:-}" ]; then docctl() { "$DOCCTL" "$@"; }; fi
cd "${1:?usage: scripts/start-your-own-set.sh EMPTY-FOLDER}"
# --- begin README ---
# 1. A new set for ISO/IEC 20000-1:2018: a manual with a TODO stub under every clause heading.
docctl init acme --standard iso-iec-20000-1-2018 --date 2026-01-05
docctl coverage acme | tail -1                 # total: 0/66 required clauses covered (0.0 %)
docctl build acme --draft -o preview           # preview/index.html: every page 草稿, its problems on top

# 2. Write the manual: replace every TODO paragraph by what your organisation does. (Here one
#    sentence for all, so that this walk-through runs unattended; write yours in your editor.)
sed -i 's/^TODO.*$/本组织按本手册和相关程序文件执行本条款的要求，职责见附录C职责分配表。/' acme/manual/*.md

# 3. Add a procedure: a folder holding document.yaml, history.yaml and the body in Markdown.
mkdir -p acme/procedures/QP-01-incident
cat > acme/procedures/QP-01-incident/document.yaml <<'EOF'
number: QP-01
title: 事件管理程序
type: procedure
owner: ops
classification: 内部公开
control: controlled
clause-numbering: own
clauses: [8.6.1]
records: [REC-02]
approvals:
  prepared: { name: 李明, date: 2026-01-06 }
  reviewed: { name: 王芳, date: 2026-01-07 }
  approved: { name: 张伟, date: 2026-01-08 }
issued: 2026-01-09
effective: 2026-01-12
review-every: 12 months
EOF
cat > acme/procedures/QP-01-incident/history.yaml <<'EOF'
- revision: "A/0"
  date: 2026-01-05
  change: 新建
  sections: 全部
  author: 李明
  approver: 张伟
EOF
cat > acme/procedures/QP-01-incident/body.md <<'EOF'
# 1 目的

尽快恢复中断的服务，减少事件对客户业务的影响。

# 2 职责

运维服务部受理、记录和处理事件，质量管理部每月统计事件的解决时间。

# 3 程序

服务台接到事件后填写《事件记录单》，按影响和紧急程度确定优先级，P1 事件十五分钟内通知值班经理。
EOF

# 4. Register the record the procedure keeps.
cat >> acme/records.yaml <<'EOF'
- { id: REC-02, title: 事件记录单, owner: ops, retention: 3 years, procedure: QP-01 }
EOF

# 5. The responsibility matrix: ● lead, ○ support; here the management representative (mr) also
#    supports incident management.
sed -i 's/^8\.6\.1,\(.*\),,,○,●$/8.6.1,\1,,○,○,●/' acme/responsibilities.csv

# 6. Approve the manual: names and dates of 编制 / 审核 / 批准, issue and effective dates, history.
sed -i -e 's/prepared: { name: , date: }/prepared: { name: 李明, date: 2026-01-06 }/' \
       -e 's/reviewed: { name: , date: }/reviewed: { name: 王芳, date: 2026-01-07 }/' \
       -e 's/approved: { name: , date: }/approved: { name: 张伟, date: 2026-01-08 }/' \
       -e 's/^issued: .*$/issued: 2026-01-09/' -e 's/^effective: .*$/effective: 2026-01-12/' acme/manual/document.yaml
sed -i -e 's/^  author: "".*$/  author: 李明/' -e 's/^  approver: "".*$/  approver: 张伟/' acme/manual/history.yaml

# 7. Check: no errors left, every clause covered.
docctl check acme --strict --today 2026-01-12
docctl coverage acme --min-percent 100 | tail -1   # total: 66/66 required clauses covered (100.0 %)

# 8. Release: seal each document's content digest in its history entry.
docctl release ITSM-M-01 --set acme
docctl release QP-01 --set acme

# 9. Publish to the intranet site folder (served by nginx, below) and verify it.
docctl publish acme --to site
docctl verify site
# --- end README ---
