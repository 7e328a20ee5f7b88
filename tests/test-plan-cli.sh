#!/bin/bash
# test-plan-cli.sh CLI: plan import (TAP output).
set -u
cli="$1"
fixtures="${G_TEST_SRCDIR:-$(dirname "$0")}/data/plan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

expect_status () {  # expect_status CODE DESCRIPTION COMMAND...
  local want="$1" desc="$2"; shift 2
  n=$((n + 1))
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc (exit $got, wanted $want)"; sed 's/^/# /' "$work/out" "$work/err"; failed=1
  fi
}

check () {    # check DESCRIPTION COMMAND...: an assertion about the last command's output
  local desc="$1"; shift
  n=$((n + 1))
  if "$@" >/dev/null 2>&1; then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"; sed 's/^/# /' "$work/out" "$work/err"; failed=1
  fi
}

plan="$fixtures/town-plan.txt"
db="$work/db"

cat >"$work/expected" <<'OUTLINE'
一、 加强组织领导
  （一） 调整领导小组。根据人事变动及时调整领导小组成员，明确职责分工。
  （二） 健全工作制度
    1、 每季度召开一次领导小组会议
    2、 年初制订计划，督促各村制定相应计划
二、 扎实开展拥军优属
  （一） 走访慰问
    1. 春节期间走访慰问重点优抚对象
    2. “八一”建军节期间慰问驻镇部队和武警中队，组织基干民兵参加军事技能比武。
  （二） 落实优待政策
    ① 按标准及时足额发放义务兵家庭优待金
    ② 做好退役军人帮扶工作
三、 年终总结评比
OUTLINE

expect_status 0 "dry run succeeds without a database" "$cli" --db "$db" plan import "$plan" --year 2025 --dry-run
check "dry run prints the outline exactly" diff -u "$work/expected" "$work/out"
check "dry run wrote no database" test ! -e "$db/office.db"

expect_status 0 "init" "$cli" --db "$db" init
sqlite3 "$db/office.db" "INSERT INTO unit (name, created_at, created_by, updated_at, updated_by)
  VALUES ('青石镇', '2025-01-01T00:00:00', 'test', '2025-01-01T00:00:00', 'test')"
expect_status 0 "import writes the plan" "$cli" --db "$db" plan import "$plan" --year 2025 --unit 青石镇
check "import reports the plan and its items" grep -q "^plan [0-9]*, items 13$" "$work/out"

q () { sqlite3 "$db/office.db" "$1"; }
n=$((n + 1))
got=$(q "SELECT COUNT(*) || ' ' || group_concat(level, '') FROM (SELECT level FROM plan_item ORDER BY id)")
if [ "$got" = "13 0112201221220" ]; then echo "ok $n - items and levels stored"; else echo "not ok $n - items/levels: $got"; failed=1; fi
n=$((n + 1))
got=$(q "SELECT p.year || '|' || p.title || '|' || p.preface || '|' || u.name FROM plan p JOIN unit u ON u.id = p.unit_id")
if [ "$got" = "2025|青石镇2025年双拥工作计划|为巩固双拥创建成果，结合本镇实际，制定本计划。|青石镇" ]; then
  echo "ok $n - plan row: year, title, preface, unit"
else
  echo "not ok $n - plan row: $got"; failed=1
fi
n=$((n + 1))
got=$(q "SELECT c.label || '<' || p.label || ':' || c.position FROM plan_item c JOIN plan_item p ON p.id = c.parent_id
         WHERE c.title LIKE '做好退役军人%'")
if [ "$got" = "②<（二）:1" ]; then echo "ok $n - parent and position"; else echo "not ok $n - parent/position: $got"; failed=1; fi
n=$((n + 1))
got=$(q "SELECT COUNT(*) FROM plan_item WHERE parent_id IS NULL")
if [ "$got" = 3 ]; then echo "ok $n - three top-level items"; else echo "not ok $n - top level: $got"; failed=1; fi

expect_status 1 "an unknown unit fails" "$cli" --db "$db" plan import "$plan" --year 2025 --unit 不存在的镇
check "the failure names the unit" grep -q "不存在的镇" "$work/err"
n=$((n + 1))
got=$(q "SELECT COUNT(*) FROM plan")
if [ "$got" = 1 ]; then echo "ok $n - nothing written on failure"; else echo "not ok $n - plans: $got"; failed=1; fi

expect_status 2 "a missing file is a usage error" "$cli" --db "$db" plan import "$work/nope.txt" --year 2025
check "the error names the file" grep -q "nope.txt" "$work/err"
cp "$plan" "$work/plan.docx"
expect_status 2 "a text file named .docx is refused" "$cli" --db "$db" plan import "$work/plan.docx" --year 2025
check "the refusal says it is not a zip and to save as .txt" grep -q "zip.*\.txt" "$work/err"
cp "$plan" "$work/plan.doc"
expect_status 2 "an old .doc is refused" "$cli" --db "$db" plan import "$work/plan.doc" --year 2025
check "the .doc refusal says to save as .docx or .txt" grep -q "\.docx.*\.txt" "$work/err"

# A Word document: headings in runs split mid-word, automatic numbering, a table.
mkdir -p "$work/docx/word"
cat >"$work/docx/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
XML
cat >"$work/docx/word/numbering.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>
XML
cat >"$work/docx/word/document.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>青石镇2025年双拥</w:t></w:r><w:r><w:t>工作计划</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>加强组</w:t></w:r><w:r><w:t>织领导</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>调整领导小组</w:t></w:r></w:p>
<w:p><w:r><w:t>二、扎实开展</w:t></w:r><w:r><w:tab/><w:t>拥军优属</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1. 春节走访</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2. 八一慰问</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sectPr/></w:body></w:document>
XML
(cd "$work/docx" && zip -q -X -r ../plan-real.docx '[Content_Types].xml' word)
cat >"$work/expected-docx" <<'OUTLINE'
一、 加强组织领导
  （一） 调整领导小组
二、 扎实开展	拥军优属
  1. 春节走访
  2. 八一慰问
OUTLINE
expect_status 0 "a .docx dry run" "$cli" --db "$work/db-docx" plan import "$work/plan-real.docx" --year 2025 --dry-run
check "the .docx dry run prints the outline" diff -u "$work/expected-docx" "$work/out"
check "the dry run wrote no database" test ! -e "$work/db-docx"
printf '今年要做好双拥工作。\n' >"$work/garbage.txt"
expect_status 2 "a text without an outline is refused" "$cli" --db "$db" plan import "$work/garbage.txt" --year 2025
check "the refusal explains the numbering" grep -q "一、" "$work/err"
expect_status 2 "--year is required" "$cli" --db "$db" plan import "$plan"
expect_status 2 "an unknown subcommand" "$cli" --db "$db" plan export "$plan" --year 2025

echo "1..$n"
exit $failed
